/// A named group of reps who share leads by smooth weighted round robin.
///
/// A member's weight is its share: over many leads, a member with weight 3 gets three times the
/// leads of a member with weight 1, among those eligible at each turn. Without a weight, the
/// rep's own ``RepProfile/weight`` applies.
///
/// ```json
/// {"name": "emea", "members": [{"rep": "ana", "weight": 3}, {"rep": "ben"}]}
/// {"name": "inbound", "balance": "value", "valueHalfLifeDays": 30, "members": [{"rep": "ana"}, {"rep": "ben"}]}
/// ```
///
/// A pool with `"balance": "value"` shares expected value rather than leads (``PoolBalance``).
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
    /// What the pool balances; the number of leads by default.
    public var balance: PoolBalance
    /// For ``PoolBalance/value``: the days after which value received counts half; 30 by
    /// default.
    public var valueHalfLifeDays: Double

    /// Makes a pool.
    ///
    /// - Parameters:
    ///   - name: a unique name.
    ///   - members: the members, in order.
    ///   - balance: what the pool balances; turns by default.
    ///   - valueHalfLifeDays: the half-life of value received, for value pools.
    public init(name: String, members: [Member], balance: PoolBalance = .turns, valueHalfLifeDays: Double = 30) {
        self.name = name
        self.members = members
        self.balance = balance
        self.valueHalfLifeDays = valueHalfLifeDays
    }

    private enum CodingKeys: String, CodingKey { case name, members, balance, valueHalfLifeDays }

    /// Decodes a pool; `balance` and `valueHalfLifeDays` may be left out.
    ///
    /// - Throws: `DecodingError` when `name` or `members` is missing or a field is mistyped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        members = try container.decode([Member].self, forKey: .members)
        balance = try container.decodeIfPresent(PoolBalance.self, forKey: .balance) ?? .turns
        valueHalfLifeDays = try container.decodeIfPresent(Double.self, forKey: .valueHalfLifeDays) ?? 30
    }

    /// Encodes the pool, leaving the defaults out.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(members, forKey: .members)
        if balance != .turns { try container.encode(balance, forKey: .balance) }
        if valueHalfLifeDays != 30 { try container.encode(valueHalfLifeDays, forKey: .valueHalfLifeDays) }
    }
}
