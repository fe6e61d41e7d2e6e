import Foundation

/// An account's own deals (deals with no contact), folded from its deal stream
/// (``LeadID/stream(account:)``).
///
/// A lead has at most one deal at a time; an account stream holds any number, each opened,
/// updated and closed by its own events. Each deal keeps who recorded it and why (for imported
/// history, `imported from FILE`), so `accord account show` can say where it came from.
///
/// ```swift
/// var deals = AccountDeals(account: "name:acme-inc")
/// for event in try await store.events(forLead: .stream(account: "name:acme-inc")) { deals.apply(event) }
/// print(deals.deals.map(\.state.opportunity.id))
/// ```
public struct AccountDeals: Hashable, Sendable {
    /// One deal of the account and where it came from.
    public struct Deal: Hashable, Sendable {
        /// The deal as folded: opened values, updates, closing.
        public var state: OpportunityState
        /// Who opened it.
        public var openedBy: EventActor
        /// Why: the reasons of the `opportunity-opened` event (`history: imported from deals.csv`).
        public var reasons: [Reason]
    }

    /// The account.
    public let account: AccountID
    /// The account's deal stream.
    private let stream: LeadID
    /// The account's name as the deals gave it (the first one seen), when any did.
    public private(set) var name: String?
    /// The deals, in the order they were opened.
    public private(set) var deals: [Deal] = []
    /// The number of events on the stream, for optimistic concurrency.
    public private(set) var version = 0
    private var positions: [OpportunityID: Int] = [:]

    /// An account without deals.
    ///
    /// - Parameter account: the account.
    public init(account: AccountID) {
        self.account = account
        stream = .stream(account: account)
    }

    /// The deal with this id, when the account has it.
    ///
    /// - Parameter id: the deal's id.
    /// - Returns: the deal, or `nil`.
    public func deal(_ id: OpportunityID) -> Deal? {
        positions[id].map { deals[$0] }
    }

    /// Applies one event of the account's stream; events of other streams are ignored.
    ///
    /// - Parameter event: the event.
    public mutating func apply(_ event: LeadEvent) {
        guard event.leadID == stream else { return }
        version += 1
        switch event.payload {
        case .opportunityOpened(let opportunity):
            if name == nil, let accountName = opportunity.accountName { name = accountName }
            let state = OpportunityState(opportunity: opportunity, openedAt: opportunity.openedAt ?? event.occurredAt)
            let deal = Deal(state: state, openedBy: event.actor, reasons: event.reasons)
            if let index = positions[opportunity.id] {
                deals[index] = deal
            } else {
                positions[opportunity.id] = deals.count
                deals.append(deal)
            }
        case .opportunityUpdated(let update):
            if let index = positions[update.id] { deals[index].state.apply(update) }
        case .opportunityClosed(let closing):
            if let index = positions[closing.id] { deals[index].state.closing = closing }
        default:
            break
        }
    }
}
