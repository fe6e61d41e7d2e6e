/// A company that leads work for.
///
/// Leads are matched to accounts by the domain of their work email (never by free-mail domains,
/// see ``FreeMailDomains``). Routing uses the account's owner; account-based scoring rolls up its
/// contacts.
public struct Account: Hashable, Sendable, Codable {
    public var id: AccountID
    public var name: String?
    /// The email domain that identifies the account, lowercased (`"acme.com"`).
    public var domain: String?
    public var attributes: [String: AttributeValue]

    public init(
        id: AccountID, name: String? = nil, domain: String? = nil,
        attributes: [String: AttributeValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.domain = domain
        self.attributes = attributes
    }
}
