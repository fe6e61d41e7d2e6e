import Foundation

/// The words a CSV outcome column may hold, compared trimmed and case-insensitively.
///
/// Converted: `1`, `1.0`, `yes`, `y`, `true`, `t`, `won`, `win`, `converted`.
/// Not converted: `0`, `0.0`, `no`, `n`, `false`, `f`, `lost`, `lose`, `not converted`,
/// `not-converted`, `unconverted`. Anything else, blanks included, is an error: an outcome is
/// never guessed.
public enum OutcomeValue {
    static let positives: Set<String> = ["1", "1.0", "yes", "y", "true", "t", "won", "win", "converted"]
    static let negatives: Set<String> = [
        "0", "0.0", "no", "n", "false", "f", "lost", "lose", "not converted", "not-converted", "unconverted",
    ]

    /// The outcome `text` means, or `nil` when it is not an accepted word.
    public static func parse(_ text: String) -> Bool? {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if positives.contains(key) { return true }
        if negatives.contains(key) { return false }
        return nil
    }
}
