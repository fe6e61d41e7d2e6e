import Foundation

/// A clock that moves only when told to: for tests, the demo's synthetic quarter and what-if
/// replays, where "now" must follow the data rather than the wall.
///
/// ```swift
/// let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
/// let configuration = EngineConfiguration(now: { clock.now }, identity: resolver)
/// clock.advance(by: 300)
/// ```
public final class ManualClock: @unchecked Sendable {
    // `@unchecked` is safe: the only state is `current`, read and written under `lock`.
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    /// The clock's current instant.
    public var now: Date { lock.withLock { current } }

    /// Moves the clock to `date` (never backwards: an earlier date is ignored).
    public func set(_ date: Date) { lock.withLock { current = max(current, date) } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) { lock.withLock { current += max(0, seconds) } }
}
