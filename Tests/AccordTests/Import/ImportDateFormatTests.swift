import Foundation
import Testing

@testable import Accord

struct ImportDateFormatTests {
    @Test func readsDayFirstAndMonthFirstDatesOnlyAsTheirPatternSays() throws {
        let dayFirst = try ImportDateFormat(pattern: "DD-MM-YYYY")
        let monthFirst = try ImportDateFormat(pattern: "MM-DD-YYYY")
        #expect(dayFirst.date(from: "01-02-2018")?.timeIntervalSince1970 == 1_517_443_200)  // 1 Feb
        #expect(monthFirst.date(from: "01-02-2018")?.timeIntervalSince1970 == 1_514_851_200)  // 2 Jan
        #expect(dayFirst.date(from: "25-12-2018") != nil)
        #expect(monthFirst.date(from: "25-12-2018") == nil)
    }

    @Test(arguments: [
        ("MM/DD/YYYY", "1/2/2018", 1_514_851_200.0),
        ("MM/DD/YYYY", "01/02/2018", 1_514_851_200),
        ("DD.MM.YYYY", "02.01.2018", 1_514_851_200),
        ("YYYY-MM-DD HH:mm:ss", "2018-01-02 15:04:00", 1_514_905_440),
        ("M/D/YYYY h:mm A", "1/2/2018 3:04 PM", 1_514_905_440),
        ("M/D/YYYY h:mm a", "1/2/2018 12:04 am", 1_514_851_440),
        ("DD/MM/YYYY HH:mm Z", "02/01/2018 16:04 +01:00", 1_514_905_440),
        ("YYYY-MM-DD'T'HH:mm:ss.SSS", "2018-01-02T15:04:00.500", 1_514_905_440.5),
    ])
    func readsPatterns(pattern: String, text: String, expected: Double) throws {
        #expect(try ImportDateFormat(pattern: pattern).date(from: text)?.timeIntervalSince1970 == expected)
    }

    @Test(arguments: [
        ("DD-MM-YYYY", "31-02-2018"), ("DD-MM-YYYY", "01-13-2018"), ("DD-MM-YYYY", "2018-02-01"),
        ("DD-MM-YYYY", "01-02-2018 10:00"), ("MM/DD/YYYY", "01-02-2018"), ("h:mm A MM/DD/YYYY", "13:00 PM 01/02/2018"),
        ("YYYY-MM-DD HH:mm", "2018-01-02 24:00"), ("DD-MM-YYYY", ""),
    ])
    func refusesValuesThatDoNotFollowThePattern(pattern: String, text: String) throws {
        #expect(try ImportDateFormat(pattern: pattern).date(from: text) == nil)
    }

    @Test(arguments: ["DD-MM-YY", "DD-MM", "QQ-YYYY", "hh:mm DD-MM-YYYY", "DD-MM-YYYY 'at", "DD-DD-MM-YYYY"])
    func refusesPatternsItCannotRead(pattern: String) {
        let error = #expect(throws: ImportError.self) { try ImportDateFormat(pattern: pattern) }
        #expect(error?.code == .invalidDateFormat)
    }

    @Test func refusesAnUnknownTimeZone() {
        let error = #expect(throws: ImportError.self) {
            try ImportDateFormat(pattern: nil, timeZone: "Mars/Olympus")
        }
        #expect(error?.code == .invalidDateFormat)
        #expect(error?.description.contains("IANA") == true)
    }

    @Test func readsDatesWithoutAnOffsetInTheTimeZone() throws {
        let newYork = try ImportDateFormat(pattern: "MM/DD/YYYY HH:mm", timeZone: "America/New_York")
        #expect(newYork.date(from: "01/02/2018 09:30")?.timeIntervalSince1970 == 1_514_903_400)
        let berlin = try ImportDateFormat(pattern: nil, timeZone: "Europe/Berlin")
        #expect(berlin.date(from: "2018-07-01T12:00:00")?.timeIntervalSince1970 == 1_530_439_200)
        // An offset in the value wins over the zone.
        #expect(berlin.date(from: "2018-07-01T12:00:00Z")?.timeIntervalSince1970 == 1_530_446_400)
    }

    @Test func aSkippedLocalTimeMovesForwardByTheGap() throws {
        // Berlin skips 02:00–03:00 on 2018-03-25: 02:30 reads as 03:30 CEST, 01:30 UTC.
        let berlin = try ImportDateFormat(pattern: "YYYY-MM-DD HH:mm", timeZone: "Europe/Berlin")
        #expect(berlin.date(from: "2018-03-25 02:30")?.timeIntervalSince1970 == 1_521_941_400)
        #expect(berlin.date(from: "2018-03-25 01:59")?.timeIntervalSince1970 == 1_521_939_540)
        #expect(berlin.date(from: "2018-03-25 03:00")?.timeIntervalSince1970 == 1_521_939_600)
    }

    @Test func aRepeatedLocalTimeIsTheFirstOfTheTwo() throws {
        // Berlin goes back from 03:00 CEST to 02:00 CET on 2018-10-28: 02:30 happens twice.
        let berlin = try ImportDateFormat(pattern: "YYYY-MM-DD HH:mm", timeZone: "Europe/Berlin")
        #expect(berlin.date(from: "2018-10-28 02:30")?.timeIntervalSince1970 == 1_540_686_600)
        #expect(berlin.date(from: "2018-10-28 03:30")?.timeIntervalSince1970 == 1_540_693_800)
    }

    @Test func aDateWithoutATimeIsMidnightInTheZone() throws {
        let berlin = try ImportDateFormat(pattern: "DD.MM.YYYY", timeZone: "Europe/Berlin")
        #expect(berlin.date(from: "02.01.2018")?.timeIntervalSince1970 == 1_514_847_600)  // 2018-01-01T23:00Z
    }

    @Test func withoutAPatternADayMonthDateIsNeverGuessed() {
        let iso = ImportDateFormat.iso8601
        #expect(iso.date(from: "01-02-2018") == nil)
        let ambiguous = iso.problem(with: "01-02-2018")
        #expect(ambiguous.contains("--date-format DD-MM-YYYY (day first) or MM-DD-YYYY (month first)"))
        #expect(!ambiguous.contains("01-02-2018"))
        #expect(iso.problem(with: "25/12/2018").contains("--date-format DD/MM/YYYY"))
        #expect(iso.problem(with: "12.25.2018").contains("--date-format MM.DD.YYYY"))
        #expect(!iso.problem(with: "yesterday").contains("--date-format"))
    }
}
