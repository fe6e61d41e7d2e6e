import LeadModel

/// The fit rules and profile criteria as a ``ConditionProgram`` on the lead's fields: each field
/// the tests read is read once per lead into a slot, so rules on the same field share one read.
struct FitProgram: Sendable {
    /// The fields read, one per slot.
    private let readers: [FieldReader]
    /// The tests: fit rules first, in order, then the profiles' criteria.
    private let program: ConditionProgram
    /// The slot of each fit rule; the rule's test is the one at the same index.
    let ruleSlots: [Int]
    /// The tests of each profile's criteria.
    let profileTests: [Range<Int>]

    init(fit: [FitRule], profiles: [IdealCustomerProfile]) {
        var slotIndex: [String: Int] = [:]
        var readers: [FieldReader] = []
        func slot(_ field: LeadField) -> Int {
            if let existing = slotIndex[field.rawValue] { return existing }
            readers.append(FieldReader(field))
            slotIndex[field.rawValue] = readers.count - 1
            return readers.count - 1
        }
        var tests = fit.map { (slot: slot($0.field), condition: $0.condition) }
        var profileTests: [Range<Int>] = []
        for profile in profiles {
            let first = tests.count
            tests += profile.criteria.map { (slot: slot($0.field), condition: $0.condition) }
            profileTests.append(first..<tests.count)
        }
        self.readers = readers
        program = ConditionProgram(tests, slotCount: readers.count)
        ruleSlots = tests.prefix(fit.count).map(\.slot)
        self.profileTests = profileTests
    }

    /// Whether there is nothing to test.
    var isEmpty: Bool { program.count == 0 }

    /// Reads the lead's fields, runs every test, and hands `body` the values by slot and the
    /// result of each test (fit rules first, then the profiles' criteria).
    func run<Result>(
        _ lead: Lead,
        _ body: (UnsafeMutableBufferPointer<AttributeValue?>, UnsafeMutableBufferPointer<Bool>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: AttributeValue?.self, capacity: readers.count) { values in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: program.count) { passed in
                for slot in readers.indices {
                    (values.baseAddress! + slot).initialize(to: readers[slot].read(lead))
                }
                defer { values.baseAddress!.deinitialize(count: readers.count) }
                passed.initialize(repeating: false)
                program.evaluate(values, into: passed)
                return body(values, passed)
            }
        }
    }
}
