#pragma once
/// @file
/// @brief Passphrase strength for the meter, and what is wrong with a chosen passphrase.
/// The minimum length comes from policy (`security.min_passphrase_length`).

#include <QString>

namespace palisade::app {

/// A rough entropy estimate in bits: length times log2 of the character classes used, with
/// repeated characters counted once. Good enough for a meter, not a guarantee.
[[nodiscard]] int passphraseStrengthBits(const QString& passphrase);

/// 0 (weak) to 4 (strong), from passphraseStrengthBits().
[[nodiscard]] int passphraseStrengthLevel(const QString& passphrase);

/// A sentence saying why @p passphrase cannot be used, or an empty string when it can.
[[nodiscard]] QString passphraseProblem(
    const QString& passphrase, const QString& repeated, int minimumLength);

} // namespace palisade::app
