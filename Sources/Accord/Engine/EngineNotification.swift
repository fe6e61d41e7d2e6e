public import LeadModel

/// Something a host may want to act on right away: a handoff, a merge, a clock starting.
public enum EngineNotification: Hashable, Sendable {
    /// A new lead was captured.
    case leadCaptured(LeadID)
    /// `absorbed` was merged into `survivor`.
    case leadsMerged(survivor: LeadID, absorbed: LeadID)
    /// A lead moved through the funnel.
    case stageChanged(LeadID, StageChange)
    /// A lead was assigned (on handoff, by escalation or by hand).
    case assigned(LeadID, Owner)
    /// A response clock started.
    case slaStarted(LeadID, SLAClock)
    /// A response clock reached its warning point.
    case slaWarned(LeadID, SLAClockID)
    /// A response clock ran past its deadline.
    case slaBreached(LeadID, SLAClockID)
    /// A step of a tier's escalation ladder is due (warn the owner, notify the manager, …).
    case slaEscalated(LeadID, SLAEscalation)
    /// A lead's personal data was erased.
    case leadErased(LeadID)
    /// The qualification policy wanted to move a lead, but a handoff gate lacks these fields;
    /// the lead stays where it is until they are filled.
    case qualificationBlocked(LeadID, to: Stage, missing: [LeadField])
}

/// Receives the engine's notifications: the notification plugin point (email, Slack, a queue).
///
/// The engine awaits each delivery in order, after the events are stored; a slow sink slows the
/// engine, so hand long work to your own queue.
public protocol NotificationSink: Sendable {
    /// Delivers one notification.
    func deliver(_ notification: EngineNotification) async
}
