import Foundation
import Testing

@testable import Scoring

struct FeatureEncodingTests {
    static func set() throws -> TrainingSet {
        let industries = ["Fintech", "fintech ", "FINTECH", "retail", "retail", "retail", "health", "toys", nil, nil]
        let sizes: [Double?] = [10, 20, 30, 40, nil, 60, 70, 80, 90, 100]
        let rows = (0..<10).map { index in
            TrainingRow(
                values: [
                    sizes[index].map(FeatureValue.number) ?? .missing,
                    industries[index].map(FeatureValue.category) ?? .missing,
                ], converted: index % 2 == 0)
        }
        return try TrainingSet(
            columns: [TrainingColumn("employees", .numeric), TrainingColumn("industry", .categorical)], rows: rows)
    }

    @Test func standardisesNumbersAndFoldsRareCategories() throws {
        let encoding = FeatureEncoding.fit(try Self.set(), options: TrainingOptions(rareCategoryCount: 2))
        #expect(
            encoding.featureNames == [
                "employees", "employees=missing", "industry=fintech", "industry=retail", "industry=other",
                "industry=missing",
            ])
        let employees = encoding.columns[0]
        let values = [10.0, 20, 30, 40, 60, 70, 80, 90, 100]
        let mean = values.reduce(0, +) / 9
        #expect(abs(employees.mean! - mean) < 1e-12)
        let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 9).squareRoot()
        #expect(abs(employees.scale! - deviation) < 1e-12)
    }

    @Test func encodesMissingUnseenAndMixedCaseValues() throws {
        let encoding = FeatureEncoding.fit(try Self.set(), options: TrainingOptions(rareCategoryCount: 2))
        let mean = encoding.columns[0].mean!
        let scale = encoding.columns[0].scale!
        let encoded = encoding.encode(named: ["employees": .number(mean + scale), "industry": .category("  FinTech")])
        #expect(abs(encoded[0] - 1) < 1e-12)
        #expect(Array(encoded.dropFirst()) == [0, 1, 0, 0, 0])
        #expect(encoding.encode(named: ["industry": .category("aerospace")]) == [0, 1, 0, 0, 1, 0])
        #expect(
            encoding.encode(named: ["employees": .number(.nan), "industry": .category(" ")]) == [0, 1, 0, 0, 0, 1])
        #expect(encoding.encode(named: ["industry": .number(3)]) == [0, 1, 0, 0, 1, 0])
    }

    @Test func constantColumnsKeepScaleOneAndNoIndicatorWithoutMissingValues() throws {
        let rows = (0..<4).map { TrainingRow(values: [.number(5), .category("x")], converted: $0 == 0) }
        let set = try TrainingSet(
            columns: [TrainingColumn("c", .numeric), TrainingColumn("k", .categorical)], rows: rows)
        let encoding = FeatureEncoding.fit(set)
        #expect(encoding.columns[0].scale == 1)
        #expect(encoding.featureNames == ["c", "k=other"])
        #expect(encoding.encode(named: ["c": .number(5), "k": .category("x")]) == [0, 1])
    }

    @Test func capsTheNumberOfCategoryColumns() throws {
        let rows = (0..<30).map { TrainingRow(values: [.category("v\($0 % 6)")], converted: $0 % 2 == 0) }
        let set = try TrainingSet(columns: [TrainingColumn("k", .categorical)], rows: rows)
        let encoding = FeatureEncoding.fit(set, options: TrainingOptions(maximumCategories: 2))
        #expect(encoding.featureNames == ["k=v0", "k=v1", "k=other"])
    }

    @Test func keysAreTrimmedAndLowercased() {
        #expect(FeatureEncoding.key("FinTech") == "fintech")
        #expect(FeatureEncoding.key("  FinTech\n") == "fintech")
        #expect(FeatureEncoding.key("\u{00A0}Retail") == "retail")
        #expect(FeatureEncoding.key("Ads\t") == "ads")
        #expect(FeatureEncoding.key("a b") == "a b")
        #expect(FeatureEncoding.key(" \n ").isEmpty)
        #expect(FeatureEncoding.key("").isEmpty)
    }
}
