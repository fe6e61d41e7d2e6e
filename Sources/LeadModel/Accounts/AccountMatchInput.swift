/// What a lead says about its company: the evidence account matching weighs.
///
/// One request value rather than a parameter list, so fields can be added without breaking
/// callers. Build it from a ``Lead`` with ``init(lead:keys:websiteAttribute:countryAttribute:postalCodeAttribute:)``
/// or field by field.
///
/// ```swift
/// let input = AccountMatchInput(email: "ana@gmail.com", company: "ACME Inc.", phone: "415 555 0100",
///                               country: "US")
/// ```
public struct AccountMatchInput: Hashable, Sendable, Codable {
    /// The lead's identity keys, for the reviewers' always-match and never-match pairs
    /// (see ``AccountMatchOverrides``).
    public var identityKeys: [IdentityKey]
    /// The lead's email address; only its domain is used, and never a free-mail one.
    public var email: String?
    /// The company website the lead gave.
    public var website: String?
    /// The company name the lead gave.
    public var company: String?
    /// The lead's phone number.
    public var phone: String?
    /// The lead's postal code.
    public var postalCode: String?
    /// The lead's country, as an ISO code or a common English name.
    public var country: String?

    /// Creates an input; every field is optional.
    ///
    /// - Parameters:
    ///   - identityKeys: The lead's identity keys.
    ///   - email: The email address.
    ///   - website: The company website.
    ///   - company: The company name.
    ///   - phone: The phone number.
    ///   - postalCode: The postal code.
    ///   - country: The country.
    public init(
        identityKeys: [IdentityKey] = [], email: String? = nil, website: String? = nil, company: String? = nil,
        phone: String? = nil, postalCode: String? = nil, country: String? = nil
    ) {
        self.identityKeys = identityKeys
        self.email = email
        self.website = website
        self.company = company
        self.phone = phone
        self.postalCode = postalCode
        self.country = country
    }

    /// The evidence of a lead: its email, phone and company, and the website, country and postal
    /// code attributes.
    ///
    /// ```swift
    /// let resolver = StandardIdentityResolver()
    /// let input = AccountMatchInput(lead: lead, keys: resolver.keys(for: lead))
    /// ```
    ///
    /// - Parameters:
    ///   - lead: The lead.
    ///   - keys: Its identity keys (``IdentityResolver/keys(for:)``).
    ///   - websiteAttribute: The attribute holding the website; `"website"` by default.
    ///   - countryAttribute: The attribute holding the country; `"country"` by default.
    ///   - postalCodeAttribute: The attribute holding the postal code; `"postalCode"` by default.
    public init(
        lead: Lead, keys: [IdentityKey], websiteAttribute: String = "website", countryAttribute: String = "country",
        postalCodeAttribute: String = "postalCode"
    ) {
        func text(_ name: String) -> String? {
            guard let value = lead.attributes[name] else { return nil }
            let text = value.text
            return text.isEmpty ? nil : text
        }
        self.init(
            identityKeys: keys, email: lead.email, website: text(websiteAttribute), company: lead.company,
            phone: lead.phone, postalCode: text(postalCodeAttribute), country: text(countryAttribute))
    }
}
