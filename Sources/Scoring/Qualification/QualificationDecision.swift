public import LeadModel

/// A stage move the qualification policy asks for, with its SLA tier and reasons.
///
/// The engine appends the stage change with ``reasons`` (and the card that caused it) and
/// starts the SLA clock of ``tier``.
public struct QualificationDecision: Hashable, Sendable {
    /// The lead's stage now.
    public var from: Stage
    /// The stage to move to.
    public var to: Stage
    /// The SLA tier of the handoff (`hot`, `warm`, `nurture`).
    public var tier: String
    /// The trigger that fired, when the move came from one.
    public var trigger: String?
    /// The signal that fired the trigger.
    public var triggerSignal: Signal?
    /// Why: the thresholds met (`threshold:mql`), the trigger (`trigger:quote-or-demo`) and the
    /// tier rule (`tier:hot`), in that order.
    public var reasons: [Reason]

    /// Makes a decision.
    public init(
        from: Stage, to: Stage, tier: String, trigger: String? = nil, triggerSignal: Signal? = nil,
        reasons: [Reason]
    ) {
        self.from = from
        self.to = to
        self.tier = tier
        self.trigger = trigger
        self.triggerSignal = triggerSignal
        self.reasons = reasons
    }
}
