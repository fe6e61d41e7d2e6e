public import LeadModel

/// The stage names the scoreboard's funnel counts, for teams whose stage graph names them
/// differently. The funnel is lead → ``mql`` → ``sql`` → ``opportunity`` → ``won`` (or ``lost``).
public struct ScoreboardStages: Hashable, Sendable, Codable {
    public var mql: Stage
    public var sql: Stage
    public var opportunity: Stage
    public var won: Stage
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
