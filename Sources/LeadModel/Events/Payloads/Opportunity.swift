import Foundation

/// The identity of a deal (an opportunity), usually the CRM's opportunity id.
public struct OpportunityID: StringIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A qualified deal opened on a lead or an account: what it is worth, what it is for and when it
/// should close.
///
/// The payload of an `opportunity-opened` event. Amounts are in ``currency`` (an ISO 4217 code
/// such as `"USD"`); the scoreboard sums amounts as recorded and does not convert currencies. An
/// amount may be unknown (`nil`): an open deal the CRM has not valued yet, or history from a file
/// without amounts. Such a deal counts in deal counts but in no sum, and deal size and velocity
/// leave it out.
///
/// A deal opened on a lead lives on the lead's stream. An account-level deal (a CRM row with an
/// account and no contact) lives on its account's stream, ``LeadID/stream(account:)``
/// (`account:<account id>`), which holds every deal of the account; ``accountName`` keeps the
/// account's name as the CRM gave it.
///
/// ```swift
/// let deal = Opportunity(id: "opp-42", amount: 24_000, currency: "USD", product: "payroll",
///                        expectedCloseDate: closeDate, owner: .rep("maria"))
/// ```
public struct Opportunity: Hashable, Sendable, Codable {
    /// The deal's id, unique within the journal.
    public var id: OpportunityID
    /// The expected deal value; `nil` when unknown (since record layout 3).
    public var amount: Double?
    /// The ISO 4217 currency code of ``amount``.
    public var currency: String
    /// The product line the deal is for, when known.
    public var product: String?
    /// When the deal is expected to close.
    public var expectedCloseDate: Date?
    /// The rep or queue working the deal.
    public var owner: Owner?
    /// The CRM's deal stage (`"discovery"`, `"proposal"`), when the team tracks one.
    public var dealStage: String?
    /// When the deal was opened in the CRM, for imported history; `nil` means at the event's
    /// time.
    public var openedAt: Date?
    /// The name of the account (company) the deal is with, as the CRM gave it, when known (since
    /// record layout 3).
    public var accountName: String?

    /// Creates an opportunity.
    ///
    /// - Parameters:
    ///   - id: the deal's id.
    ///   - amount: the expected value, in `currency`; `nil` when unknown.
    ///   - currency: an ISO 4217 code.
    ///   - product: the product line.
    ///   - expectedCloseDate: when it should close.
    ///   - owner: who works it.
    ///   - dealStage: the CRM's deal stage.
    ///   - openedAt: when the CRM opened it, for imported history.
    ///   - accountName: the account's name as the CRM gave it.
    public init(
        id: OpportunityID, amount: Double?, currency: String, product: String? = nil,
        expectedCloseDate: Date? = nil, owner: Owner? = nil, dealStage: String? = nil, openedAt: Date? = nil,
        accountName: String? = nil
    ) {
        self.id = id
        self.amount = amount
        self.currency = currency
        self.product = product
        self.expectedCloseDate = expectedCloseDate
        self.owner = owner
        self.dealStage = dealStage
        self.openedAt = openedAt
        self.accountName = accountName
    }

    private enum CodingKeys: String, CodingKey {
        case id, amount, currency, product, expectedCloseDate, owner, dealStage, openedAt, accountName
    }

    /// Writes the fields as the synthesized encoding would, except that an unknown amount is
    /// written as `null`, so a JSON reader sees it is unknown rather than missing.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(amount, forKey: .amount)
        try container.encode(currency, forKey: .currency)
        try container.encodeIfPresent(product, forKey: .product)
        try container.encodeIfPresent(expectedCloseDate, forKey: .expectedCloseDate)
        try container.encodeIfPresent(owner, forKey: .owner)
        try container.encodeIfPresent(dealStage, forKey: .dealStage)
        try container.encodeIfPresent(openedAt, forKey: .openedAt)
        try container.encodeIfPresent(accountName, forKey: .accountName)
    }
}

/// A change to an open deal: a new amount, deal stage or expected close date. Fields left `nil`
/// are unchanged.
///
/// The payload of an `opportunity-updated` event.
public struct OpportunityUpdate: Hashable, Sendable, Codable {
    /// The deal changed.
    public var id: OpportunityID
    /// The new amount, when it changed.
    public var amount: Double?
    /// The new CRM deal stage, when it changed.
    public var dealStage: String?
    /// The new expected close date, when it changed.
    public var expectedCloseDate: Date?

    /// Creates an update; the engine refuses one that changes nothing.
    ///
    /// - Parameters:
    ///   - id: the open deal.
    ///   - amount: the new amount.
    ///   - dealStage: the new CRM deal stage.
    ///   - expectedCloseDate: the new expected close date.
    public init(
        id: OpportunityID, amount: Double? = nil, dealStage: String? = nil, expectedCloseDate: Date? = nil
    ) {
        self.id = id
        self.amount = amount
        self.dealStage = dealStage
        self.expectedCloseDate = expectedCloseDate
    }

    /// Whether the update changes nothing.
    public var isEmpty: Bool { amount == nil && dealStage == nil && expectedCloseDate == nil }
}

/// How a deal ended.
public enum OpportunityOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// Closed won: the customer signed.
    case won
    /// Closed lost.
    case lost
}

/// The end of a deal: won or lost, for how much, when, and why.
///
/// The payload of an `opportunity-closed` event. For a lost deal ``amount`` is the value that
/// was on the table; `nil` when it was never known (history from a file without amounts).
public struct OpportunityClosing: Hashable, Sendable, Codable {
    /// The deal closed.
    public var id: OpportunityID
    /// Won or lost.
    public var outcome: OpportunityOutcome
    /// The final deal value (the booked amount when won); `nil` when unknown (since record
    /// layout 3).
    public var amount: Double?
    /// When the deal closed, as the CRM records it (may be earlier than the event's time when
    /// history is imported).
    public var closedAt: Date
    /// Why it was won or lost: a short code such as `"price"` or `"competitor"`.
    public var reason: String?

    /// Creates a closing.
    ///
    /// - Parameters:
    ///   - id: the deal.
    ///   - outcome: won or lost.
    ///   - amount: the final value; `nil` when unknown.
    ///   - closedAt: when it closed.
    ///   - reason: why, as a short code.
    public init(
        id: OpportunityID, outcome: OpportunityOutcome, amount: Double?, closedAt: Date, reason: String? = nil
    ) {
        self.id = id
        self.outcome = outcome
        self.amount = amount
        self.closedAt = closedAt
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case id, outcome, amount, closedAt, reason
    }

    /// Writes the fields as the synthesized encoding would, except that an unknown amount is
    /// written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(amount, forKey: .amount)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}

/// A lead's deal as folded from its opportunity events: the opened values with every update
/// applied, and the closing once the deal ended.
public struct OpportunityState: Hashable, Sendable, Codable {
    /// The deal's current values.
    public var opportunity: Opportunity
    /// When the deal opened: the opportunity's own ``Opportunity/openedAt``, else the time of
    /// the `opportunity-opened` event.
    public var openedAt: Date
    /// How it ended; `nil` while the deal is open.
    public var closing: OpportunityClosing?

    /// Creates a folded deal.
    public init(opportunity: Opportunity, openedAt: Date, closing: OpportunityClosing? = nil) {
        self.opportunity = opportunity
        self.openedAt = openedAt
        self.closing = closing
    }

    /// Whether the deal is still open.
    public var isOpen: Bool { closing == nil }

    /// Applies an update of this deal.
    public mutating func apply(_ update: OpportunityUpdate) {
        if let amount = update.amount { opportunity.amount = amount }
        if let stage = update.dealStage { opportunity.dealStage = stage }
        if let date = update.expectedCloseDate { opportunity.expectedCloseDate = date }
    }
}
