/// The survivor's side of a merge: which lead was absorbed, why they matched, and what the
/// absorbed lead brought along.
///
/// The record carries the absorbed lead's data and signals so that the survivor's state folds
/// from its own stream alone; the absorbed lead keeps its own history, ending in
/// ``LeadEvent/Payload/mergedInto(_:)``.
public struct MergeRecord: Hashable, Sendable, Codable {
    /// The lead merged into this one.
    public var absorbed: LeadID
    /// The identity keys both leads shared (`"email"`, `"phone"`, `"external:hubspot"`).
    public var matchedOn: [String]
    /// The absorbed lead's data at the time of the merge; it fills fields the survivor lacks.
    public var absorbedLead: Lead
    /// The absorbed lead's signals, so scoring sees the whole person.
    public var absorbedSignals: [Signal]

    public init(absorbed: LeadID, matchedOn: [String], absorbedLead: Lead, absorbedSignals: [Signal]) {
        self.absorbed = absorbed
        self.matchedOn = matchedOn
        self.absorbedLead = absorbedLead
        self.absorbedSignals = absorbedSignals
    }
}
