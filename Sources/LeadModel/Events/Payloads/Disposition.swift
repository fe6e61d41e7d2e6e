import Foundation

/// Sales' verdict on a handed-off lead or a booked meeting.
///
/// Beyond the verdict and its reason code, a disposition carries the structured feedback
/// marketing learns from: how good the meeting was, whether the message set the right
/// expectation, what happens next, the objections heard and one line of what the buyer said.
///
/// ```swift
/// var verdict = Disposition(outcome: .rejected, reasonCode: "wrong-persona", note: "IT admin, not finance")
/// verdict.meetingQuality = .lowFit
/// verdict.messageMatch = .overstated
/// verdict.objections = ["implementation-time"]
/// ```
public struct Disposition: Hashable, Sendable, Codable {
    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        case accepted, rejected, recycled
    }

    /// How well a meeting went for both sides.
    public enum MeetingQuality: String, Hashable, Sendable, Codable, CaseIterable {
        case strong, partial
        case lowFit = "low-fit"
    }

    /// Whether the marketing message set the right expectation.
    public enum MessageMatch: String, Hashable, Sendable, Codable, CaseIterable {
        case accurate, overstated, unclear
    }

    /// What sales does with the lead next.
    public enum NextAction: String, Hashable, Sendable, Codable, CaseIterable {
        case `continue`, nurture, disqualify
        case reworkTargeting = "rework-targeting"
    }

    public var outcome: Outcome
    /// The approved reason code from the playbook's taxonomy (`"wrong-persona"`).
    public var reasonCode: String?
    /// One sentence of context; personal data, removed on erasure.
    public var note: String?
    /// Meeting quality, when the handed-off object was a meeting (since layout 2).
    public var meetingQuality: MeetingQuality?
    /// Whether the message matched what the buyer expected (since layout 2).
    public var messageMatch: MessageMatch?
    /// What happens next (since layout 2).
    public var nextAction: NextAction?
    /// Objection tags from the playbook's taxonomy (`"security-review"`) (since layout 2).
    public var objections: [String]
    /// One line of what the buyer said; personal data, removed on erasure (since layout 2).
    public var buyerSaid: String?
    /// The acceptance rules a rejected meeting failed, by id (`"role"`) (since layout 2).
    public var failedRules: [String]
    /// What brings a recycled lead back to sales (since layout 2).
    public var requalify: RequalifyTrigger?

    public init(
        outcome: Outcome, reasonCode: String? = nil, note: String? = nil, meetingQuality: MeetingQuality? = nil,
        messageMatch: MessageMatch? = nil, nextAction: NextAction? = nil, objections: [String] = [],
        buyerSaid: String? = nil, failedRules: [String] = [], requalify: RequalifyTrigger? = nil
    ) {
        self.outcome = outcome
        self.reasonCode = reasonCode
        self.note = note
        self.meetingQuality = meetingQuality
        self.messageMatch = messageMatch
        self.nextAction = nextAction
        self.objections = objections
        self.buyerSaid = buyerSaid
        self.failedRules = failedRules
        self.requalify = requalify
    }

    private enum CodingKeys: String, CodingKey {
        case outcome, reasonCode, note, meetingQuality, messageMatch, nextAction, objections, buyerSaid
        case failedRules, requalify
    }

    /// Reads a disposition; the lists may be absent (JSON written before they existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try container.decode(Outcome.self, forKey: .outcome)
        reasonCode = try container.decodeIfPresent(String.self, forKey: .reasonCode)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        meetingQuality = try container.decodeIfPresent(MeetingQuality.self, forKey: .meetingQuality)
        messageMatch = try container.decodeIfPresent(MessageMatch.self, forKey: .messageMatch)
        nextAction = try container.decodeIfPresent(NextAction.self, forKey: .nextAction)
        objections = try container.decodeIfPresent([String].self, forKey: .objections) ?? []
        buyerSaid = try container.decodeIfPresent(String.self, forKey: .buyerSaid)
        failedRules = try container.decodeIfPresent([String].self, forKey: .failedRules) ?? []
        requalify = try container.decodeIfPresent(RequalifyTrigger.self, forKey: .requalify)
    }
}

/// What brings a recycled lead back to sales: any one of a new high-intent signal, a score
/// reached, or a date passed. The engine fires it and hands the lead off again.
///
/// ```swift
/// let trigger = RequalifyTrigger(signalKinds: [.demoRequested], scoreAtLeast: 60, on: nextQuarter)
/// ```
public struct RequalifyTrigger: Hashable, Sendable, Codable {
    /// A new signal of one of these kinds, after the recycle, fires the trigger.
    public var signalKinds: [SignalKind]
    /// A score total at or above this, after the recycle, fires the trigger.
    public var scoreAtLeast: Double?
    /// Reaching this date fires the trigger.
    public var on: Date?

    public init(signalKinds: [SignalKind] = [], scoreAtLeast: Double? = nil, on: Date? = nil) {
        self.signalKinds = signalKinds
        self.scoreAtLeast = scoreAtLeast
        self.on = on
    }

    /// Whether the trigger has no condition at all (and so can never fire).
    public var isEmpty: Bool { signalKinds.isEmpty && scoreAtLeast == nil && on == nil }

    private enum CodingKeys: String, CodingKey { case signalKinds, scoreAtLeast, on }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        signalKinds = try container.decodeIfPresent([SignalKind].self, forKey: .signalKinds) ?? []
        scoreAtLeast = try container.decodeIfPresent(Double.self, forKey: .scoreAtLeast)
        on = try container.decodeIfPresent(Date.self, forKey: .on)
    }
}
