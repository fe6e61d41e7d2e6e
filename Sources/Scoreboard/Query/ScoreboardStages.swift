public import LeadModel

/// The stage names the scoreboard's funnel counts, for teams whose stage graph names them
/// differently. The funnel is lead → ``mql`` → ``sql`` → ``opportunity`` → ``won`` (or ``lost``).
public struct ScoreboardStages: Hashable, Sendable, Codable {
    /// Marketing-qualified.
    public var mql: Stage
    /// Sales-qualified (accepted for direct engagement).
    public var sql: Stage
    /// A qualified deal is open.
    public var opportunity: Stage
    /// The deal was won.
    public var won: Stage
    /// The deal was lost.
    public var lost: Stage

    /// Creates the names; each defaults to the standard stage of that name.
    public init(
        mql: Stage = .mql, sql: Stage = .sql, opportunity: Stage = .opportunity, won: Stage = .won,
        lost: Stage = .lost
    ) {
        self.mql = mql
        self.sql = sql
        self.opportunity = opportunity
        self.won = won
        self.lost = lost
    }

    /// The standard graph's names.
    public static let standard = ScoreboardStages()
}
