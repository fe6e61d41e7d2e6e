extension StandardIdentityResolver {
    /// How ``StandardIdentityResolver`` normalises emails and phones and matches accounts.
    ///
    /// Codable so that it can live in a playbook section; every key is optional in JSON and falls
    /// back to the default below, so `{}` is a valid configuration.
    ///
    /// ```json
    /// { "ignoresPlusAddressing": true, "ignoresGmailDots": true,
    ///   "defaultCountryCode": "44", "addedFreeMailDomains": ["corp-mail.example"] }
    /// ```
    public struct Configuration: Hashable, Sendable, Codable {
        /// Whether `ana+news@acme.com` is the same person as `ana@acme.com`. Default `true`.
        ///
        /// Nearly every mail system delivers `local+tag@domain` to `local@domain`, and people use
        /// tags to sign up twice; merging them is what deduplication is for. Turn it off for a
        /// domain population that uses `+` inside real mailbox names.
        public var ignoresPlusAddressing: Bool
        /// Whether dots in the local part are ignored for `gmail.com` and `googlemail.com` only
        /// (`a.na@gmail.com` ≡ `ana@gmail.com`), and `googlemail.com` is read as `gmail.com`.
        /// Default `true`. Other domains keep their dots: `a.na@acme.com` is someone else.
        public var ignoresGmailDots: Bool
        /// The country calling code, digits only, given to phone numbers written without one
        /// (`"1"`, `"44"`, `"49"`). Default `"1"`.
        ///
        /// A national number with a trunk `0` (`030 123456`) becomes `+49 30123456` under `"49"`.
        /// Under `"1"`, a 10-digit number becomes `+1` and the number; shorter numbers give no key,
        /// since a local number without an area code is not unique.
        public var defaultCountryCode: String
        /// The fewest significant digits a phone number must have to give a key. Default `7`.
        public var minimumPhoneDigits: Int
        /// Domains to treat as free mail on top of ``FreeMailDomains/builtIn``.
        public var addedFreeMailDomains: Set<String>
        /// Built-in free-mail domains to treat as company domains after all.
        public var removedFreeMailDomains: Set<String>
        /// The lead attribute that holds a company website, used to match an account when the
        /// email gives none (`"https://www.acme.com/about"` → `acme.com`). Default `"website"`;
        /// `nil` turns website matching off.
        public var websiteAttribute: String?

        /// Creates a configuration; every parameter has the documented default.
        ///
        /// - Parameters:
        ///   - ignoresPlusAddressing: Whether `ana+tag@x.com` ≡ `ana@x.com`.
        ///   - ignoresGmailDots: Whether dots in Gmail local parts are ignored.
        ///   - defaultCountryCode: Digits of the calling code for numbers written without one.
        ///   - minimumPhoneDigits: The fewest significant digits for a phone key.
        ///   - addedFreeMailDomains: Extra free-mail domains.
        ///   - removedFreeMailDomains: Built-in free-mail domains to ignore.
        ///   - websiteAttribute: The attribute holding a company website, or `nil`.
        public init(
            ignoresPlusAddressing: Bool = true,
            ignoresGmailDots: Bool = true,
            defaultCountryCode: String = "1",
            minimumPhoneDigits: Int = 7,
            addedFreeMailDomains: Set<String> = [],
            removedFreeMailDomains: Set<String> = [],
            websiteAttribute: String? = "website"
        ) {
            self.ignoresPlusAddressing = ignoresPlusAddressing
            self.ignoresGmailDots = ignoresGmailDots
            self.defaultCountryCode = defaultCountryCode
            self.minimumPhoneDigits = minimumPhoneDigits
            self.addedFreeMailDomains = addedFreeMailDomains
            self.removedFreeMailDomains = removedFreeMailDomains
            self.websiteAttribute = websiteAttribute
        }

        private enum CodingKeys: String, CodingKey {
            case ignoresPlusAddressing, ignoresGmailDots, defaultCountryCode, minimumPhoneDigits
            case addedFreeMailDomains, removedFreeMailDomains, websiteAttribute
        }

        /// Decodes a configuration; missing keys take their defaults.
        ///
        /// - Throws: `DecodingError` when a key has the wrong JSON type.
        public init(from decoder: any Decoder) throws {
            let defaults = Configuration()
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ignoresPlusAddressing =
                try container.decodeIfPresent(Bool.self, forKey: .ignoresPlusAddressing)
                ?? defaults.ignoresPlusAddressing
            ignoresGmailDots =
                try container.decodeIfPresent(Bool.self, forKey: .ignoresGmailDots)
                ?? defaults.ignoresGmailDots
            defaultCountryCode =
                try container.decodeIfPresent(String.self, forKey: .defaultCountryCode)
                ?? defaults.defaultCountryCode
            minimumPhoneDigits =
                try container.decodeIfPresent(Int.self, forKey: .minimumPhoneDigits)
                ?? defaults.minimumPhoneDigits
            addedFreeMailDomains =
                try container.decodeIfPresent(Set<String>.self, forKey: .addedFreeMailDomains)
                ?? []
            removedFreeMailDomains =
                try container.decodeIfPresent(Set<String>.self, forKey: .removedFreeMailDomains)
                ?? []
            if container.contains(.websiteAttribute) {
                websiteAttribute = try container.decodeIfPresent(
                    String.self, forKey: .websiteAttribute)
            } else {
                websiteAttribute = defaults.websiteAttribute
            }
        }

        /// Encodes every key; a `nil` ``websiteAttribute`` is written as JSON `null` so that it
        /// reads back as "off" rather than as the default.
        ///
        /// - Throws: `EncodingError` from the encoder.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ignoresPlusAddressing, forKey: .ignoresPlusAddressing)
            try container.encode(ignoresGmailDots, forKey: .ignoresGmailDots)
            try container.encode(defaultCountryCode, forKey: .defaultCountryCode)
            try container.encode(minimumPhoneDigits, forKey: .minimumPhoneDigits)
            try container.encode(addedFreeMailDomains.sorted(), forKey: .addedFreeMailDomains)
            try container.encode(removedFreeMailDomains.sorted(), forKey: .removedFreeMailDomains)
            if let websiteAttribute {
                try container.encode(websiteAttribute, forKey: .websiteAttribute)
            } else {
                try container.encodeNil(forKey: .websiteAttribute)
            }
        }

        /// Every problem with the configuration, each with the JSON key it concerns.
        public func problems() -> [(path: String, message: String)] {
            var problems: [(path: String, message: String)] = []
            if !(1...3).contains(defaultCountryCode.count)
                || !defaultCountryCode.allSatisfy({ $0.isASCII && $0.isNumber })
                || defaultCountryCode.hasPrefix("0")
            {
                problems.append(
                    ("defaultCountryCode", "expected 1 to 3 digits without a leading 0, such as \"1\" or \"44\""))
            }
            if !(4...15).contains(minimumPhoneDigits) {
                problems.append(("minimumPhoneDigits", "expected a number from 4 to 15"))
            }
            for domain in addedFreeMailDomains.union(removedFreeMailDomains).sorted()
            where !domain.contains(".") || domain.contains("@") || domain.contains(" ") {
                let key = addedFreeMailDomains.contains(domain) ? "addedFreeMailDomains" : "removedFreeMailDomains"
                problems.append((key, "expected a domain such as \"example.com\", found \"\(domain)\""))
            }
            return problems
        }

        /// Checks the configuration, reporting every problem with its JSON key.
        ///
        /// - Throws: ``LeadModelError`` with code ``LeadModelError/Code/invalidValue`` whose
        ///   message lists each problem, such as `defaultCountryCode: expected 1 to 3 digits`.
        public func validate() throws {
            let problems = problems().map { "\($0.path): \($0.message)" }
            guard problems.isEmpty else {
                throw LeadModelError(
                    .invalidValue,
                    message: "identity configuration is invalid: "
                        + problems.joined(separator: "; "))
            }
        }
    }
}
