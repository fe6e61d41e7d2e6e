import Foundation

/// The identity of one response clock (a lead can have several over its life).
public struct SLAClockID: StringIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

extension SLAClockID {
    /// The disposition clock that runs beside this first-touch clock: sales must accept, reject
    /// or recycle the lead by its deadline. Its id is this one's with `/disposition` appended.
    public var dispositionClockID: SLAClockID { SLAClockID(rawValue: rawValue + Self.dispositionSuffix) }

    /// Whether this is a disposition clock (stopped by a disposition, not by a touch).
    public var isDisposition: Bool { rawValue.hasSuffix(Self.dispositionSuffix) }

    static let dispositionSuffix = "/disposition"
}

/// A response clock as it started: its tier, when it warns and when it breaches. The calendar
/// arithmetic behind the deadline is in the event's reasons.
public struct SLAClock: Hashable, Sendable, Codable {
    public var id: SLAClockID
    public var tier: String
    public var owner: Owner?
    public var warnAt: Date?
    public var deadline: Date

    public init(id: SLAClockID, tier: String, owner: Owner?, warnAt: Date?, deadline: Date) {
        self.id = id
        self.tier = tier
        self.owner = owner
        self.warnAt = warnAt
        self.deadline = deadline
    }
}

/// One step of an escalation ladder: warn the owner, notify the manager, reassign, return to pool.
public struct SLAEscalation: Hashable, Sendable, Codable {
    public var clockID: SLAClockID
    /// The ladder step (`"notify-manager"`, `"reassign"`).
    public var step: String
    /// Who was notified or received the lead, when the step names someone.
    public var target: Owner?

    public init(clockID: SLAClockID, step: String, target: Owner? = nil) {
        self.clockID = clockID
        self.step = step
        self.target = target
    }
}
