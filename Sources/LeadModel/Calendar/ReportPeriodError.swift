/// A period that does not parse or names an impossible span: the text, what is wrong with it,
/// and the forms that are accepted.
///
/// ```swift
/// do { _ = try ReportPeriod(parsing: "Q4", now: now, timeZone: .gmt) } catch {
///     print(error)   // 'Q4' is not a period; use week, month, quarter or all, …
/// }
/// ```
public struct ReportPeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The period text as given (or the period's label when it was built in code).
    public var text: String
    /// What is wrong, when more is known than "not one of the forms" (`2026-02-30 is not a
    /// calendar date`); `nil` when the text matches no form.
    public var problem: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - text: the period text.
    ///   - problem: what is wrong with it, or `nil` when it matches no accepted form.
    public init(text: String, problem: String? = nil) {
        self.text = text
        self.problem = problem
    }

    /// The accepted forms, as a sentence fragment.
    public static let acceptedForms =
        "week, month, quarter or all; a month (2026-11), a quarter (2026-Q4), an ISO week (2026-W41), "
        + "the last N days (30d), a range of months (2026-09..2026-11, either side may be left open) "
        + "or of days (2026-10-01..2026-10-15)"

    /// `'Q4' is not a period; use week, month, quarter or all; …`, or for an impossible period
    /// `'2026-02-30..2026-03-01' is not a period: 2026-02-30 is not a calendar date`.
    public var description: String {
        if let problem { return "'\(text)' is not a period: \(problem)" }
        return "'\(text)' is not a period; use \(Self.acceptedForms)"
    }
}
