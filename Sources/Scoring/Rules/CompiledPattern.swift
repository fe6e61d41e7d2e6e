import Foundation

/// A regular expression compiled once, when the rules are compiled.
///
/// `NSRegularExpression` is immutable after creation and documented as safe to use from many
/// threads at once, so sharing one instance between concurrent scorings is safe; that is why
/// this box is `@unchecked Sendable`.
final class CompiledPattern: @unchecked Sendable {
    let pattern: String
    private let expression: NSRegularExpression?

    /// Compiles `pattern`; an invalid pattern compiles to one that never matches (and
    /// ``problem(_:)`` reports it when the rules are validated).
    init(_ pattern: String) {
        self.pattern = pattern
        self.expression = try? NSRegularExpression(pattern: pattern)
    }

    /// Why `pattern` is not a valid regular expression, or `nil` when it is.
    static func problem(_ pattern: String) -> String? {
        if pattern.isEmpty { return "the pattern is empty; it would match everything" }
        do {
            _ = try NSRegularExpression(pattern: pattern)
            return nil
        } catch {
            return "'\(pattern)' is not a valid regular expression"
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        guard let expression else { return false }
        let range = NSRange(location: 0, length: text.utf16.count)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }
}
