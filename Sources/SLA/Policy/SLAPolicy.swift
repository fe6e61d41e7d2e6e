import Foundation
public import LeadModel

/// What an SLA policy may look at when a lead is assigned.
public struct SLAInput: Sendable {
    /// The lead as folded from the journal, assignment included.
    public var state: LeadState
    /// The instant the clock would start.
    public var now: Date
    /// The tier qualification gave the lead (`"hot"`, `"nurture"`), when the engine knows it.
    public var qualificationTier: String?
    /// The owner's business calendar by name (their team's or region's), when the engine knows it;
    /// it takes precedence over the tier's calendar.
    public var calendar: String?

    /// Makes an input.
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - now: the instant the clock would start.
    ///   - qualificationTier: the tier qualification gave the lead.
    ///   - calendar: the owner's calendar name.
    public init(state: LeadState, now: Date, qualificationTier: String? = nil, calendar: String? = nil) {
        self.state = state
        self.now = now
        self.qualificationTier = qualificationTier
        self.calendar = calendar
    }
}

/// A response clock to start, with the arithmetic behind its deadline.
public struct SLAClockStart: Hashable, Sendable {
    /// The tier that applied.
    public var tier: String
    /// When the owner is warned, if the tier warns.
    public var warnAt: Date?
    /// When the clock breaches without a qualifying touch.
    public var deadline: Date
    /// How the deadline was computed (target, calendar, out-of-hours shift), stored with the event.
    public var reasons: [Reason]

    /// Makes a clock start.
    ///
    /// - Parameters:
    ///   - tier: the tier that applied.
    ///   - warnAt: when the owner is warned.
    ///   - deadline: when the clock breaches.
    ///   - reasons: the arithmetic behind the instants.
    public init(tier: String, warnAt: Date?, deadline: Date, reasons: [Reason]) {
        self.tier = tier
        self.warnAt = warnAt
        self.deadline = deadline
        self.reasons = reasons
    }
}

/// Decides whether an assigned lead gets a response clock, and its deadline: the SLA plugin point.
///
/// A pure policy; `nil` means the lead gets no clock (for example a nurture-tier lead).
public protocol SLAPolicy: Sendable {
    /// The clock to start for the lead, or `nil`.
    func clock(for input: SLAInput) -> SLAClockStart?

    /// The disposition clock to start beside the first-touch clock (sales must accept, reject or
    /// recycle the lead in time), or `nil` for none — the default.
    func dispositionClock(for input: SLAInput) -> SLAClockStart?
}

extension SLAPolicy {
    public func dispositionClock(for input: SLAInput) -> SLAClockStart? { nil }
}
