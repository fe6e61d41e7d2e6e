/// One raw value of a feature before encoding: a number, a category, or nothing.
///
/// Training rows and scored leads are described with these; ``FeatureEncoding`` turns them into
/// the numbers the model multiplies. Missing values are explicit so that the encoding can give
/// them their own indicator instead of guessing.
public enum FeatureValue: Hashable, Sendable {
    /// A numeric value, standardised by the encoding.
    case number(Double)
    /// A category, one-hot encoded; compared trimmed and case-insensitively.
    case category(String)
    /// No value.
    case missing

    /// The value as text for explanations: the number, the category, or `missing`.
    public var text: String {
        switch self {
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            let rounded = (value * 100).rounded() / 100
            return abs(rounded) < 1e15 ? String(rounded) : String(value)
        case .category(let value): return value
        case .missing: return "missing"
        }
    }
}

/// How a feature column is encoded.
public enum FeatureKind: String, Hashable, Sendable, Codable {
    /// Standardised to mean 0 and standard deviation 1.
    case numeric
    /// One-hot, with rare values folded into an `other` column.
    case categorical
}
