// Fixture for the layering check's own test: net/ may include crypto/. Never compiled.
#pragma once
#include "crypto/SecureBuffer.h"
#include <boost/asio/io_context.hpp>
