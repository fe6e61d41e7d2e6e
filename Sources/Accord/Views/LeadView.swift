import Foundation
import LeadModel

/// A lead's current state as plain, encodable fields: what `accord lead show --json` prints and
/// what a service answers for a lead.
///
/// ``LeadModel/LeadState`` is the engine's fold and is not `Codable`; this view is its stable JSON shape,
/// shared by every host so that the command line and a service built on Accord agree field for
/// field. Value semantics; build one with ``init(_:)`` from ``AlignmentEngine/state(of:)``.
public struct LeadView: Codable, Hashable, Sendable {
    /// One entry of the lead's stage history.
    public struct StageEntry: Codable, Hashable, Sendable {
        /// The stage entered, by its playbook name.
        public var stage: String
        /// When the lead entered it.
        public var enteredAt: Date
    }

    /// The lead's id.
    public var id: String
    /// The current lifecycle stage.
    public var stage: String
    /// The email address, if known.
    public var email: String?
    /// The phone number, if known.
    public var phone: String?
    /// First and last name joined, if either is known.
    public var name: String?
    /// The job title.
    public var title: String?
    /// The company name.
    public var company: String?
    /// The account the lead belongs to.
    public var account: String?
    /// The channel the lead came from.
    public var source: String?
    /// The campaign that produced the lead.
    public var campaign: String?
    /// The message or offer that produced the response.
    public var messageAngle: String?
    /// The person's ids in other systems, as `system:id`.
    public var externalIDs: [String]
    /// Custom attributes.
    public var attributes: [String: AttributeValue]
    /// When the lead was created.
    public var createdAt: Date
    /// When the lead last changed.
    public var updatedAt: Date
    /// How many signals the lead has.
    public var signals: Int
    /// The latest score card, with every contribution.
    public var score: ScoreCard?
    /// The owner, as `rep:NAME` or `queue:NAME`.
    public var owner: String?
    /// How many sales touches were recorded.
    public var touches: Int
    /// Open response clocks, soonest deadline first.
    public var openClocks: [SLAClock]
    /// The latest disposition, if sales recorded one.
    public var disposition: Disposition?
    /// The lead's deal, with its updates and its closing.
    public var opportunity: OpportunityState?
    /// Every stage the lead entered, oldest first.
    public var stageHistory: [StageEntry]
    /// The survivor, when this lead was merged into another.
    public var mergedInto: String?
    /// The leads merged into this one.
    public var absorbed: [String]
    /// Whether the person's personal data was erased.
    public var erased: Bool
    /// The lead's version: the number of events applied to it.
    public var version: Int
    /// Recycles, re-qualifications and the dispute over a rejection.
    public var feedback: FeedbackStatus
    /// The move up the funnel a handoff gate refuses, while it holds; left out of JSON when none.
    public var notMoved: HandoffBlock?
    /// How the lead came to its account — the matcher's decision with its confidence and
    /// evidence, or a reviewer's acceptance — while it is on that account; left out of JSON when
    /// none (matching off, or the account came from the email domain alone).
    public var accountMatch: AccountMatchDecision?
    /// The account match waiting for a reviewer, with its candidates; left out of JSON when none.
    public var accountReview: AccountMatchDecision?

    /// Makes the view of a lead's state.
    /// - Parameter state: the lead's state, from the engine or a journal reader.
    public init(_ state: LeadState) {
        let lead = state.lead
        id = lead.id.rawValue
        stage = state.stage.rawValue
        email = lead.email
        phone = lead.phone
        let parts = [lead.firstName, lead.lastName].compactMap { $0 }
        name = parts.isEmpty ? nil : parts.joined(separator: " ")
        title = lead.title
        company = lead.company
        account = lead.accountID?.rawValue
        source = lead.source
        campaign = lead.campaign
        messageAngle = lead.messageAngle
        externalIDs = lead.externalIDs.map(\.description)
        attributes = lead.attributes
        createdAt = state.createdAt
        updatedAt = state.updatedAt
        signals = state.signals.count
        score = state.score
        owner = state.owner?.description
        touches = state.touches.count
        openClocks = state.openClocks.values.sorted { $0.deadline < $1.deadline }
        disposition = state.disposition
        opportunity = state.opportunity
        stageHistory = state.stageHistory.map { StageEntry(stage: $0.stage.rawValue, enteredAt: $0.enteredAt) }
        mergedInto = state.mergedInto?.rawValue
        absorbed = state.absorbed.map(\.rawValue)
        erased = state.isErased
        version = state.version
        feedback = state.feedback
        notMoved = state.handoffBlock
        accountMatch = state.accountMatch
        accountReview = state.accountReview
    }
}
