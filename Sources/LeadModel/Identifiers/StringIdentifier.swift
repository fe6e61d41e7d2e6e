/// A name-like value backed by a string: lead and account ids, stages, signal kinds, channels.
///
/// Conforming types get string-literal syntax, `init(_:)`, a description, ordering by the
/// string, and Codable as a plain JSON string (the standard library's `RawRepresentable`
/// coding).
public protocol StringIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension StringIdentifier {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
