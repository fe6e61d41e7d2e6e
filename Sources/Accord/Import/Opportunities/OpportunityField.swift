/// A field of an opportunities import: how a CRM export's column maps to a deal.
///
/// Written as text in mappings (case-insensitive): `leadId`, `email` (how the row finds its
/// lead), `account` (the account's domain or company name: a row with an account and no lead is
/// an account-level deal; one of the three is required), `id` (the deal's id, required),
/// `amount` (empty when unknown), `currency`, `product`, `owner`, `dealStage`, `status` (`open`,
/// `won` or `lost`; also a CRM's stage names), `openedAt` (when the CRM created the deal),
/// `closeDate` (the expected close date of an open deal, the actual close date of a closed one),
/// `reason` (why it was won or lost), and `-` to ignore the column.
///
/// The standard headers of HubSpot's deal export (`Record ID`, `Deal Stage`, `Amount`, `Close
/// Date`, `Create Date`, `Deal owner`, `Associated Company`) and of Salesforce's Opportunities
/// report (`Opportunity ID`, `Account Name`, `Stage`, `Amount`, `Close Date`, `Created Date`,
/// `Opportunity Owner`) map themselves; their other columns (`Deal Name`, `Pipeline`, `Won`,
/// `Closed`, `Probability (%)`, …) are ignored: the stage says whether a deal is won or lost.
public enum OpportunityField: String, Hashable, Sendable, Codable, CaseIterable {
    case leadID = "leadId"
    case email
    case account
    case id
    case amount
    case currency
    case product
    case owner
    case dealStage
    case status
    case openedAt
    case closeDate
    case reason

    /// Parses a field name or a common CRM header for it (`Opportunity ID`, `Record ID`, `Account
    /// Name`, `Stage`, `Created Date`, `Close Date`, `Loss Reason`); `nil` for `-` or an unknown
    /// name.
    public init?(header: String) {
        let key = header.lowercased().filter { $0.isLetter || $0.isNumber }
        guard let field = Self.aliases[key] else { return nil }
        self = field
    }

    static let aliases: [String: OpportunityField] = {
        var aliases: [String: OpportunityField] = [:]
        for field in OpportunityField.allCases { aliases[field.rawValue.lowercased()] = field }
        let more: [String: OpportunityField] = [
            "lead": .leadID, "leadid": .leadID, "accordid": .leadID, "emailaddress": .email, "contactemail": .email,
            "opportunityid": .id, "dealid": .id, "opportunity": .id, "value": .amount, "dealamount": .amount,
            "dealvalue": .amount, "closevalue": .amount, "productline": .product, "ownername": .owner,
            "opportunityowner": .owner,
            "dealowner": .owner, "salesagent": .owner, "salesrep": .owner, "accountexecutive": .owner,
            "stage": .dealStage, "dealstage": .dealStage, "stagename": .dealStage,
            "outcome": .status, "result": .status, "createddate": .openedAt, "createdat": .openedAt,
            "opened": .openedAt, "engagedate": .openedAt, "opendate": .openedAt, "closedate": .closeDate,
            "expectedclosedate": .closeDate, "closedat": .closeDate,
            "lossreason": .reason, "winreason": .reason, "closereason": .reason, "reasoncode": .reason,
            // Accounts: the export's own `account`, Salesforce's `Account Name`, HubSpot's
            // `Associated Company`.
            "accountname": .account, "accountdomain": .account, "company": .account, "companyname": .account,
            "companydomain": .account, "companydomainname": .account, "associatedcompany": .account,
            "associatedcompanyprimary": .account,
            // HubSpot deals: `Record ID`, `Create Date`, `Closed Lost Reason`, `Closed Won Reason`.
            "recordid": .id, "createdate": .openedAt, "closedlostreason": .reason, "closedwonreason": .reason,
            // Salesforce Opportunities reports: `Opportunity Currency`.
            "opportunitycurrency": .currency,
        ]
        aliases.merge(more) { first, _ in first }
        return aliases
    }()
}
