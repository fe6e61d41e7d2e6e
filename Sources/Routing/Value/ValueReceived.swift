import Foundation

/// The expected value each member of a value-balanced pool received, decayed by half every
/// half-life: the state a ``PoolBalance/value`` pool chooses by.
///
/// Folded from `assigned` events by ``RoutingLedger``: each value turn carries a
/// `pool-value:<pool>` reason whose detail begins `ev=<value> half-life=<days>`, which
/// the ledger replays. Values are kept as of ``asOf``; reading them at a later
/// instant decays them.
public struct ValueReceived: Hashable, Sendable {
    /// Each member's value as of ``asOf``.
    public private(set) var values: [String: Double]
    /// The instant the values are as of.
    public private(set) var asOf: Date?
    /// The half-life of the last turn, in days.
    public private(set) var halfLifeDays: Double

    /// No value received.
    public init() {
        values = [:]
        asOf = nil
        halfLifeDays = 30
    }

    /// Values as a ledger snapshot stores them.
    init(values: [String: Double], asOf: Date?, halfLifeDays: Double) {
        self.values = values
        self.asOf = asOf
        self.halfLifeDays = halfLifeDays
    }

    /// The value `rep` received, decayed to `now`.
    ///
    /// - Parameters:
    ///   - rep: the member's id.
    ///   - now: the instant to read at; instants before ``asOf`` read the values as of then.
    public func value(of rep: String, at now: Date) -> Double {
        (values[rep] ?? 0) * decay(to: now, halfLifeDays: halfLifeDays)
    }

    /// Records a value turn: decays every value to `at` and adds `value` to `chosen`'s.
    ///
    /// - Parameters:
    ///   - value: the lead's expected value.
    ///   - chosen: the member who got it.
    ///   - at: the turn's instant.
    ///   - halfLifeDays: the pool's half-life at the turn.
    public mutating func record(_ value: Double, chosen: String, at: Date, halfLifeDays: Double) {
        let factor = decay(to: at, halfLifeDays: halfLifeDays)
        if factor != 1 {
            for key in values.keys { values[key]! *= factor }
        }
        values[chosen, default: 0] += value
        if asOf.map({ at > $0 }) ?? true { asOf = at }
        self.halfLifeDays = halfLifeDays
    }

    /// Records a turn from its `pool-value:` reason detail; a malformed detail is ignored.
    mutating func record(detail: String, chosen: String, at: Date) {
        guard let (value, halfLife) = Self.parse(detail) else { return }
        record(value, chosen: chosen, at: at, halfLifeDays: halfLife)
    }

    private func decay(to now: Date, halfLifeDays: Double) -> Double {
        guard let asOf, now > asOf, halfLifeDays > 0 else { return 1 }
        return exp2(-now.timeIntervalSince(asOf) / (halfLifeDays * 86_400))
    }

    /// The prefix of the reason that records a value turn: `pool-value:<pool>`.
    static let reasonPrefix = "pool-value:"

    /// The parseable head of a `pool-value:` detail: `ev=4500 half-life=30`.
    static func head(value: Double, halfLifeDays: Double) -> String {
        "ev=\(value) half-life=\(halfLifeDays)"
    }

    /// The value and half-life a detail begins with, or `nil`.
    static func parse(_ detail: String) -> (value: Double, halfLifeDays: Double)? {
        let head = detail.split(separator: ";", maxSplits: 1).first ?? ""
        let parts = head.split(separator: " ")
        guard parts.count == 2, parts[0].hasPrefix("ev="), parts[1].hasPrefix("half-life="),
            let value = Double(parts[0].dropFirst(3)), let halfLife = Double(parts[1].dropFirst(10)),
            value.isFinite, value >= 0, halfLife.isFinite, halfLife > 0
        else { return nil }
        return (value, halfLife)
    }
}
