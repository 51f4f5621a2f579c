#include "app/ui/Passphrase.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

namespace palisade::app {

int passphraseStrengthBits(const QString& passphrase)
{
    bool lower = false, upper = false, digit = false, other = false;
    QSet<QChar> distinct;
    for (const QChar c : passphrase) {
        distinct.insert(c);
        if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
    if (pool == 0)
        return 0;
    // Repeats add little: count each character fully once, then a quarter for repeats.
    const double effective
        = distinct.size() + 0.25 * static_cast<double>(passphrase.size() - distinct.size());
    return static_cast<int>(effective * std::log2(static_cast<double>(pool)));
}

int passphraseStrengthLevel(const QString& passphrase)
{
    const int bits = passphraseStrengthBits(passphrase);
    return bits < 28 ? 0 : bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
}

QString passphraseProblem(const QString& passphrase, const QString& repeated, int minimumLength)
{
    if (passphrase.size() < minimumLength)
        return QCoreApplication::translate("palisade::app::Passphrase",
            "Your organization requires at least %n characters.", nullptr, minimumLength);
    if (passphrase != repeated)
        return QCoreApplication::translate("palisade::app::Passphrase", "The two passphrases differ.");
    if (passphraseStrengthLevel(passphrase) == 0)
        return QCoreApplication::translate(
            "palisade::app::Passphrase", "This passphrase is too easy to guess; add a few more words.");
    return {};
}

} // namespace palisade::app
