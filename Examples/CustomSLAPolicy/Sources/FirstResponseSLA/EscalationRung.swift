import SLA

/// One rung of ``FirstResponseSLA``'s escalation ladder: what happens, how many business
/// minutes after the deadline, and who stands behind it, in words for the journal.
public struct EscalationRung: Hashable, Sendable {
    /// What the engine does: warn the owner, notify their manager, reassign the lead or return
    /// it to its pool.
    public var action: EscalationStep.Action
    /// Business time after the breached deadline, in seconds; 0 is at the deadline.
    public var after: Double
    /// Who the step is for, recorded in its reasons (`"team lead"`); no personal data.
    public var role: String

    /// Makes a rung.
    ///
    /// - Parameters:
    ///   - action: what the engine does.
    ///   - after: business seconds after the deadline.
    ///   - role: who the step is for, in words.
    public init(_ action: EscalationStep.Action, after: Double, role: String) {
        self.action = action
        self.after = after
        self.role = role
    }
}
