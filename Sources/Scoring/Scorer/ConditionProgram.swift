import LeadModel

/// Conditions on a set of value slots, compiled to plain data so that testing takes no
/// reference counting.
///
/// Text operands are lowered into one byte buffer when the conditions are compiled; each slot's
/// text is lowered once into a scratch buffer per evaluation, and each test then compares bytes
/// or numbers. What the plain path cannot decide — regular expressions, dates, booleans, lists,
/// text that is not ASCII, values too long for the scratch buffer — goes to the test's
/// ``CompiledCondition``, which gives the same answers more slowly.
struct ConditionProgram: Sendable {
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
        /// For `contains`: the first bytes of the needles, as bits 0–63 and 64–127.
        var firstBytes: (UInt64, UInt64) = (0, 0)
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

    /// How many slots the tests read.
    let slotCount: Int
    /// Whether a test of the slot compares numbers, so string values are parsed.
    private let slotNeedsNumber: [Bool]
    /// Whether a test of the slot compares text, so string values are lowered.
    private let slotNeedsText: [Bool]
    private let tests: [Test]
    /// The compiled condition of each test, for what the plain path cannot decide.
    private let conditions: [CompiledCondition]
    /// Lowered text operands, end to end.
    private let operandText: [UInt8]
    /// Each operand's bytes in `operandText`; empty for operands that are not text.
    private let operandSpans: [Range<Int>]
    /// Each operand's number, or NaN.
    private let operandNumbers: [Double]

    /// Bytes of lowered text kept per evaluation; longer values take the compiled conditions'
    /// path.
    static let scratchCapacity = 1_024

    /// Compiles the tests, in order.
    ///
    /// - Parameters:
    ///   - tests: each test's slot (below `slotCount`) and condition.
    ///   - slotCount: how many slots values are given in.
    init(_ tests: [(slot: Int, condition: ValueCondition)], slotCount: Int) {
        var compiledTests: [Test] = []
        var conditions: [CompiledCondition] = []
        var text: [UInt8] = []
        var spans: [Range<Int>] = []
        var numbers: [Double] = []
        for (slot, condition) in tests {
            let compiled = CompiledCondition(condition)
            let first = spans.count
            var test = Test(kind: .general, slot: slot, operands: first..<first)
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
                    if let first = needle.utf8.first {
                        if first < 64 {
                            test.firstBytes.0 |= 1 << first
                        } else {
                            test.firstBytes.1 |= 1 << (first - 64)
                        }
                    }
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
            compiledTests.append(test)
            conditions.append(compiled)
        }
        var needsNumber = Array(repeating: false, count: slotCount)
        for test in compiledTests
        where test.kind == .range || (test.kind == .oneOf && test.operands.contains { spans[$0].isEmpty }) {
            needsNumber[test.slot] = true
        }
        var needsText = Array(repeating: false, count: slotCount)
        for test in compiledTests where test.kind == .contains || (test.kind == .oneOf && !test.operands.isEmpty) {
            needsText[test.slot] = true
        }
        self.slotCount = slotCount
        slotNeedsNumber = needsNumber
        slotNeedsText = needsText
        self.tests = compiledTests
        self.conditions = conditions
        operandText = text
        operandSpans = spans
        operandNumbers = numbers
    }

    /// How many tests there are.
    var count: Int { tests.count }

    /// Runs every test on the values given by slot, writing each result to `passed`.
    func evaluate(_ values: UnsafeMutableBufferPointer<AttributeValue?>, into passed: UnsafeMutableBufferPointer<Bool>)
    {
        run(values) { index, outcome in
            passed[index] = outcome
            return true
        }
    }

    /// Whether every test passes on the values given by slot; stops at the first that fails.
    func allPass(_ values: UnsafeMutableBufferPointer<AttributeValue?>) -> Bool {
        var all = true
        run(values) { _, outcome in
            all = outcome
            return outcome
        }
        return all
    }

    /// Prepares the values and runs the tests in order, handing each result to `report` until
    /// it returns `false`.
    @inline(__always)
    private func run(
        _ values: UnsafeMutableBufferPointer<AttributeValue?>, _ report: (Int, Bool) -> Bool
    ) {
        withUnsafeTemporaryAllocation(of: Prepared.self, capacity: slotCount) { prepared in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.scratchCapacity) { scratch in
                var used = 0
                for slot in 0..<slotCount {
                    (prepared.baseAddress! + slot).initialize(
                        to: Self.prepare(
                            values[slot], number: slotNeedsNumber[slot], text: slotNeedsText[slot], into: scratch,
                            at: &used))
                }
                operandText.withUnsafeBufferPointer { operandText in
                    for index in tests.indices {
                        let test = tests[index]
                        let outcome = Self.decide(
                            test, prepared[test.slot], scratch: scratch, operandText: operandText,
                            spans: operandSpans, numbers: operandNumbers)
                        guard report(index, outcome ?? conditions[index].matches(values[test.slot])) else { return }
                    }
                }
            }
        }
    }

    /// The value prepared for the plain tests; text that a test compares is lowered into
    /// `scratch` from `used` on.
    @inline(__always)
    private static func prepare(
        _ value: AttributeValue?, number needsNumber: Bool, text needsText: Bool,
        into scratch: UnsafeMutableBufferPointer<UInt8>, at used: inout Int
    ) -> Prepared {
        switch value {
        case nil:
            return Prepared(kind: .missing, number: .nan, bytes: 0..<0)
        case .number(let number)?:
            return Prepared(kind: .number, number: number, bytes: 0..<0)
        case .string(let text)? where !needsText:
            // Only presence or a number is tested: no need to lower the text.
            return Prepared(
                kind: .text, number: needsNumber ? (Double(text) ?? value?.number ?? .nan) : .nan, bytes: 0..<0)
        case .string(let text)?:
            let start = used
            let lowered = text.utf8.withContiguousStorageIfAvailable { source -> Bool in
                guard source.count <= scratch.count - start else { return false }
                for offset in 0..<source.count {
                    let byte = source[offset]
                    if byte >= 0x80 { return false }
                    scratch[start + offset] = TextMatching.lower(byte)
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
            return containsAny(scratch, value.bytes, operandText, spans, test.operands, test.firstBytes)
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

    /// Whether the text at `x` contains any of the needles: one pass over the text, trying the
    /// needles only where a byte starts one of them.
    @inline(__always)
    private static func containsAny(
        _ a: UnsafeMutableBufferPointer<UInt8>, _ x: Range<Int>, _ b: UnsafeBufferPointer<UInt8>,
        _ spans: [Range<Int>], _ needles: Range<Int>, _ firstBytes: (UInt64, UInt64)
    ) -> Bool {
        var start = x.lowerBound
        while start < x.upperBound {
            let byte = a[start]
            let starts = byte < 64 ? firstBytes.0 >> byte : firstBytes.1 >> (byte &- 64)
            if starts & 1 != 0 {
                for needle in needles {
                    let span = spans[needle]
                    guard span.count <= x.upperBound - start, b[span.lowerBound] == byte else { continue }
                    var offset = 1
                    while offset < span.count, a[start + offset] == b[span.lowerBound + offset] { offset += 1 }
                    if offset == span.count { return true }
                }
            }
            start += 1
        }
        return false
    }
}
