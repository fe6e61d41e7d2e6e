/// What a pool balances among its members.
///
/// - ``turns`` (the default): the number of leads, by smooth weighted round robin
///   (``PoolRotation``).
/// - ``value``: the expected value of the leads — the lead's score read as a probability ×
///   the expected deal size of its segment (``DealSizes``) — received over a recent window: the
///   member who received the least per unit of weight gets the next lead; ties go by the round
///   robin. Value received decays by half every `valueHalfLifeDays`, so the window slides and a
///   member back from a long absence catches up within a few leads rather than taking every
///   high-value lead for weeks.
public enum PoolBalance: String, Hashable, Sendable, Codable, CaseIterable {
    /// Balance the number of leads.
    case turns
    /// Balance the expected value of leads.
    case value
}
