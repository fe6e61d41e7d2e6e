/// An account as account matching sees it: its names, domains, phone and address, its parent,
/// and its standing for the tie-break.
///
/// The host builds these from what it knows of each account (a CRM export, the playbook's
/// domain aliases, accounts created by earlier leads). Every field but ``id`` is optional.
///
/// ```swift
/// let acme = AccountRecord(
///     id: "acme", name: "Acme Corporation", domains: ["acme.com", "acme.io"],
///     website: "https://www.acme.com", phone: "+1 415 555 0100", postalCode: "94105",
///     country: "US", standing: AccountStanding(contactCount: 42))
/// ```
public struct AccountRecord: Hashable, Sendable, Codable {
    /// The account's identity.
    public var id: AccountID
    /// The company name as the account holds it (`"Acme Corporation"`).
    public var name: String?
    /// Every email and web domain of the account, the main one first (`["acme.com", "acme.io"]`).
    /// Written in any form ``DomainName`` reads; unreadable entries are ignored.
    public var domains: [String]
    /// The company website, in any form ``DomainName`` reads; its domain counts as one of
    /// ``domains``.
    public var website: String?
    /// The main phone number, in any form the identity resolver reads.
    public var phone: String?
    /// The postal code of the main address.
    public var postalCode: String?
    /// The country, as an ISO code (`"US"`, `"DE"`) or a common English name.
    public var country: String?
    /// The parent account, when this one is a subsidiary.
    public var parent: AccountID?
    /// Contacts, open opportunity and age, for the tie-break.
    public var standing: AccountStanding

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - id: The account's identity.
    ///   - name: The company name.
    ///   - domains: Email and web domains, main one first.
    ///   - website: The website.
    ///   - phone: The main phone number.
    ///   - postalCode: The postal code.
    ///   - country: The country code or name.
    ///   - parent: The parent account.
    ///   - standing: The tie-break standing.
    public init(
        id: AccountID, name: String? = nil, domains: [String] = [], website: String? = nil, phone: String? = nil,
        postalCode: String? = nil, country: String? = nil, parent: AccountID? = nil,
        standing: AccountStanding = AccountStanding()
    ) {
        self.id = id
        self.name = name
        self.domains = domains
        self.website = website
        self.phone = phone
        self.postalCode = postalCode
        self.country = country
        self.parent = parent
        self.standing = standing
    }
}

extension AccountRecord {
    /// A record for an account the journal knows: its name and domain, and what its attributes
    /// say — `website`, `phone`, `postalCode`, `country` as text and `domains` as a list of alias
    /// domains.
    ///
    /// ```swift
    /// let record = AccountRecord(account, standing: AccountStanding(contactCount: contacts.count))
    /// ```
    ///
    /// - Parameters:
    ///   - account: The account.
    ///   - parent: Its parent account, when known.
    ///   - standing: Its contacts, open opportunity and age, for the tie-break.
    public init(_ account: Account, parent: AccountID? = nil, standing: AccountStanding = AccountStanding()) {
        func text(_ key: String) -> String? {
            guard let value = account.attributes[key] else { return nil }
            let text = value.text
            return text.isEmpty ? nil : text
        }
        var domains = account.domain.map { [$0] } ?? []
        if case .list(let aliases)? = account.attributes["domains"] { domains += aliases }
        self.init(
            id: account.id, name: account.name, domains: domains, website: text("website"), phone: text("phone"),
            postalCode: text("postalCode"), country: text("country"), parent: parent, standing: standing)
    }
}
