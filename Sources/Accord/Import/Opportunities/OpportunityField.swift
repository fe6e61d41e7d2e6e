/// A field of an opportunities import: how a CRM export's column maps to a deal.
///
/// Written as text in mappings (case-insensitive): `leadId`, `email` (how the row finds its lead:
/// one of them is required), `id` (the deal's id, required), `amount` (required), `currency`,
/// `product`, `owner`, `dealStage`, `status` (`open`, `won` or `lost`; also `closed won`,
/// `closed lost`), `openedAt` (when the CRM created the deal), `closeDate` (the expected close
/// date of an open deal, the actual close date of a closed one), `reason` (why it was won or
/// lost), and `-` to ignore the column.
public enum OpportunityField: String, Hashable, Sendable, Codable, CaseIterable {
    case leadID = "leadId"
    case email
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

    /// Parses a field name or a common CRM header for it (`Opportunity ID`, `Deal Name`,
    /// `Stage`, `Created Date`, `Close Date`, `Loss Reason`); `nil` for `-` or an unknown name.
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
        ]
        aliases.merge(more) { first, _ in first }
        return aliases
    }()
}
