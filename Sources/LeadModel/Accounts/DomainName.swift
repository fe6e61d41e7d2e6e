import Foundation

/// A company's internet domain, normalised so that every way of writing it compares equal.
///
/// `domain.com`, `www.domain.com`, `https://domain.com`, `HTTPS://WWW.Domain.com:443/about?x=1`
/// and `domain.com.` are one domain, `domain.com`: the scheme, user info, port, path, query,
/// fragment, a leading `www.` (also `www2.`…) and a trailing dot are dropped and the host is
/// lowercased. An email address gives its domain part (``init(email:)``).
///
/// ```swift
/// DomainName("https://www.Example.com/path")?.value   // "example.com"
/// DomainName(email: "Ana@Sales.Acme.com")?.value      // "sales.acme.com"
/// DomainName("sales.acme.com")?.parents.map(\.value)  // ["acme.com"]
/// DomainName("acme")                                  // nil: no dot
/// ```
///
/// A value type holding one string; safe to share between tasks.
public struct DomainName: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The normalised host name: lowercased, without `www.` or a trailing dot (`"acme.com"`).
    public let value: String

    /// Reads a domain from a website address or a bare host name.
    ///
    /// - Parameter text: `"acme.com"`, `"www.acme.com"`, `"https://www.Acme.com:8443/about"`.
    ///   A text with `@` in its host part is read as an email address.
    /// - Returns: `nil` when no host with at least two non-empty labels can be read, or the host
    ///   has characters a host name cannot have (spaces, `_`, `!`).
    public init?(_ text: String) {
        var host = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        if let scheme = host.range(of: "://") {
            host = host[scheme.upperBound...]
        } else if host.hasPrefix("mailto:") {
            host = host.dropFirst("mailto:".count)
        } else if host.hasPrefix("//") {
            host = host.dropFirst(2)
        }
        if let end = host.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { host = host[..<end] }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        while host.hasSuffix(".") { host = host.dropLast() }
        guard let value = Self.validated(Self.droppingWWW(host)) else { return nil }
        self.value = value
    }

    /// Reads the domain of an email address.
    ///
    /// - Parameter email: `"Ana@Acme.com"`; surrounding whitespace is ignored.
    /// - Returns: The domain (`acme.com`), or `nil` when `email` has no single `@` with a
    ///   non-empty local part, or its domain is not a plausible host name. A `www.` in an email
    ///   domain is kept: mail domains are taken as written.
    public init?(email: String) {
        let parts = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        var host = parts[1]
        while host.hasSuffix(".") { host = host.dropLast() }
        guard let value = Self.validated(host) else { return nil }
        self.value = value
    }

    /// The domains this one is under, nearest first, down to the registrable domain:
    /// `eu.sales.acme.com` → `sales.acme.com`, `acme.com`. Under a two-letter country code with a
    /// generic second level (`co.uk`, `com.au`, `co.jp`), the registrable domain keeps three
    /// labels: `shop.acme.co.uk` → `acme.co.uk`.
    public var parents: [DomainName] {
        let labels = value.split(separator: ".")
        guard labels.count > 2 else { return [] }
        let keep =
            labels.count >= 3 && labels[labels.count - 1].count == 2
                && Self.genericSecondLevels.contains(String(labels[labels.count - 2])) ? 3 : 2
        guard labels.count > keep else { return [] }
        return (1...(labels.count - keep)).map { drop in
            DomainName(validated: labels[drop...].joined(separator: "."))
        }
    }

    /// The first label, which often spells the company's name: `"acmewidgets"` for
    /// `acmewidgets.com`.
    public var firstLabel: String { String(value.prefix { $0 != "." }) }

    /// The domain, for printing.
    public var description: String { value }

    /// Orders domains by their text.
    ///
    /// - Parameters:
    ///   - lhs: A domain.
    ///   - rhs: Another domain.
    /// - Returns: Whether `lhs` sorts before `rhs`.
    public static func < (lhs: DomainName, rhs: DomainName) -> Bool { lhs.value < rhs.value }

    /// Decodes a domain from a JSON string, normalising it as ``init(_:)`` does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.dataCorrupted` when the string is not a domain.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let domain = DomainName(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a domain such as \"example.com\"")
        }
        self = domain
    }

    /// Encodes the domain as a JSON string.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    private init(validated value: String) { self.value = value }

    /// Second-level labels under which country registries sell names (`co.uk`, `com.au`).
    private static let genericSecondLevels: Set<String> = ["co", "com", "net", "org", "ac", "gov", "ne", "or", "gv"]

    /// The host without a leading `www.`, `www2.`…, when something with a dot remains.
    private static func droppingWWW(_ host: Substring) -> Substring {
        guard host.hasPrefix("www") else { return host }
        let rest = host.dropFirst(3).drop { $0.isASCII && $0.isNumber }
        guard rest.hasPrefix("."), rest.dropFirst().contains(".") else { return host }
        return rest.dropFirst()
    }

    /// `host` as a string when it is a plausible host name: two or more non-empty labels of
    /// letters, digits and hyphens, the last not all digits.
    private static func validated(_ host: Substring) -> String? {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
            host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }),
            let last = labels.last, last.contains(where: \.isLetter)
        else { return nil }
        return String(host)
    }
}
