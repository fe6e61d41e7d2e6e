import Foundation
import LeadModel
import Testing

@testable import Scoring

/// The plain-data condition tests must give exactly the answers of the compiled conditions they stand
/// in for, on every kind of value.
struct ConditionProgramTests {
    static let conditions: [ValueCondition] = [
        .equals("healthcare"), .equals(250), .equals("250"), .equals(true), .equals(""),
        .oneOf(["fintech", "Software", "ÜBER"]), .oneOf([250, "300", "many"]), .oneOf(["1e3", 42.5]),
        .range(min: 200, max: 2_000), .range(min: nil, max: 20), .range(min: 0, max: nil),
        .contains("care"), ValueCondition(contains: ["BANK", "fin"]), .contains("über"), .contains("25"),
        ValueCondition(contains: ["fin", "finance", "bank", "@gusto.com"]),
        .matches("^health"), .present, .missing,
        ValueCondition(equals: .date(Date(timeIntervalSince1970: 0))),
    ]

    static let values: [AttributeValue?] = [
        nil, "healthcare", "HealthCare", "Healthcare ", "retail", "software", "SOFTWARE", "über", "ÜBER",
        "250", " 250 ", "250.0", "1e3", "many", "1,000", "", "   ", "FinTech banking", "ffintech", "xBank", "ca",
        "healthcar", "fi", "Ann@Gusto.com", "ann@gusto.co",
        .string(String(repeating: "care", count: 400)), 250, 250.5, 42.5, 1_000, 19, -3, 0, true, false,
        .date(Date(timeIntervalSince1970: 0)), .list(["retail", "fintech"]), .list([]), .list(["250"]),
    ]

    @Test(arguments: conditions)
    func plainTestsAgreeWithCompiledConditions(condition: ValueCondition) {
        let program = FitProgram(fit: [FitRule("rule", field: "field", condition, points: 1)], profiles: [])
        let compiled = CompiledCondition(condition)
        for value in Self.values {
            let lead = Lead(id: "lead", attributes: value.map { ["field": $0] } ?? [:])
            let expected = compiled.matches(FieldReader(LeadField("field")).read(lead))
            let passed = program.run(lead) { _, passed in passed[0] }
            #expect(passed == expected, "\(condition) on \(String(describing: value))")
        }
    }

    @Test func rulesOnOneFieldShareASlotAndProfilesTestEachCriterion() {
        let program = FitProgram(
            fit: [
                FitRule("size", field: "employees", .range(min: 200, max: 2_000), points: 10),
                FitRule("industry", field: "industry", .oneOf(["healthcare"]), points: 10),
                FitRule("big", field: "employees", .range(min: 1_000, max: nil), points: 5),
            ],
            profiles: [
                IdealCustomerProfile(
                    "core", points: 15,
                    criteria: [
                        FieldCriterion(field: "industry", .equals("healthcare")),
                        FieldCriterion(field: .title, .contains("vp")),
                    ])
            ])
        #expect(program.ruleSlots == [0, 1, 0])
        #expect(program.profileTests == [3..<5])
        let lead = Lead(
            id: "lead", title: "VP People", attributes: ["employees": 250, "industry": "Healthcare"])
        let results = program.run(lead) { values, passed in (Array(passed), values[0], values[2]) }
        #expect(results.0 == [true, true, false, true, true])
        #expect(results.1 == .number(250))
        #expect(results.2 == .string("VP People"))
    }

    @Test func manyLongValuesOverflowTheScratchBufferAndStillMatch() {
        let long = String(repeating: "x", count: ConditionProgram.scratchCapacity - 10) + "care"
        let program = FitProgram(
            fit: [
                FitRule("a", field: "a", .contains("care"), points: 1),
                FitRule("b", field: "b", .contains("care"), points: 1),
            ], profiles: [])
        let lead = Lead(id: "lead", attributes: ["a": .string(long), "b": .string(long)])
        #expect(program.run(lead) { _, passed in Array(passed) } == [true, true])
    }
}

extension ConditionProgramTests {
    @Test(arguments: conditions)
    func allPassStopsAtTheFirstFailureAndAgreesWithEachTest(condition: ValueCondition) {
        let program = ConditionProgram(
            [(slot: 0, condition: condition), (slot: 1, condition: .present)], slotCount: 2)
        let compiled = CompiledCondition(condition)
        for value in Self.values {
            for other in [AttributeValue?.none, "x"] {
                let expected = compiled.matches(value.flatMap(FieldReader.nonBlank)) && other != nil
                let passed = withUnsafeTemporaryAllocation(of: AttributeValue?.self, capacity: 2) { values in
                    _ = values.initialize(from: [value.flatMap(FieldReader.nonBlank), other])
                    defer { values.baseAddress!.deinitialize(count: 2) }
                    return program.allPass(values)
                }
                #expect(
                    passed == expected, "\(condition) on \(String(describing: value)), \(String(describing: other))")
            }
        }
    }
}
