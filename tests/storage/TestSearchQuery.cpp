#include "storage/SearchQuery.h"

#include <QtTest>

#include <string>

using namespace palisade::storage;

class TestSearchQuery : public QObject {
    Q_OBJECT
private slots:
    void toMatch_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("one word") << QByteArray("hello") << QByteArray("\"hello\"");
        QTest::newRow("two words are AND") << QByteArray("hello world") << QByteArray("\"hello\" \"world\"");
        QTest::newRow("prefix") << QByteArray("hel*") << QByteArray("\"hel*\"");
        QTest::newRow("one-letter prefix is a word") << QByteArray("h*") << QByteArray("\"h\"");
        QTest::newRow("phrase") << QByteArray("\"big red dog\"") << QByteArray("\"big red dog\"");
        QTest::newRow("unclosed phrase") << QByteArray("\"big red") << QByteArray("\"big red\"");
        QTest::newRow("operators are words") << QByteArray("cats OR dogs NOT birds")
                                             << QByteArray("\"cats\" \"OR\" \"dogs\" \"NOT\" \"birds\"");
        QTest::newRow("near is a word")
            << QByteArray("a NEAR/3 b") << QByteArray("\"a\" \"NEAR\" \"3\" \"b\"");
        QTest::newRow("column filter stripped")
            << QByteArray("body:secret") << QByteArray("\"body\" \"secret\"");
        QTest::newRow("minus stripped") << QByteArray("-secret") << QByteArray("\"secret\"");
        QTest::newRow("parentheses stripped") << QByteArray("(a OR b)") << QByteArray("\"a\" \"OR\" \"b\"");
        QTest::newRow("sql quote stripped") << QByteArray("x'); DROP TABLE messages;--")
                                            << QByteArray("\"x\" \"DROP\" \"TABLE\" \"messages\"");
        QTest::newRow("unicode") << QByteArray("grüße 東京*") << QByteArray("\"grüße\" \"東京*\"");
        QTest::newRow("empty quotes skipped") << QByteArray("\"\" word") << QByteArray("\"word\"");
        QTest::newRow("star inside phrase dropped") << QByteArray("\"ab* cd\"") << QByteArray("\"ab cd\"");
    }

    void toMatch()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        auto terms
            = parseSearchQuery(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
        QVERIFY(terms);
        QCOMPARE(QByteArray::fromStdString(toFtsMatch(*terms)), expected);
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("only punctuation") << QByteArray("*** \"\" -:()");
        QTest::newRow("invalid utf-8") << QByteArray("abc\xff");
        QTest::newRow("overlong utf-8") << QByteArray("\xc0\xaf");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80");
        QTest::newRow("truncated sequence") << QByteArray("ab\xe6\x9d");
        QTest::newRow("too long") << QByteArray(2000, 'a');
    }

    void rejected()
    {
        QFETCH(QByteArray, input);
        auto terms
            = parseSearchQuery(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
        QVERIFY(!terms);
        QCOMPARE(terms.error().code, ErrorCode::InvalidQuery);
    }

    void limitsTermsAndWordLength()
    {
        std::string many;
        for (int i = 0; i < 40; ++i) {
            many += "w" + std::to_string(i) + " ";
        }
        auto terms = parseSearchQuery(many);
        QVERIFY(terms);
        QCOMPARE(terms->size(), maxSearchTerms);
        // A long run of 3-byte characters is cut at a character boundary.
        std::string longWord;
        for (int i = 0; i < 40; ++i) {
            longWord += "東";
        }
        auto clipped = parseSearchQuery(longWord);
        QVERIFY(clipped);
        QVERIFY(clipped->front().words.front().size() <= maxSearchWordBytes);
        QCOMPARE(clipped->front().words.front().size() % 3, std::size_t { 0 });
    }
};

QTEST_GUILESS_MAIN(TestSearchQuery)
#include "TestSearchQuery.moc"
