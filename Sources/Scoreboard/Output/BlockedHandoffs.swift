/// Handoffs blocked at the gate: the people whose qualification rules asked for a move that a
/// handoff gate refused, in the scoreboard's view, with what was missing and where they came
/// from — so marketing ops can find the form that drops the company field.
///
/// In the cohort view it counts the people created in the period who were ever blocked; in the
/// activity view, the people blocked during the period. Each person counts once per field and
/// once in their source and campaign, however often they were blocked.
public struct BlockedHandoffs: Hashable, Sendable, Codable {
    /// People blocked at least once.
    public var leads = 0
    /// Of those, people still held back now (their block was not lifted by a later move).
    public var stillBlocked = 0
    /// People by missing field (a person missing two fields counts under both).
    public var byField: [String: Int] = [:]
    /// People by lead source; `(none)` for people without one.
    public var bySource: [String: Int] = [:]
    /// People by campaign; `(none)` for people without one.
    public var byCampaign: [String: Int] = [:]

    public init() {}
}
