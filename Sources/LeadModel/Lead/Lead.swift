/// A person who raised a hand: the contact data a lead was captured with.
///
/// `Lead` is the *input* shape — what a form, an import or an integration knows about a person.
/// What the system knows now, after signals, merges and stage changes, is ``LeadState``, which is
/// folded from the journal.
///
/// ```swift
/// let lead = Lead(id: "lead-1", email: "Ana@Acme.com", firstName: "Ana",
///                 company: "Acme", source: "webinar", campaign: "q4-security",
///                 attributes: ["employees": .number(250), "industry": "healthcare"])
/// ```
public struct Lead: Hashable, Sendable, Codable {
    public var id: LeadID
    public var email: String?
    public var phone: String?
    public var firstName: String?
    public var lastName: String?
    public var title: String?
    public var company: String?
    /// The account this lead belongs to, when known (set by identity resolution from the email
    /// domain, or given by the host).
    public var accountID: AccountID?
    /// The channel the lead came from: `webinar`, `paid-search`, `outbound`, …
    public var source: String?
    public var campaign: String?
    /// The message or offer that produced the response ("ROI calculator", "security review").
    public var messageAngle: String?
    /// Identifiers of this person in other systems.
    public var externalIDs: [ExternalID]
    /// Custom typed attributes: `industry`, `employees`, `country`, `useCase`, …
    public var attributes: [String: AttributeValue]

    public init(
        id: LeadID,
        email: String? = nil,
        phone: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        title: String? = nil,
        company: String? = nil,
        accountID: AccountID? = nil,
        source: String? = nil,
        campaign: String? = nil,
        messageAngle: String? = nil,
        externalIDs: [ExternalID] = [],
        attributes: [String: AttributeValue] = [:]
    ) {
        self.id = id
        self.email = email
        self.phone = phone
        self.firstName = firstName
        self.lastName = lastName
        self.title = title
        self.company = company
        self.accountID = accountID
        self.source = source
        self.campaign = campaign
        self.messageAngle = messageAngle
        self.externalIDs = externalIDs
        self.attributes = attributes
    }

    private enum CodingKeys: String, CodingKey {
        case id, email, phone, firstName, lastName, title, company, accountID, source, campaign
        case messageAngle, externalIDs, attributes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(LeadID.self, forKey: .id)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        phone = try container.decodeIfPresent(String.self, forKey: .phone)
        firstName = try container.decodeIfPresent(String.self, forKey: .firstName)
        lastName = try container.decodeIfPresent(String.self, forKey: .lastName)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        company = try container.decodeIfPresent(String.self, forKey: .company)
        accountID = try container.decodeIfPresent(AccountID.self, forKey: .accountID)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        campaign = try container.decodeIfPresent(String.self, forKey: .campaign)
        messageAngle = try container.decodeIfPresent(String.self, forKey: .messageAngle)
        externalIDs = try container.decodeIfPresent([ExternalID].self, forKey: .externalIDs) ?? []
        attributes =
            try container.decodeIfPresent([String: AttributeValue].self, forKey: .attributes) ?? [:]
    }
}
