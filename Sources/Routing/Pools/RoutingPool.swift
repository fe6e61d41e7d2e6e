/// A named group of reps who share leads by smooth weighted round robin.
///
/// A member's weight is its share: over many leads, a member with weight 3 gets three times the
/// leads of a member with weight 1, among those eligible at each turn. Without a weight, the
/// rep's own ``RepProfile/weight`` applies.
///
/// ```json
/// {"name": "emea", "members": [{"rep": "ana", "weight": 3}, {"rep": "ben"}]}
/// ```
public struct RoutingPool: Hashable, Sendable, Codable {
    /// One rep in a pool, with an optional weight.
    public struct Member: Hashable, Sendable, Codable {
        /// The rep's id.
        public var rep: String
        /// The member's weight in this pool; the rep's weight when `nil`.
        public var weight: Int?

        /// Makes a member.
        public init(rep: String, weight: Int? = nil) {
            self.rep = rep
            self.weight = weight
        }
    }

    /// A unique name, as targets name it.
    public var name: String
    /// The members, in order; ties go to the earlier member.
    public var members: [Member]

    /// Makes a pool.
    public init(name: String, members: [Member]) {
        self.name = name
        self.members = members
    }
}
