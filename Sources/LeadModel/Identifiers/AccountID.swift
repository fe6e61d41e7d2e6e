/// The stable identity of an account (the company a lead works for).
///
/// Accounts matched from an email domain get the domain as their identifier (`"acme.com"`).
public struct AccountID: StringIdentifier {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}
