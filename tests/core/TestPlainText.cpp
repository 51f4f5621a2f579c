// Unit tests of plainText(): other people's names and notes shown as plain text.
#include "core/contacts/PlainText.h"

#include <QtTest>

using palisade::core::plainText;

class TestPlainText : public QObject {
    Q_OBJECT
private slots:
    void keepsOrdinaryText() { QCOMPARE(plainText("Hello, Zoë 👋", 140), std::string("Hello, Zoë 👋")); }
    void dropsControlAndDirectionCharacters()
    {
        QCOMPARE(plainText("a\x1b[31mb\x07\x7f"
                           "c\xc2\x9b"
                           "d",
                     140),
            std::string("a[31mbcd"));
        QCOMPARE(plainText("evil\xE2\x80\xAE"
                           "gpj.exe\xE2\x80\x8B\xEF\xBB\xBF",
                     140),
            std::string("evilgpj.exe"));
        QCOMPARE(plainText("two\nlines\tand\rtab", 140), std::string("two lines and tab"));
    }
    void replacesInvalidUtf8()
    {
        QCOMPARE(plainText("a\xff"
                           "b\xc0\xaf"
                           "c\xed\xa0\x80",
                     140),
            std::string("a\xEF\xBF\xBD"
                        "b\xEF\xBF\xBD"
                        "c\xEF\xBF\xBD"));
    }
    void boundsByCodePoints()
    {
        QCOMPARE(plainText(std::string(500, 'x'), 140).size(), std::size_t { 140 });
        const std::string umlauts = plainText("äöüäöü", 4);
        QCOMPARE(umlauts, std::string("äöüä"));
        QCOMPARE(plainText("", 10), std::string());
    }
};

QTEST_GUILESS_MAIN(TestPlainText)
#include "TestPlainText.moc"
