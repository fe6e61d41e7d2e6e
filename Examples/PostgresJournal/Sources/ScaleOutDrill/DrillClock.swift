import Foundation

/// A clock several processes agree on: simulated time that runs `speed` times faster than the
/// wall clock from a shared wall-clock instant, so that minutes of response-time clocks pass in
/// seconds while every engine instance reads the same "now".
public struct DrillClock: Sendable {
    /// The wall-clock instant the simulation started (seconds since 1970), the same in every process.
    public var wallStart: Double
    /// Simulated seconds per wall-clock second.
    public var speed: Double
    /// The simulated instant at `wallStart`: Monday 23 November 2026, 14:00 UTC.
    public static let simulatedStart = Date(timeIntervalSince1970: 1_795_442_400)

    public init(wallStart: Double, speed: Double) {
        self.wallStart = wallStart
        self.speed = speed
    }

    /// The simulated now.
    public func now() -> Date {
        Self.simulatedStart.addingTimeInterval((Date().timeIntervalSince1970 - wallStart) * speed)
    }

    /// The wall-clock time until the simulated `instant` (zero when it passed).
    public func wallDuration(until instant: Date) -> Duration {
        let seconds = max(0, instant.timeIntervalSince(now()) / speed)
        return .milliseconds(Int64(seconds * 1_000))
    }

    /// Sleeps until the simulated `instant`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    public func sleep(until instant: Date) async throws {
        try await Task.sleep(for: wallDuration(until: instant))
    }
}
