/// A pool prepared for routing: members by rep number with their effective weights. A class
/// (immutable, so `Sendable`) so that taking it costs one retain, not one per field.
final class CompiledPool: Sendable {
    let name: String
    /// Each member's number in the router's rep list.
    let reps: [Int]
    let members: [PoolRotation.Candidate]
    /// `pool-turn:<name>`.
    let turnRule: String
    /// The turn detail when every member is eligible, written once.
    let fullDetail: String
    /// What the pool balances.
    let balance: PoolBalance
    /// For value pools: the half-life of value received, in days.
    let valueHalfLifeDays: Double
    /// `pool-value:<name>`.
    let valueRule: String

    init(
        name: String, reps: [Int], members: [PoolRotation.Candidate], balance: PoolBalance = .turns,
        valueHalfLifeDays: Double = 30
    ) {
        self.name = name
        self.reps = reps
        self.members = members
        turnRule = PoolRotation.reasonPrefix + name
        fullDetail = PoolRotation.detail(members)
        self.balance = balance
        self.valueHalfLifeDays = valueHalfLifeDays
        valueRule = ValueReceived.reasonPrefix + name
    }
}

/// A rule's target with names resolved to numbers once, when the router is made.
enum CompiledTarget: Sendable {
    case queue(String)
    /// The rep's number in the router's rep list.
    case rep(Int)
    /// The pool's number in the router's pool list.
    case pool(Int)
}
