/// A routing turn taken, recorded on a claim stream so that two engines sharing one journal never
/// hand out the same turn twice.
///
/// The engine appends a claim to `pool:<name>` for every pool turn and to `rep:<id>` for every
/// routed assignment to a rep, each expecting the stream's version it routed with (optimistic
/// concurrency): when another engine got there first the append fails, the engine folds the new
/// events and routes again. The assignment itself stays on the lead's stream with its trail.
public struct TurnClaim: Hashable, Sendable, Codable {
    /// The lead the turn went to.
    public var lead: LeadID
    /// The rep who got the lead.
    public var rep: String
    /// The pool whose turn it was, when the lead came from a pool.
    public var pool: String?

    /// Makes a claim.
    ///
    /// - Parameters:
    ///   - lead: the lead the turn went to.
    ///   - rep: the rep who got it.
    ///   - pool: the pool, when pooled.
    public init(lead: LeadID, rep: String, pool: String? = nil) {
        self.lead = lead
        self.rep = rep
        self.pool = pool
    }

    /// The claim stream of a pool: `pool:<name>`.
    public static func stream(pool: String) -> LeadID { LeadID(rawValue: "pool:\(pool)") }

    /// The claim stream of a rep: `rep:<id>`.
    public static func stream(rep: String) -> LeadID { LeadID(rawValue: "rep:\(rep)") }
}
