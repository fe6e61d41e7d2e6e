import Foundation

/// One raw value read from an import file, before the mapping types it.
///
/// CSV cells are always ``text(_:)``: untyped text whose type is inferred from the field it is
/// mapped to. JSON Lines values keep the type JSON gave them.
public enum ImportValue: Hashable, Sendable {
    /// Untyped text from a CSV cell.
    case text(String)
    /// A JSON string; not re-read as a number or boolean.
    case string(String)
    /// A JSON number.
    case number(Double)
    /// A JSON boolean.
    case bool(Bool)
    /// A JSON `{"date": "…"}` object.
    case date(Date)
    /// A JSON array of strings or numbers.
    case list([String])
    /// JSON `null`.
    case null
    /// A JSON value that no field can hold, described for error messages ("an array of objects").
    case unsupported(String)
}
