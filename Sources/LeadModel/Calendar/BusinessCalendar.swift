import Foundation

/// Working time: which instants count towards a response target, and how to move through them.
///
/// The plugin point for business hours. A calendar is a pure value: the same question always
/// gets the same answer, and `now` always comes from the caller. ``WeeklyBusinessCalendar`` is
/// the reference implementation (weekly hours in a time zone, holidays, short days); a team with
/// a rota or a shared holiday service writes its own conformance with no special access.
///
/// Conformances must be `Sendable` values or immutable; they may be called from any thread.
///
/// ```swift
/// let calendar = WeeklyBusinessCalendar(timeZone: "America/New_York",
///                                       weekdays: [BusinessWindow("09:00-17:00")!])
/// let deadline = calendar.adding(2 * 3600, to: arrival)      // 2 business hours later
/// let worked = calendar.businessTime(from: arrival, to: now)  // business seconds elapsed
/// ```
public protocol BusinessCalendar: Sendable {
    /// The instant at which `duration` seconds of business time have passed after `start`.
    ///
    /// A `duration` of zero gives the first business instant at or after `start` (the instant a
    /// clock for a lead arriving out of hours starts).
    ///
    /// - Parameters:
    ///   - duration: business seconds to add; negative values count as zero.
    ///   - start: the instant to count from.
    /// - Returns: the instant, or `Date.distantFuture` when the calendar has no working time left.
    func adding(_ duration: TimeInterval, to start: Date) -> Date

    /// The business seconds between two instants: the working time an observer at `end` has
    /// seen since `start`. Negative when `end` is before `start`.
    ///
    /// - Parameters:
    ///   - start: the earlier instant.
    ///   - end: the later instant.
    /// - Returns: business seconds.
    func businessTime(from start: Date, to end: Date) -> TimeInterval

    /// The steps behind ``adding(_:to:)`` in words, for the reasons stored with an SLA clock.
    ///
    /// Has a default that states only the result; ``WeeklyBusinessCalendar`` explains out-of-hours
    /// shifts, breaks, holidays and daylight-saving changes.
    ///
    /// - Parameters:
    ///   - duration: business seconds to add.
    ///   - start: the instant to count from.
    /// - Returns: the clock start, the end instant and the steps.
    func explainAdding(_ duration: TimeInterval, to start: Date) -> BusinessTimeExplanation

    /// An instant in the calendar's own terms (local time for a calendar with a time zone).
    ///
    /// Has a default that prints ISO 8601 in UTC.
    ///
    /// - Parameter instant: the instant to describe.
    /// - Returns: a short text such as `"Mon 2026-11-23 09:00"`.
    func describe(_ instant: Date) -> String
}

extension BusinessCalendar {
    /// States the result of ``adding(_:to:)`` without intermediate steps.
    public func explainAdding(_ duration: TimeInterval, to start: Date) -> BusinessTimeExplanation {
        let clockStart = adding(0, to: start)
        let end = adding(duration, to: start)
        return BusinessTimeExplanation(
            start: start, clockStart: clockStart, end: end,
            steps: ["\(BusinessTimeExplanation.format(duration)) business time → \(describe(end))"])
    }

    /// Prints the instant as ISO 8601 in UTC.
    public func describe(_ instant: Date) -> String {
        instant.formatted(.iso8601)
    }
}

/// How a business duration was added to an instant, step by step.
///
/// ```
/// arrived Fri 2026-11-20 18:40 after hours (America/New_York) → clock starts Mon 2026-11-23 09:00
/// Mon 09:00–11:00 counts 2h
/// 2h business time → Mon 2026-11-23 11:00
/// ```
public struct BusinessTimeExplanation: Hashable, Sendable {
    /// The instant counted from.
    public var start: Date
    /// The first business instant at or after ``start``.
    public var clockStart: Date
    /// The instant the duration ends.
    public var end: Date
    /// The arithmetic in words, in order.
    public var steps: [String]

    /// Makes an explanation.
    ///
    /// - Parameters:
    ///   - start: the instant counted from.
    ///   - clockStart: the first business instant at or after `start`.
    ///   - end: the instant the duration ends.
    ///   - steps: the arithmetic in words.
    public init(start: Date, clockStart: Date, end: Date, steps: [String]) {
        self.start = start
        self.clockStart = clockStart
        self.end = end
        self.steps = steps
    }

    /// A duration in words: `"2h 20m"`, `"45m"`, `"30s"`, `"0m"`.
    ///
    /// - Parameter seconds: the duration.
    /// - Returns: hours, minutes and (when not whole minutes) seconds.
    public static func format(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let rest = total % 60
        var parts: [String] = []
        if hours > 0 { parts.append("\(hours)h") }
        if minutes > 0 { parts.append("\(minutes)m") }
        if rest > 0 { parts.append("\(rest)s") }
        return parts.isEmpty ? "0m" : parts.joined(separator: " ")
    }
}
