/// A pool prepared for routing: members with their effective weights.
struct CompiledPool: Sendable {
    let name: String
    let members: [PoolRotation.Candidate]
    /// `pool-turn:<name>`.
    let turnRule: String

    init(name: String, members: [PoolRotation.Candidate]) {
        self.name = name
        self.members = members
        turnRule = PoolRotation.reasonPrefix + name
    }
}
