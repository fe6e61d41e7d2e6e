import Foundation

extension AccountID {
    /// The id of an account a CRM names by its web domain: the domain, lowercased, without a
    /// scheme, `www.` or path (`https://www.Acme.com/about` → `acme.com`); `nil` when `text` is
    /// not a domain (it has a space, no dot, or characters a host name cannot have).
    ///
    /// Leads join accounts by their email domain, so a deal named by domain meets the account's
    /// leads; an internationalised domain (`Müller.de`) is kept in Unicode, lowercased, as an
    /// email's domain is.
    ///
    /// - Parameter text: a domain or a web address.
    /// - Returns: the account id, or `nil`.
    public static func domain(_ text: String) -> AccountID? {
        var host = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host = host.dropFirst(scheme.count) }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
            host.unicodeScalars.allSatisfy({
                $0.properties.isAlphabetic || $0 == "-" || $0 == "." || ("0"..."9").contains($0)
            }),
            labels.last!.contains(where: \.isLetter)
        else { return nil }
        return AccountID(rawValue: String(host))
    }

    /// The id of an account a CRM names only by its company name: `name:` and the name's slug
    /// (lowercased letters and digits, every other run of characters one `-`): `Acme, Inc.` →
    /// `name:acme-inc`. `nil` when the name has no letter or digit.
    ///
    /// A domain id has no `:`, so a name id never collides with one. Names that differ only in
    /// case, spacing or punctuation give one id; anything fuzzier (legal suffixes, acronyms) is
    /// not matched.
    ///
    /// - Parameter name: the company name.
    /// - Returns: the account id, or `nil`.
    public static func named(_ name: String) -> AccountID? {
        guard let slug = slug(name) else { return nil }
        return AccountID(rawValue: "name:" + slug)
    }

    /// The slug of a company name (see ``named(_:)``), used to compare names.
    ///
    /// - Parameter name: the company name.
    /// - Returns: the slug, or `nil` when the name has no letter or digit.
    public static func slug(_ name: String) -> String? {
        var slug = ""
        var pendingDash = false
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(character)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? nil : slug
    }

    /// Whether the account is known by name only (its id is `name:<slug>`).
    public var isNameOnly: Bool { rawValue.hasPrefix("name:") }
}

extension LeadID {
    /// The stream of an account's own deals (deals with no contact): `account:<account id>`.
    ///
    /// - Parameter account: the account.
    /// - Returns: the stream's id.
    public static func stream(account: AccountID) -> LeadID { LeadID(rawValue: "account:" + account.rawValue) }

    /// The account whose deal stream this is, or `nil` for any other stream.
    public var accountOfStream: AccountID? {
        guard rawValue.hasPrefix("account:") else { return nil }
        return AccountID(rawValue: String(rawValue.dropFirst("account:".count)))
    }
}
