import Foundation
import Scoring
import Testing

@testable import Accord

struct CSVTrainingDataTests {
    static func load(_ text: String, target: String = "outcome", exclude: [String] = []) throws -> CSVTrainingData {
        try CSVTrainingData(data: Data(text.utf8), target: target, exclude: exclude)
    }

    @Test(arguments: [
        ("1", true), ("0", false), ("YES", true), ("no", false), (" True ", true), ("FALSE", false), ("won", true),
        ("Lost", false), ("Converted", true), ("not converted", false), ("y", true), ("N", false), ("1.0", true),
    ])
    func readsOutcomeWords(text: String, expected: Bool) {
        #expect(OutcomeValue.parse(text) == expected)
    }

    @Test(arguments: ["", "maybe", "2", "N/A", "pending"])
    func refusesOtherOutcomesNamingLineAndValue(text: String) throws {
        let csv = "id,size,outcome\n1,10,yes\n2,20,\"\(text)\"\n"
        do {
            _ = try Self.load(csv)
            Issue.record("expected an error")
        } catch let error as LearningError {
            #expect(error.code == .invalidOutcome)
            #expect(error.line == 3)
            #expect(error.column == "outcome")
            #expect(error.description.hasPrefix("line 3, column \"outcome\": '\(text)' is not an outcome"))
        }
    }

    @Test func infersNumericColumnsThroughMessyValues() throws {
        var csv = "id,Employees,Industry,outcome\n"
        let employees = ["1,200", " 15 ", "N/A", "-", "null", "unknown", "", "$2,500", "12%", "300"]
        for (index, value) in employees.enumerated() {
            csv += "\(index),\"\(value)\",\(index % 2 == 0 ? "FinTech" : " retail"),\(index % 2)\n"
        }
        let data = try Self.load(csv, exclude: ["id"])
        #expect(data.set.columns == [TrainingColumn("Employees", .numeric), TrainingColumn("Industry", .categorical)])
        #expect(
            data.set.rows.map { $0.values[0] }
                == [
                    .number(1_200), .number(15), .missing, .missing, .missing, .missing, .missing, .number(2_500),
                    .number(12), .number(300),
                ])
        #expect(data.set.rows[0].values[1] == .category("fintech"))
        #expect(data.set.rows[1].values[1] == .category("retail"))
        #expect(data.columns[0].missing == 5)
        #expect(data.columns[0].present == 5)
        #expect(data.set.rows[2].origin == "line 4")
    }

    @Test func aColumnUnder95PercentNumbersIsCategorical() throws {
        // 19 of 20 present values are numbers: 95%, numeric; the odd one becomes missing.
        var numeric = "x,outcome\n"
        for index in 0..<19 { numeric += "\(index),\(index % 2)\n" }
        numeric += "lots,1\n"
        let mostly = try Self.load(numeric)
        #expect(mostly.set.columns[0].kind == .numeric)
        #expect(mostly.columns[0].unparsed == 1)
        #expect(mostly.set.rows[19].values[0] == .missing)
        // 18 of 20: 90%, categorical.
        var mixed = "x,outcome\n"
        for index in 0..<18 { mixed += "\(index),\(index % 2)\n" }
        mixed += "lots,1\nfew,0\n"
        let categorical = try Self.load(mixed)
        #expect(categorical.set.columns[0].kind == .categorical)
        #expect(categorical.set.rows[0].values[0] == .category("0"))
    }

    @Test func zipCodesWithLeadingZerosAreNotNumbers() throws {
        let data = try Self.load("zip,outcome\n02134,1\n02139,0\n10001,1\n")
        #expect(data.set.columns[0].kind == .categorical)
    }

    @Test func excludesColumnsCaseInsensitivelyAndDropsEmptyOnes() throws {
        let data = try Self.load(
            "ID,Close Date,empty,size,Outcome\n1,2026-01-01,,10,1\n2,2026-01-02,n/a,20,0\n", target: "OUTCOME",
            exclude: ["id", "close date"])
        #expect(data.set.columns.map(\.name) == ["size"])
        #expect(data.emptyColumns == ["empty"])
        #expect(data.target == "Outcome")
        #expect(data.set.outcomes == [true, false])
    }

    @Test func unknownTargetOrExcludedColumnsAreNamedWithASuggestion() throws {
        do {
            _ = try Self.load("size,outcome\n1,1\n", target: "outcme")
            Issue.record("expected an error")
        } catch let error as LearningError {
            #expect(error.code == .unknownTarget)
            #expect(error.description.contains("did you mean 'outcome'?"))
        }
        do {
            _ = try Self.load("size,outcome\n1,1\n", exclude: ["sise"])
            Issue.record("expected an error")
        } catch let error as LearningError {
            #expect(error.code == .unknownColumn)
            #expect(error.column == "sise")
        }
    }

    @Test(arguments: ["", "size,outcome\n", "outcome\n1\n0\n", "id,outcome\n1,1\n"])
    func refusesFilesWithoutRowsOrFeatures(text: String) {
        #expect(throws: LearningError.self) { try Self.load(text, exclude: text.hasPrefix("id") ? ["id"] : []) }
    }

    @Test func aRaggedRowIsAnImportError() {
        #expect(throws: ImportError.self) { try Self.load("size,outcome\n1,1\n2\n") }
    }

    @Test func trainsFromAFileOnDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("train-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var csv = "id,score,outcome\n"
        for index in 0..<60 { csv += "\(index),\(index % 10),\(index % 10 > 4 ? "won" : "lost")\n" }
        try Data(csv.utf8).write(to: url)
        let data = try CSVTrainingData(url: url, target: "outcome", exclude: ["id"])
        let model = try LearnedModel.train(data.set, createdAt: Date(timeIntervalSince1970: 0))
        #expect(model.probability(of: ["score": .number(9)]) > 0.9)
    }
}

extension CSVTrainingDataTests {
    @Test func aTimeColumnDatesRowsAndIsNoFeature() throws {
        let csv = "id,size,created,outcome\n1,10,2026-03-01,yes\n2,20,2026-01-15T09:30:00Z,no\n"
        let data = try CSVTrainingData(
            data: Data(csv.utf8), target: "outcome", exclude: ["id"], timeColumn: "Created")
        #expect(data.timeColumn == "created")
        #expect(data.set.columns.map(\.name) == ["size"])
        #expect(
            data.set.rows.map(\.observedAt) == [
                Date(timeIntervalSince1970: 1_772_323_200), Date(timeIntervalSince1970: 1_768_469_400),
            ])
        let untimed = try Self.load(csv, exclude: ["id"])
        #expect(untimed.timeColumn == nil)
        #expect(untimed.set.rows.allSatisfy { $0.observedAt == nil })
    }

    @Test func aTimeColumnReadsTheGivenDateFormatAndZone() throws {
        let csv = "size,created,outcome\n10,01/02/2026 09:00,yes\n"
        let format = try ImportDateFormat(pattern: "DD/MM/YYYY HH:mm", timeZone: "Europe/Berlin")
        let data = try CSVTrainingData(
            data: Data(csv.utf8), target: "outcome", timeColumn: "created", dateFormat: format)
        #expect(data.set.rows[0].observedAt == Date(timeIntervalSince1970: 1_769_932_800))
    }

    @Test(arguments: ["", "01/02/2026", "soon"])
    func aTimeThatIsNotADateNamesLineAndColumn(text: String) throws {
        let csv = "size,created,outcome\n10,2026-03-01,yes\n20,\(text),no\n"
        do {
            _ = try CSVTrainingData(data: Data(csv.utf8), target: "outcome", timeColumn: "created")
            Issue.record("expected an error")
        } catch let error as LearningError {
            #expect(error.code == .invalidTime)
            #expect(error.line == 3)
            #expect(error.column == "created")
            #expect(error.message.contains("is not a date; expected"))
        }
    }

    @Test func anUnknownOrTargetTimeColumnIsRefused() throws {
        let csv = "size,created,outcome\n10,2026-03-01,yes\n"
        #expect(throws: LearningError.self) {
            try CSVTrainingData(data: Data(csv.utf8), target: "outcome", timeColumn: "createdAt")
        }
        do {
            _ = try CSVTrainingData(data: Data(csv.utf8), target: "outcome", timeColumn: "outcome")
            Issue.record("expected an error")
        } catch let error as LearningError {
            #expect(error.code == .unknownColumn)
            #expect(error.message.contains("cannot be the target"))
        }
    }
}

struct ColumnInferenceTests {
    @Test(arguments: [
        ("12", 12.0), ("-0.5", -0.5), ("0.25", 0.25), ("0", 0), (" 7 ", 7), ("1,200", 1_200), ("$1,200.50", 1_200.5),
        ("12%", 12), ("+3", 3),
    ])
    func readsNumbers(text: String, expected: Double) {
        #expect(ColumnInference.number(text) == expected)
    }

    @Test(arguments: ["007", "01.5", "1e5", "inf", "nan", "1,5", "1.200.000", "v3", "twelve", "1.", ".", "-", "--1"])
    func refusesTextThatIsNotANumber(text: String) {
        #expect(ColumnInference.number(text) == nil)
    }

    @Test(arguments: ["", " ", "N/A", "n/a", "NULL", "-", "Unknown", " none ", "?", "NaN", "#N/A"])
    func recognisesMissingMarkers(text: String) {
        #expect(ColumnInference.isMissing(text))
        #expect(ColumnInference(name: "x", texts: [text, "5"]).missing == 1)
    }

    @Test func normalisesCategories() {
        let column = ColumnInference(name: "x", texts: ["Fintech", "retail"])
        #expect(column.value(" FinTech ") == .category("fintech"))
        #expect(column.value("retail") == .category("retail"))
        #expect(column.value("Zürich") == .category("zürich"))
        #expect(column.value("n/a") == .missing)
    }
}
