import LeadModel

/// The tests of the fit rules and profile criteria as plain data, so that testing a lead takes
/// no reference counting.
///
/// Each field the tests read is read once per lead into a slot, and its text is lowered once
/// into a scratch buffer; each test then compares bytes or numbers. Text operands are lowered
/// into one byte buffer when the rules are compiled. What the plain path cannot decide —
/// regular expressions, dates, booleans, lists, text that is not ASCII, values too long for
/// the scratch buffer — goes to the test's ``CompiledCondition``, which gives the same answers
/// more slowly.
struct FitProgram: Sendable {
    /// One test: a condition on one slot.
    struct Test: Sendable {
        enum Kind: UInt8, Sendable {
            case oneOf, range, contains, present, missing, never
            /// Only the compiled condition can decide.
            case general
        }

        var kind: Kind
        var slot: Int
        /// The test's operands, as indices into the operand tables.
        var operands: Range<Int>
        var min = -Double.infinity
        var max = Double.infinity
    }

    /// A slot's value, prepared for the plain tests.
    struct Prepared {
        enum Kind: UInt8 {
            case missing
            /// ASCII text, lowered into the scratch buffer at `bytes`.
            case text
            case number
            /// A value only the compiled conditions can test.
            case other
        }

        var kind: Kind
        /// The number the value reads as, or NaN.
        var number: Double
        var bytes: Range<Int>
    }

    /// The fields read, one per slot.
    private let readers: [FieldReader]
    /// Whether a test of the slot compares numbers, so string values are parsed.
    private let slotNeedsNumber: [Bool]
    private let tests: [Test]
    /// The compiled condition of each test, for what the plain path cannot decide.
    private let conditions: [CompiledCondition]
    /// Lowered text operands, end to end.
    private let operandText: [UInt8]
    /// Each operand's bytes in `operandText`; empty for operands that are not text.
    private let operandSpans: [Range<Int>]
    /// Each operand's number, or NaN.
    private let operandNumbers: [Double]
    /// The slot of each fit rule; the rule's test is the one at the same index.
    let ruleSlots: [Int]
    /// The tests of each profile's criteria, and the slot of each.
    let profileTests: [Range<Int>]

    /// Bytes of lowered text kept per lead; longer values take the compiled conditions' path.
    static let scratchCapacity = 1_024

    init(fit: [FitRule], profiles: [IdealCustomerProfile]) {
        var slotIndex: [String: Int] = [:]
        var readers: [FieldReader] = []
        func slot(_ field: LeadField) -> Int {
            if let existing = slotIndex[field.rawValue] { return existing }
            readers.append(FieldReader(field))
            slotIndex[field.rawValue] = readers.count - 1
            return readers.count - 1
        }
        var tests: [Test] = []
        var conditions: [CompiledCondition] = []
        var text: [UInt8] = []
        var spans: [Range<Int>] = []
        var numbers: [Double] = []
        func add(_ field: LeadField, _ condition: ValueCondition) {
            let compiled = CompiledCondition(condition)
            let first = spans.count
            var test = Test(kind: .general, slot: slot(field), operands: first..<first)
            switch compiled.test {
            case .oneOf(let operands):
                test.kind = .oneOf
                for operand in operands {
                    switch operand {
                    case .text(let lowered, let number) where lowered.utf8.allSatisfy({ $0 < 0x80 }):
                        spans.append(text.count..<(text.count + lowered.utf8.count))
                        text += lowered.utf8
                        numbers.append(number ?? .nan)
                    case .number(let number):
                        spans.append(0..<0)
                        numbers.append(number)
                    default:
                        test.kind = .general
                    }
                }
            case .range(let min, let max):
                test.kind = .range
                test.min = min
                test.max = max
            case .contains(let needles) where needles.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }):
                test.kind = .contains
                for needle in needles {
                    spans.append(text.count..<(text.count + needle.utf8.count))
                    text += needle.utf8
                    numbers.append(.nan)
                }
            case .present: test.kind = .present
            case .missing: test.kind = .missing
            case .never: test.kind = .never
            case .contains, .matches: test.kind = .general
            }
            if test.kind == .general {
                spans.removeSubrange(first...)
                numbers.removeSubrange(first...)
            }
            test.operands = first..<spans.count
            tests.append(test)
            conditions.append(compiled)
        }
        for rule in fit { add(rule.field, rule.condition) }
        var profileTests: [Range<Int>] = []
        for profile in profiles {
            let first = tests.count
            for criterion in profile.criteria { add(criterion.field, criterion.condition) }
            profileTests.append(first..<tests.count)
        }
        var needsNumber = Array(repeating: false, count: readers.count)
        for test in tests
        where test.kind == .range || (test.kind == .oneOf && test.operands.contains { spans[$0].isEmpty }) {
            needsNumber[test.slot] = true
        }
        self.readers = readers
        slotNeedsNumber = needsNumber
        self.tests = tests
        self.conditions = conditions
        operandText = text
        operandSpans = spans
        operandNumbers = numbers
        ruleSlots = fit.map { slot($0.field) }
        self.profileTests = profileTests
    }

    /// Whether there is nothing to test.
    var isEmpty: Bool { tests.isEmpty }

    /// Reads the lead's fields, runs every test, and hands `body` the values by slot and the
    /// result of each test (fit rules first, then the profiles' criteria).
    func run<Result>(
        _ lead: Lead,
        _ body: (UnsafeMutableBufferPointer<AttributeValue?>, UnsafeMutableBufferPointer<Bool>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: AttributeValue?.self, capacity: readers.count) { values in
            withUnsafeTemporaryAllocation(of: Prepared.self, capacity: readers.count) { prepared in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.scratchCapacity) { scratch in
                    withUnsafeTemporaryAllocation(of: Bool.self, capacity: tests.count) { passed in
                        var used = 0
                        for slot in readers.indices {
                            let value = readers[slot].read(lead)
                            (values.baseAddress! + slot).initialize(to: value)
                            (prepared.baseAddress! + slot).initialize(
                                to: Self.prepare(value, number: slotNeedsNumber[slot], into: scratch, at: &used))
                        }
                        operandText.withUnsafeBufferPointer { operandText in
                            for index in tests.indices {
                                let test = tests[index]
                                let outcome = Self.decide(
                                    test, prepared[test.slot], scratch: scratch, operandText: operandText,
                                    spans: operandSpans, numbers: operandNumbers)
                                (passed.baseAddress! + index).initialize(
                                    to: outcome ?? conditions[index].matches(values[test.slot]))
                            }
                        }
                        defer { values.baseAddress!.deinitialize(count: readers.count) }
                        return body(values, passed)
                    }
                }
            }
        }
    }

    /// The value prepared for the plain tests; text is lowered into `scratch` from `used` on.
    @inline(__always)
    private static func prepare(
        _ value: AttributeValue?, number needsNumber: Bool, into scratch: UnsafeMutableBufferPointer<UInt8>,
        at used: inout Int
    ) -> Prepared {
        switch value {
        case nil:
            return Prepared(kind: .missing, number: .nan, bytes: 0..<0)
        case .number(let number)?:
            return Prepared(kind: .number, number: number, bytes: 0..<0)
        case .string(let text)?:
            let start = used
            let lowered = text.utf8.withContiguousStorageIfAvailable { source -> Bool in
                guard source.count <= scratch.count - start else { return false }
                for offset in 0..<source.count {
                    let byte = source[offset]
                    if byte >= 0x80 { return false }
                    scratch[start + offset] = byte &- 65 < 26 ? byte | 0x20 : byte
                }
                return true
            }
            guard lowered == true else { return Prepared(kind: .other, number: .nan, bytes: 0..<0) }
            used += text.utf8.count
            let number = needsNumber ? (Double(text) ?? value?.number ?? .nan) : .nan
            return Prepared(kind: .text, number: number, bytes: start..<used)
        case .some:
            return Prepared(kind: .other, number: .nan, bytes: 0..<0)
        }
    }

    /// The test's result on plain data, or `nil` when only the compiled condition can say.
    @inline(__always)
    private static func decide(
        _ test: Test, _ value: Prepared, scratch: UnsafeMutableBufferPointer<UInt8>,
        operandText: UnsafeBufferPointer<UInt8>, spans: [Range<Int>], numbers: [Double]
    ) -> Bool? {
        switch test.kind {
        case .present: return value.kind != .missing
        case .missing: return value.kind == .missing
        case .never: return false
        case .general: return nil
        default: break
        }
        switch value.kind {
        case .missing: return false
        case .other: return nil
        case .text, .number: break
        }
        switch test.kind {
        case .range:
            return value.number >= test.min && value.number <= test.max
        case .oneOf:
            for operand in test.operands {
                let span = spans[operand]
                if value.kind == .text, !span.isEmpty {
                    if equal(scratch, value.bytes, operandText, span) { return true }
                } else if value.number == numbers[operand] {
                    return true
                }
            }
            return false
        case .contains:
            guard value.kind == .text else { return nil }
            for operand in test.operands where contains(scratch, value.bytes, operandText, spans[operand]) {
                return true
            }
            return false
        case .present, .missing, .never, .general:
            return nil
        }
    }

    @inline(__always)
    private static func equal(
        _ a: UnsafeMutableBufferPointer<UInt8>, _ x: Range<Int>, _ b: UnsafeBufferPointer<UInt8>, _ y: Range<Int>
    ) -> Bool {
        guard x.count == y.count else { return false }
        for offset in 0..<x.count where a[x.lowerBound + offset] != b[y.lowerBound + offset] { return false }
        return true
    }

    @inline(__always)
    private static func contains(
        _ a: UnsafeMutableBufferPointer<UInt8>, _ x: Range<Int>, _ b: UnsafeBufferPointer<UInt8>, _ y: Range<Int>
    ) -> Bool {
        if y.isEmpty { return true }
        guard x.count >= y.count else { return false }
        var start = x.lowerBound
        while start <= x.upperBound - y.count {
            var offset = 0
            while offset < y.count, a[start + offset] == b[y.lowerBound + offset] { offset += 1 }
            if offset == y.count { return true }
            start += 1
        }
        return false
    }
}
