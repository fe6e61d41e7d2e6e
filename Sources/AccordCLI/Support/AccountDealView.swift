import Accord
import Foundation
import LeadModel

/// A deal as `accord account show` lists it: the account's own deals and its leads' deals, with
/// the stage, the amount (`null` in JSON, `unknown` in text, when the CRM gave none), the owner,
/// the dates and where the deal came from.
struct AccountDealView: Codable, Sendable {
    var id: String
    /// `open`, `won` or `lost`.
    var status: String
    var dealStage: String?
    var amount: Double?
    var currency: String
    var product: String?
    var owner: String?
    var openedAt: Date
    var expectedCloseDate: Date?
    var closedAt: Date?
    var reason: String?
    /// The lead the deal is on; `nil` for the account's own deal.
    var lead: String?
    /// Who recorded the deal and why (`integration import:deals.csv: imported from deals.csv`).
    var origin: String?

    init(_ deal: AccountDeals.Deal, lead: String?) {
        let origin =
            "\(deal.openedBy)"
            + (deal.reasons.isEmpty ? "" : ": " + deal.reasons.map(\.detail).joined(separator: "; "))
        self.init(deal.state, lead: lead, origin: origin)
    }

    init(_ deal: OpportunityState, lead: String?, origin: String?) {
        let values = deal.opportunity
        id = values.id.rawValue
        status = deal.closing?.outcome.rawValue ?? "open"
        dealStage = values.dealStage
        amount = deal.closing == nil ? values.amount : deal.closing?.amount
        currency = values.currency
        product = values.product
        owner = values.owner.map { "\($0)" }
        openedAt = deal.openedAt
        expectedCloseDate = values.expectedCloseDate
        closedAt = deal.closing?.closedAt
        reason = deal.closing?.reason
        self.lead = lead
        self.origin = origin
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, dealStage, amount, currency, product, owner, openedAt, expectedCloseDate, closedAt, reason
        case lead, origin
    }

    /// Writes every key, `null` for what is unknown, so a reader sees an unknown amount as such.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(dealStage, forKey: .dealStage)
        try container.encode(amount, forKey: .amount)
        try container.encode(currency, forKey: .currency)
        try container.encode(product, forKey: .product)
        try container.encode(owner, forKey: .owner)
        try container.encode(openedAt, forKey: .openedAt)
        try container.encode(expectedCloseDate, forKey: .expectedCloseDate)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encode(reason, forKey: .reason)
        try container.encode(lead, forKey: .lead)
        try container.encode(origin, forKey: .origin)
    }

    /// `D7  Prospecting  unknown USD  owner agent1  product GTX  opened 2017-01-02, won 2017-03-01
    /// (integration import:deals.csv: imported from deals.csv)`.
    var line: String {
        var parts = [id, dealStage ?? status, "\(LeadView.number(amount)) \(currency)"]
        if let owner { parts.append("owner \(owner)") }
        if let product { parts.append("product \(product)") }
        var dates = "opened \(LeadView.day(openedAt))"
        if let closedAt { dates += ", \(status) \(LeadView.day(closedAt))" }
        parts.append(dates)
        if let lead { parts.append("lead \(lead)") }
        return parts.joined(separator: "  ") + (origin.map { " (\($0))" } ?? "")
    }
}
