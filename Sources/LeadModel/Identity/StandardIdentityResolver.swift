import Foundation

/// The reference identity resolver: keys from normalised email, phone and external ids, and
/// accounts from the work-email domain.
///
/// Two records are the same person when they share a key. Keys are made from
/// - the email, trimmed and lowercased, with `+tag` dropped and Gmail dots ignored when the
///   ``Configuration`` says so (`" Ana+News@Acme.com "` → `ana@acme.com`);
/// - the phone, as `+` country code and digits (`(415) 555-0100` → `+14155550100`), with
///   extensions dropped;
/// - each external id, as kind `external:<system>` with the system lowercased.
///
/// Names never make a key: two Ana Silvas are not one person. Values that cannot be read
/// safely — an email without `@`, a phone with too few digits — give no key rather than a wrong
/// one. The lead's own fields are never changed; keys are for matching only.
///
/// ```swift
/// let resolver = StandardIdentityResolver(configuration: .init(defaultCountryCode: "44"))
/// resolver.keys(for: lead)      // [email "ana@acme.com", phone "+442079460958"]
/// resolver.account(for: lead)   // AccountID("acme.com")
/// ```
///
/// A value type: copies are independent, and it is safe to use from any task.
public struct StandardIdentityResolver: IdentityResolver, Sendable {
    /// How emails and phones are normalised and accounts matched.
    public let configuration: Configuration
    /// The free-mail domains in effect: the built-in list adjusted by the configuration.
    public let freeMailDomains: FreeMailDomains

    /// Creates a resolver.
    ///
    /// - Parameter configuration: The normalisation rules; the defaults suit most teams.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.freeMailDomains = FreeMailDomains(
            adding: configuration.addedFreeMailDomains,
            removing: configuration.removedFreeMailDomains)
    }

    /// The normalised identity keys of `lead`, without duplicates: email first, then phone, then
    /// external ids in the lead's order.
    ///
    /// - Parameter lead: The record to key.
    /// - Returns: The keys; empty when the lead has nothing safe to match on.
    public func keys(for lead: Lead) -> [IdentityKey] {
        var keys: [IdentityKey] = []
        if let email = lead.email.flatMap(normalizedEmail) {
            keys.append(IdentityKey(kind: "email", value: email))
        }
        if let phone = lead.phone.flatMap(normalizedPhone) {
            keys.append(IdentityKey(kind: "phone", value: phone))
        }
        for external in lead.externalIDs {
            let system = external.system.trimmedOfWhitespace.lowercased()
            let value = external.value.trimmedOfWhitespace
            guard !system.isEmpty, !value.isEmpty else { continue }
            let key = IdentityKey(kind: "external:" + system, value: value)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// The account `lead` belongs to.
    ///
    /// In order: the lead's own ``Lead/accountID`` when set; else the domain of its email, unless
    /// that is a free-mail domain; else the host of its website attribute (see
    /// ``Configuration/websiteAttribute``) without a leading `www.`, unless free mail.
    ///
    /// - Parameter lead: The record to match.
    /// - Returns: The account id (the lowercased domain, `acme.com`), or `nil` when it cannot be
    ///   told.
    public func account(for lead: Lead) -> AccountID? {
        if let accountID = lead.accountID { return accountID }
        if let email = lead.email, let domain = emailParts(email)?.domain,
            !freeMailDomains.contains(domain)
        {
            return AccountID(domain)
        }
        if let attribute = configuration.websiteAttribute,
            case .string(let website)? = lead.attributes[attribute],
            let domain = websiteDomain(website), !freeMailDomains.contains(domain)
        {
            return AccountID(domain)
        }
        return nil
    }

    /// The email address as an identity key value, or `nil` when it is not a usable address.
    ///
    /// Trims surrounding whitespace and lowercases; then applies plus-addressing and Gmail rules
    /// from the ``configuration``. An address with no `@`, more than one `@`, an empty local or
    /// domain part, a domain without a dot, or whitespace inside gives `nil`.
    ///
    /// - Parameter email: The address as entered.
    /// - Returns: The normalised address, such as `ana@acme.com`.
    public func normalizedEmail(_ email: String) -> String? {
        guard var (local, domain) = emailParts(email) else { return nil }
        if configuration.ignoresPlusAddressing, let plus = local.firstIndex(of: "+"),
            plus != local.startIndex
        {
            local = String(local[..<plus])
        }
        if configuration.ignoresGmailDots, domain == "gmail.com" || domain == "googlemail.com" {
            domain = "gmail.com"
            local.removeAll { $0 == "." }
            if local.isEmpty { return nil }
        }
        return local + "@" + domain
    }

    /// The phone number as an identity key value: `+`, the country code and the digits.
    ///
    /// Strips spaces, dashes, dots, slashes and parentheses and a `tel:` prefix; drops an
    /// extension (`x123`, `ext. 123`, `#123`); reads `00` (and `011` when the default country is
    /// `1`) as `+`; replaces a leading trunk `0` by the default country code (except under `1`,
    /// where a leading `0` gives no key); gives a 10-digit
    /// number `+1` when the default country code is `1`. A `(0)` after a country code
    /// (`+44 (0)20 …`) is dropped.
    ///
    /// - Parameter phone: The number as entered.
    /// - Returns: The normalised number such as `+14155550100`, or `nil` when it has letters or
    ///   other stray characters, fewer than ``Configuration/minimumPhoneDigits`` significant
    ///   digits, or more than the 15 digits E.164 allows.
    public func normalizedPhone(_ phone: String) -> String? {
        var reading = phone.utf8.withContiguousStorageIfAvailable(PhoneReading.init(ascii:)) ?? .notASCII
        if reading == .notASCII { reading = PhoneReading(characters: phone) }
        guard case .digits(let digits, let international) = reading else { return nil }
        let country = configuration.defaultCountryCode
        // `number` is the E.164 digits; `national` counts the digits after the country code
        // (for international input, everything after the shortest, one-digit code).
        let number: String
        let national: Int
        if international || digits.hasPrefix("00") || (country == "1" && digits.hasPrefix("011")) {
            number = String(digits.dropFirst(international ? 0 : digits.hasPrefix("00") ? 2 : 3))
            national = number.count - 1
        } else if digits.hasPrefix("0") {
            // North America has no trunk 0: such a number is malformed, not national.
            guard country != "1" else { return nil }
            number = country + digits.dropFirst()
            national = digits.count - 1
        } else if country == "1" {
            if digits.count == 10 {
                number = "1" + digits
            } else if digits.count == 11, digits.hasPrefix("1") {
                number = digits
            } else {
                return nil
            }
            national = 10
        } else {
            number = country + digits
            national = digits.count
        }
        guard national >= configuration.minimumPhoneDigits, number.count <= 15,
            !number.hasPrefix("0")
        else { return nil }
        return "+" + number
    }

    /// The domain of a company website: lowercased host without scheme, port, path or a leading
    /// `www.`.
    ///
    /// - Parameter website: A URL or bare host, such as `"https://www.Acme.com/about"`.
    /// - Returns: `"acme.com"`, or `nil` when no host with a dot can be read.
    public func websiteDomain(_ website: String) -> String? {
        var text = website.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let end = text.firstIndex(where: { "/?#:".contains($0) }) { text = String(text[..<end]) }
        if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        if text.hasSuffix(".") { text.removeLast() }
        guard isPlausibleDomain(text) else { return nil }
        return text
    }

    /// Splits a trimmed, lowercased email into local part and domain, or `nil` when malformed.
    private func emailParts(_ email: String) -> (local: String, domain: String)? {
        if let parts = asciiEmailParts(email) { return parts }
        let text = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = String(parts[0])
        let domain = String(parts[1])
        guard !local.isEmpty, !local.contains(where: \.isWhitespace), isPlausibleDomain(domain)
        else { return nil }
        return (local, domain)
    }

    /// The same split for the common, all-ASCII address, on bytes rather than characters (it runs
    /// for every record an import reads). `nil` when the text is not ASCII or not an address, in
    /// which case ``emailParts(_:)`` decides with full Unicode rules.
    private func asciiEmailParts(_ email: String) -> (local: String, domain: String)? {
        var bytes = Array(email.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        var at: Int?
        for index in start..<bytes.count {
            let byte = bytes[index]
            if (0x41...0x5A).contains(byte) { bytes[index] = byte + 0x20 }
            if byte == 0x40 {
                guard at == nil else { return nil }
                at = index
            } else if isSpace(byte) || (at != nil && byte == 0x2F) {
                return nil
            }
        }
        guard let at, at > start, at + 1 < bytes.count else { return nil }
        let domain = bytes[(at + 1)...]
        guard domain.first != 0x2E, domain.last != 0x2E, domain.contains(0x2E),
            !zip(domain, domain.dropFirst()).contains(where: { $0 == 0x2E && $1 == 0x2E })
        else { return nil }
        return (String(decoding: bytes[start..<at], as: UTF8.self), String(decoding: domain, as: UTF8.self))
    }

    /// A host with at least two non-empty labels and no whitespace.
    private func isPlausibleDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
            && !domain.contains(where: { $0.isWhitespace || $0 == "@" || $0 == "/" })
    }
}

extension String {
    /// The string without surrounding whitespace and newlines. Returns the string itself, without
    /// work, in the common case where it has none (identity keys are computed for every record).
    fileprivate var trimmedOfWhitespace: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        if plain(first), plain(last) { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
