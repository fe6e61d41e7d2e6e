import Accord
import Foundation
import Testing

/// Fields, columns and rows over the import's limits are row errors naming the line and the
/// limit; the reader skips the record without keeping its bytes and carries on.
struct ImportLimitsTests {
    private static let small = ImportLimits(maxFieldBytes: 8, maxColumns: 3, maxRowBytes: 24)

    @Test func csvRecordsOverALimitAreReportedAndSkipped() throws {
        let text = """
            email,a,b
            x@y.co,1,2
            x@y.co,123456789,2
            x@y.co,1,2,3,4
            "x@y.co","1","2"
            x@y.co,1,"2222222\n22222222"
            "x@y.co","12345678","1234567"
            x@y.co,3,4

            """
        let reader = try CSVReader(data: Data(text.utf8), limits: Self.small)
        var lines: [Int] = []
        var problems: [(Int?, ImportError.Code, String)] = []
        while true {
            do {
                guard let record = try reader.next() else { break }
                lines.append(record.line)
            } catch let error as ImportError {
                problems.append((error.line, error.code, error.message))
            }
        }
        #expect(lines == [1, 2, 5, 9])
        #expect(problems.map(\.0) == [3, 4, 6, 8])
        #expect(problems.allSatisfy { $0.1 == .limitExceeded })
        #expect(problems[0].2.contains("longer than 8 bytes"))
        #expect(problems[1].2.contains("more than 3 fields"))
        #expect(problems[2].2.contains("longer than 8 bytes"))
        #expect(problems[3].2.contains("longer than 24 bytes"))
    }

    @Test func aHeaderOverTheColumnLimitStopsTheImport() throws {
        let header = (0..<50).map { "c\($0)" }.joined(separator: ",")
        let text = header + "\n" + Array(repeating: "a@b.co", count: 50).joined(separator: ",") + "\n"
        let reader = try ImportReader(
            data: Data(text.utf8), name: "wide.csv", kind: .leads, format: .csv,
            limits: ImportLimits(maxColumns: 10))
        let report = try reader.validateAll()
        #expect(report.errors.map(\.code) == [.limitExceeded])
        #expect(report.errors.first?.line == 1)
        #expect(report.validRecordCount == 0)
    }

    @Test func jsonLinesOverALimitAreReportedWithTheirPath() throws {
        let text = """
            {"email":"a@b.co"}
            {"email":"a@b.co","notes":"123456789"}
            {"a":1,"b":2,"c":3,"d":4}
            {"email":"a@b.co","padding":"                         "}
            {"email":"c@d.co"}
            """
        let reader = JSONLinesReader(
            data: Data(text.utf8), limits: ImportLimits(maxFieldBytes: 8, maxColumns: 3, maxRowBytes: 40))
        var lines: [Int] = []
        var problems: [ImportError] = []
        while true {
            do {
                guard let row = try reader.next() else { break }
                lines.append(row.line)
            } catch let error as ImportError {
                problems.append(error)
            }
        }
        #expect(lines == [1, 5])
        #expect(problems.map(\.line) == [2, 3, 4])
        #expect(problems.map(\.column) == ["$.notes", "$", "$"])
        #expect(problems.allSatisfy { $0.code == .limitExceeded })
    }

    @Test(arguments: [";", "\t", "|"])
    func aHeaderWithoutCommasButAnotherSeparatorIsAWrongDelimiter(separator: String) throws {
        let text =
            ["email", "First Name"].joined(separator: separator) + "\n"
            + ["a@b.co", "Ana"].joined(separator: separator) + "\n"
        let reader = try ImportReader(data: Data(text.utf8), name: "l.csv", kind: .leads, format: .csv)
        let report = try reader.validateAll()
        #expect(report.errors.map(\.code) == [.wrongDelimiter])
        #expect(report.errors.first?.line == 1)
        #expect(report.errors.first?.message.contains("--delimiter") == true)
        let right = try ImportReader(
            data: Data(text.utf8), name: "l.csv", kind: .leads, format: .csv,
            csvDelimiter: Character(separator))
        #expect(try right.validateAll().isValid)
    }

    @Test func aSingleColumnFileIsNotAWrongDelimiter() throws {
        let reader = try ImportReader(
            data: Data("email\na@b.co\n".utf8), name: "l.csv", kind: .leads, format: .csv)
        #expect(try reader.validateAll().isValid)
    }
}
