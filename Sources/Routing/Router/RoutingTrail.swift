import Foundation
public import LeadModel

/// The reasons behind a routing decision, in the order they were considered: every rule tried
/// (matched or not, and why), every candidate skipped (and why), the pool turn and any fallback.
///
/// A collection of ``LeadModel/Reason``. A ``RuleRouter`` records its trail as small codes and
/// writes each reason's text only when it is read, so deciding stays cheap while every reason
/// stays available: `Array(decision.trail)` gives the reasons the engine stores with the
/// assignment. A trail made from reasons (a router written by others) simply holds them.
///
/// ```swift
/// for reason in decision.trail { print(reason) }   // rule:emea: no match: not (country is one of DE)
/// let stored = Array(decision.trail)
/// ```
public struct RoutingTrail: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    var codes: ContiguousArray<TrailCode>
    /// Reasons written out when the decision was made, as ``TrailCode/literal(_:)`` refers to them.
    var literals: [Reason]
    let tables: RouterTables?
    let now: Date

    /// A trail holding the given reasons.
    ///
    /// - Parameter reasons: the reasons, in order.
    public init(_ reasons: [Reason]) {
        codes = ContiguousArray((0..<reasons.count).map { TrailCode.literal(Int32($0)) })
        literals = reasons
        tables = nil
        now = Date(timeIntervalSince1970: 0)
    }

    /// A trail holding the given reasons.
    public init(arrayLiteral elements: Reason...) { self.init(elements) }

    init(tables: RouterTables, now: Date, capacity: Int) {
        codes = []
        codes.reserveCapacity(capacity)
        literals = []
        self.tables = tables
        self.now = now
    }

    /// The first position.
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { codes.count }

    /// The reason at a position, written out now.
    public subscript(position: Int) -> Reason {
        let code = codes[position]
        if case .literal(let index) = code { return literals[Int(index)] }
        guard let tables else { preconditionFailure("a coded trail entry needs the router's tables") }
        return Self.reason(code, at: position, codes: codes, tables: tables, now: now)
    }

    /// Every reason written out, in order: what the engine stores with the assignment. Faster
    /// than reading the trail one position at a time.
    public var reasons: [Reason] {
        guard let tables else { return codes.map { literals[$0.literalIndex ?? 0] } }
        var result: [Reason] = []
        result.reserveCapacity(codes.count)
        let failures = tables.failures
        let matches = tables.matches
        // Reps sharing a calendar are off hours with the same local time: write it once.
        var offHours: [Int: String] = [:]
        for position in codes.indices {
            switch codes[position] {
            case .literal(let index): result.append(literals[Int(index)])
            case .ruleFailed(let condition): result.append(failures[Int(condition)])
            case .ruleMatched(let rule): result.append(matches[Int(rule)])
            case .skipped(let rep, .outsideHours):
                let compiled = tables.reps[Int(rep)]
                let detail =
                    offHours[compiled.calendarIndex]
                    ?? compiled.why(.outsideHours, at: now) ?? ""
                offHours[compiled.calendarIndex] = detail
                result.append(Reason(rule: compiled.skipRule, detail: detail))
            case let code: result.append(Self.reason(code, at: position, codes: codes, tables: tables, now: now))
            }
        }
        return result
    }

    private static func reason(
        _ code: TrailCode, at position: Int, codes: ContiguousArray<TrailCode>, tables: RouterTables, now: Date
    ) -> Reason {
        switch code {
        case .literal: preconditionFailure("literal entries are read from the trail's own reasons")
        case .defaultTarget: return tables.defaultReason
        case .ruleFailed(let condition): return tables.failures[Int(condition)]
        case .ruleMatched(let rule): return tables.matches[Int(rule)]
        case .skipped(let rep, let check):
            let compiled = tables.reps[Int(rep)]
            return Reason(rule: compiled.skipRule, detail: compiled.why(check, at: now) ?? "eligible")
        case .poolTurn(let poolNumber, let firstSkip):
            let pool = tables.pools[Int(poolNumber)]
            var skipped: [Int] = []
            for earlier in Int(firstSkip)..<position {
                if case .skipped(let rep, _) = codes[earlier] { skipped.append(Int(rep)) }
            }
            guard !skipped.isEmpty else { return Reason(rule: pool.turnRule, detail: pool.fullDetail) }
            let candidates = pool.members.indices.filter { !skipped.contains(pool.reps[$0]) }.map { pool.members[$0] }
            return Reason(rule: pool.turnRule, detail: PoolRotation.detail(candidates))
        }
    }

    /// Appends a reason written out now.
    mutating func append(_ reason: Reason) {
        codes.append(.literal(Int32(literals.count)))
        literals.append(reason)
    }

    /// The reasons, one per line.
    public var description: String { map(\.description).joined(separator: "\n") }

    /// Trails are equal when they list the same reasons.
    public static func == (lhs: RoutingTrail, rhs: RoutingTrail) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    /// Hashes the reasons.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for reason in self { hasher.combine(reason) }
    }
}

/// One entry of a coded trail: plain numbers into the router's tables.
enum TrailCode: Hashable, Sendable {
    /// A reason written out at decision time (``RoutingTrail/literals``).
    case literal(Int32)
    /// No rule matched; the default applies.
    case defaultTarget
    /// A rule did not match: the number of its first failing condition.
    case ruleFailed(Int32)
    /// The rule with this number matched.
    case ruleMatched(Int32)
    /// The rep with this number was passed over.
    case skipped(rep: Int32, check: RepCheck)
    /// A pool turn; the candidates are the pool's members not skipped since code `firstSkip`.
    case poolTurn(pool: Int32, firstSkip: Int32)
}

extension TrailCode {
    /// The index into the trail's own reasons, for a literal entry.
    var literalIndex: Int? {
        if case .literal(let index) = self { return Int(index) }
        return nil
    }
}
