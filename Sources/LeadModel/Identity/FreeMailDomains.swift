import Foundation

/// The email domains that belong to free-mail, consumer and disposable providers.
///
/// A work address (`ana@acme.com`) tells which company a lead works for; a free-mail address
/// (`ana@gmail.com`) does not, so ``StandardIdentityResolver`` never matches a lead to an account
/// by a free-mail domain. The built-in list is ``builtIn``; providers that run the same service
/// under many country domains (`yahoo.co.uk`, `hotmail.fr`, `gmx.de`) are also covered by
/// ``builtInFamilies``. Teams adjust the list in
/// ``StandardIdentityResolver/Configuration/addedFreeMailDomains`` and
/// ``StandardIdentityResolver/Configuration/removedFreeMailDomains``.
///
/// ```swift
/// let domains = FreeMailDomains(adding: ["corp-mail.example"], removing: ["hey.com"])
/// domains.contains("Yahoo.co.uk")   // true
/// domains.contains("acme.com")      // false
/// ```
public struct FreeMailDomains: Hashable, Sendable {
    /// Domains added on top of the built-in list, lowercased.
    public var added: Set<String>
    /// Domains taken out of the built-in list, lowercased; removal wins over addition.
    public var removed: Set<String>

    /// Creates a list of free-mail domains: the built-in ones plus `added`, minus `removed`.
    ///
    /// - Parameters:
    ///   - added: More domains to treat as free mail (`"corp-mail.example"`). Case-insensitive.
    ///   - removed: Built-in domains to treat as company domains after all. Case-insensitive.
    public init(adding added: Set<String> = [], removing removed: Set<String> = []) {
        self.added = Set(added.map(Self.normalized))
        self.removed = Set(removed.map(Self.normalized))
    }

    /// Whether `domain` is a free-mail, consumer or disposable domain.
    ///
    /// The test is case-insensitive and ignores a trailing dot. A domain is free mail when it is in
    /// ``builtIn`` or ``added``, or when it is a country variant of one of ``builtInFamilies``
    /// (`yahoo.co.jp`, `gmx.at`), unless it is in ``removed``.
    ///
    /// - Parameter domain: The domain part of an email address, such as `"acme.com"`.
    /// - Returns: `true` for free-mail domains.
    public func contains(_ domain: String) -> Bool {
        let domain = Self.normalized(domain)
        if removed.contains(domain) { return false }
        if added.contains(domain) || Self.builtIn.contains(domain) { return true }
        return Self.isFamilyVariant(domain)
    }

    /// Whether `domain` is `<family>.<tld>` or `<family>.<co|com|net|org|ne|or>.<tld>` for one of
    /// the ``builtInFamilies``.
    private static func isFamilyVariant(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 2 || labels.count == 3, let family = labels.first,
            builtInFamilies.contains(String(family))
        else { return false }
        if labels.count == 3 && !secondLevelLabels.contains(String(labels[1])) { return false }
        guard let tld = labels.last, (2...3).contains(tld.count), tld.allSatisfy(\.isLetter)
        else { return false }
        return true
    }

    private static func normalized(_ domain: String) -> String {
        // Identity resolution asks for every email a lead has, with a domain it has already
        // trimmed and lowercased: such a domain (plain lowercase ASCII) skips Foundation's work.
        let plain = domain.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !(0x41...0x5A).contains($0) }
        var domain = plain ? domain : domain.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        return domain
    }

    /// Generic second-level labels under which providers register country domains (`co.uk`).
    private static let secondLevelLabels: Set<String> = ["co", "com", "net", "org", "ne", "or"]

    /// Providers whose service runs under many country domains: `yahoo.fr`, `hotmail.co.uk`,
    /// `gmx.ch`, `yandex.kz`. Matched as `<family>.<tld>` or `<family>.co.<tld>` and similar.
    public static let builtInFamilies: Set<String> = [
        "yahoo", "ymail", "hotmail", "outlook", "live", "windowslive", "gmx", "yandex", "aol",
        "libero", "rocketmail",
    ]
}
