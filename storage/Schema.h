#pragma once
/// @file
/// @brief The client profile's schema as migrations (documented in docs/storage.md).

#include "storage/Migrations.h"

#include <span>

namespace palisade::storage {

/// Every migration of the client schema, version 1 first.
[[nodiscard]] std::span<const Migration> clientMigrations() noexcept;

/// The schema version this build writes.
[[nodiscard]] int clientSchemaVersion() noexcept;

} // namespace palisade::storage
