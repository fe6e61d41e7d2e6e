import Foundation
public import LeadModel

/// Something an open clock needs now: a warning, a breach or an escalation step.
///
/// The engine turns each into an event (`slaWarned`, `slaBreached`, `slaEscalated`) with
/// ``reasons`` as the event's reasons, and applies the event to the ``SLAMonitor``.
public struct SLADueAction: Hashable, Sendable {
    /// What is due.
    public enum Kind: Hashable, Sendable {
        /// The warning point passed.
        case warn
        /// The deadline passed without a qualifying touch.
        case breach
        /// Escalation step `index` of the tier's ladder.
        case escalate(index: Int, step: EscalationStep.Action)
    }

    /// What is due.
    public var kind: Kind
    /// The lead the clock runs for.
    public var leadID: LeadID
    /// The clock.
    public var clockID: SLAClockID
    /// The clock's tier.
    public var tier: String
    /// The owner when the clock started.
    public var owner: Owner?
    /// When it became due.
    public var due: Date
    /// Why, for the event (escalation arithmetic; empty for warnings and breaches).
    public var reasons: [Reason]

    /// Makes an action.
    ///
    /// - Parameters:
    ///   - kind: what is due.
    ///   - leadID: the lead.
    ///   - clockID: the clock.
    ///   - tier: the clock's tier.
    ///   - owner: the owner when the clock started.
    ///   - due: when it became due.
    ///   - reasons: why.
    public init(
        kind: Kind, leadID: LeadID, clockID: SLAClockID, tier: String, owner: Owner?, due: Date, reasons: [Reason] = []
    ) {
        self.kind = kind
        self.leadID = leadID
        self.clockID = clockID
        self.tier = tier
        self.owner = owner
        self.due = due
        self.reasons = reasons
    }
}
