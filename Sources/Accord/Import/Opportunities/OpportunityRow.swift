import Foundation
public import LeadModel

/// One valid row of an opportunities import: which lead or account, which deal, and how it
/// stands.
public struct OpportunityRow: Hashable, Sendable {
    /// How a row's deal stands in the CRM.
    public enum Status: String, Hashable, Sendable, Codable {
        case open, won, lost
    }

    /// The line in the file where the row starts.
    public var line: Int
    /// The lead's id in Accord, when the file has one.
    public var leadID: LeadID?
    /// The person's email, when the file matches leads by email.
    public var email: String?
    /// The account as the file names it (a domain such as `acme.com`, or a company name), when
    /// it has one. Without a lead id or email, the deal is the account's own.
    public var account: String?
    /// The deal as opened (amount, currency, product, owner, deal stage, opening date, expected
    /// close date for an open deal).
    public var opportunity: Opportunity
    /// Open, won or lost.
    public var status: Status
    /// When a closed deal closed.
    public var closedAt: Date?
    /// Why a closed deal was won or lost.
    public var reason: String?
}

extension OpportunityRow.Status {
    /// How a closed deal ended; `nil` while open.
    var outcome: OpportunityOutcome? {
        switch self {
        case .open: nil
        case .won: .won
        case .lost: .lost
        }
    }
}
