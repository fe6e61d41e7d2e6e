/// The position of one pool's smooth weighted round robin (nginx's algorithm).
///
/// Each turn, every eligible member's current weight grows by its weight; the member with the
/// highest current weight wins (ties go to the earlier member) and loses the total weight of the
/// turn. Over any run of turns with the same eligible members, each gets its share, evenly spread:
/// weights 5, 1, 1 give `a a b a c a a`, not `a a a a a b c`.
///
/// **Fairness on (re)join.** Only the members eligible at the last turn keep a current weight.
/// A member who was not eligible (new to the pool, out of office, outside hours, at capacity)
/// re-enters at 0: they collect no credit while away, so they are not flooded when back, and
/// carry no debt, so they are not starved. Their share resumes at once at their weight.
///
/// The rotation is a value folded from `assigned` events by ``RoutingLedger``: each pool
/// assignment carries a `pool-turn:<pool>` reason listing the eligible members and weights
/// (`ana=3,bob=1`), which ``record(_:chosen:)`` replays.
public struct PoolRotation: Hashable, Sendable {
    /// A member taking part in a turn.
    public struct Candidate: Hashable, Sendable {
        /// The rep's id.
        public var rep: String
        /// The rep's weight in the pool.
        public var weight: Int

        /// Makes a candidate.
        public init(rep: String, weight: Int) {
            self.rep = rep
            self.weight = weight
        }
    }

    /// The current weight of each member eligible at the last turn.
    public private(set) var current: [String: Int]
    /// How many turns were recorded.
    public private(set) var turns: Int
    /// The members of the last turn in pool order with their current weights: what ``current``
    /// holds, in an order a router walks without hashing.
    private var ordered: [(rep: String, weight: Int)] = []
    /// The last `pool-turn:` detail replayed and its candidates: most turns list the same
    /// members, so a replay compares the text instead of parsing it again.
    private var lastDetail = ""
    private var lastCandidates: [Candidate] = []

    /// A fresh rotation: no turns, every member at 0.
    public init() {
        current = [:]
        turns = 0
    }

    /// A rotation at the given position, as a ledger snapshot stores it.
    init(current: [String: Int], turns: Int) {
        self.current = current
        self.turns = turns
    }

    /// Rotations are equal when their weights and turn counts are.
    public static func == (lhs: PoolRotation, rhs: PoolRotation) -> Bool {
        lhs.current == rhs.current && lhs.turns == rhs.turns
    }

    /// Hashes the weights and the turn count.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(current)
        hasher.combine(turns)
    }

    /// ``currentWeight(of:)`` for members asked in pool order: `cursor` starts at 0 and moves
    /// along the last turn's members, so a pool asking for its members in order compares ids
    /// instead of hashing them. Gives the same answers as ``currentWeight(of:)`` in any order.
    ///
    /// - Parameters:
    ///   - rep: the member's id.
    ///   - cursor: the walk's position; start at 0.
    @inline(__always)
    func currentWeight(of rep: String, cursor: inout Int) -> Int {
        var index = cursor
        while index < ordered.count {
            if ordered[index].rep == rep {
                cursor = index + 1
                return ordered[index].weight
            }
            index += 1
        }
        return current[rep] ?? 0
    }

    /// The index of the candidate the next turn picks, or `nil` when there are none.
    ///
    /// - Parameter candidates: the eligible members, in pool order.
    public func choose(among candidates: [Candidate]) -> Int? {
        var best: Int?
        var bestWeight = Int.min
        for (index, candidate) in candidates.enumerated() {
            let weight = (current[candidate.rep] ?? 0) + candidate.weight
            if weight > bestWeight {
                best = index
                bestWeight = weight
            }
        }
        return best
    }

    /// The current weight of a member: 0 when they were not eligible at the last turn.
    ///
    /// - Parameter rep: the member's id.
    public func currentWeight(of rep: String) -> Int { current[rep] ?? 0 }

    /// Records a turn: the eligible members and the one that got the lead.
    ///
    /// - Parameters:
    ///   - candidates: the eligible members at the turn, in pool order.
    ///   - chosen: the rep who got the lead; a turn whose chosen rep is not a candidate is ignored.
    public mutating func record(_ candidates: [Candidate], chosen: String) {
        guard candidates.contains(where: { $0.rep == chosen }) else { return }
        var next: [String: Int] = [:]
        next.reserveCapacity(candidates.count)
        var total = 0
        for candidate in candidates {
            next[candidate.rep] = (current[candidate.rep] ?? 0) + candidate.weight
            total += candidate.weight
        }
        next[chosen, default: 0] -= total
        current = next
        ordered = candidates.compactMap { candidate in next[candidate.rep].map { (candidate.rep, $0) } }
        turns += 1
    }

    /// Records a turn from its `pool-turn:` reason detail (`ana=3,bob=1`); a malformed detail is
    /// ignored.
    mutating func record(detail: String, chosen: String) {
        if detail != lastDetail {
            guard let candidates = Self.candidates(fromDetail: detail) else { return }
            lastDetail = detail
            lastCandidates = candidates
        }
        record(lastCandidates, chosen: chosen)
    }

    /// The `pool-turn:` reason detail for a turn: `ana=3,bob=1`.
    static func detail(_ candidates: [Candidate]) -> String {
        candidates.map { "\($0.rep)=\($0.weight)" }.joined(separator: ",")
    }

    /// The candidates written in a `pool-turn:` reason detail, or `nil` when it is malformed.
    static func candidates(fromDetail detail: String) -> [Candidate]? {
        var result: [Candidate] = []
        for token in detail.split(separator: ",") {
            let parts = token.split(separator: "=")
            guard parts.count == 2, let weight = Int(parts[1]) else { return nil }
            result.append(Candidate(rep: String(parts[0]), weight: weight))
        }
        return result
    }

    /// The prefix of the reason that records a pool turn: `pool-turn:<pool>`.
    static let reasonPrefix = "pool-turn:"
}
