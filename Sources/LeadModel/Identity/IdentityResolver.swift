/// One normalised key that identifies a person: two leads sharing a key are the same person.
public struct IdentityKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What the key is made from: `"email"`, `"phone"`, or `"external:<system>"`.
    public var kind: String
    /// The normalised value (`"ana@acme.com"`, `"+14155550100"`).
    public var value: String

    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The key's kind only, safe to print: keys hold personal data.
    public var description: String { kind }
}

/// Decides which records are the same person, and which account a lead belongs to.
///
/// This is the identity plugin point. The engine keeps an index from ``IdentityKey`` to lead: a
/// new record whose keys hit an existing lead is recorded on that lead (or merged with it) rather
/// than captured twice.
///
/// Implementations must be pure: the same lead always gives the same keys.
public protocol IdentityResolver: Sendable {
    /// The normalised identity keys of `lead`; empty when it has nothing to match on.
    func keys(for lead: Lead) -> [IdentityKey]

    /// The account `lead` belongs to, from its data; `nil` when it cannot be told (for example a
    /// free-mail address). The default matches nobody.
    func account(for lead: Lead) -> AccountID?
}

extension IdentityResolver {
    public func account(for lead: Lead) -> AccountID? { nil }
}
