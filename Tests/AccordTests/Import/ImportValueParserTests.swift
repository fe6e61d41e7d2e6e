import Foundation
import Testing

@testable import Accord

struct ImportValueParserTests {
    @Test(arguments: [
        ("250", 250.0), ("-3.5", -3.5), ("+7", 7), ("0", 0), ("0.25", 0.25), ("1,200", 1200),
        ("12,345.5", 12345.5), ("1,000,000", 1_000_000), (" 42 ", 42), ("9", 9),
        ("123456789012345", 123_456_789_012_345), ("\u{00A0}17", 17),
    ])
    func readsNumbers(text: String, expected: Double) {
        #expect(ImportValueParser.number(text) == expected)
    }

    @Test(arguments: [
        "1,5", "1,20", "12,34,567", "02134", "1e5", "inf", "nan", "", "-", "1.", ".5", "1 200",
        "$100", "1234567890123456", "12abc", "00", "１２", "12\u{0301}",
    ])
    func rejectsAmbiguousOrNonNumbers(text: String) {
        #expect(ImportValueParser.number(text) == nil)
    }

    @Test(arguments: ["", "  ", "N/A", "n/a", "#N/A", "null", "NULL", "-", " - "])
    func placeholdersAreMissing(text: String) {
        #expect(ImportValueParser.isMissing(text))
        #expect(ImportValueParser.present(text) == nil)
    }

    @Test(arguments: [
        (" Acme Corp ", "Acme Corp"), ("\tAcme\r\n", "Acme"), ("Acme", "Acme"), ("\u{00A0}Acme", "Acme"),
        ("a  b", "a  b"), ("Null Island", "Null Island"),
    ])
    func presentTextIsTrimmedAtItsEdgesOnly(text: String, expected: String) {
        #expect(ImportValueParser.present(text) == expected)
    }

    @Test(arguments: ["none", "0", "NA", "--"])
    func otherTextIsPresent(text: String) {
        #expect(!ImportValueParser.isMissing(text))
    }

    @Test(arguments: [
        ("2026-11-23", 1_795_392_000.0),
        ("2026-11-23T10:00:00Z", 1_795_428_000),
        ("2026-11-23T10:00Z", 1_795_428_000),
        ("2026-11-23T10:00:00", 1_795_428_000),
        ("2026-11-23 10:00:00", 1_795_428_000),
        ("2026-11-23T11:00:00+01:00", 1_795_428_000),
        ("2026-11-23T05:00:00-0500", 1_795_428_000),
        ("2026-11-23T12:00:00+02", 1_795_428_000),
        ("2026-11-23T10:00:00.500Z", 1_795_428_000.5),
    ])
    func readsISO8601Dates(text: String, expected: Double) {
        #expect(ImportValueParser.date(text)?.timeIntervalSince1970 == expected)
    }

    @Test(arguments: [
        "2026-13-01", "2026-02-30", "23/11/2026", "2026-11-23T25:00:00Z", "2026-11-23T10",
        "2026-11-23T10:00:00 Z", "yesterday", "", "2026-11-23T10:00:00+1",
    ])
    func rejectsMalformedDates(text: String) {
        #expect(ImportValueParser.date(text) == nil)
    }

    @Test(arguments: [("true", true), ("YES", true), ("y", true), ("False", false), ("no", false)])
    func readsBooleans(text: String, expected: Bool) {
        #expect(ImportValueParser.bool(text) == expected)
    }
}
