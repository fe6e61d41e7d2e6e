/// What an appender believes about a lead's stream, for optimistic concurrency.
public enum ExpectedVersion: Hashable, Sendable, CustomStringConvertible {
    /// Append whatever the stream holds.
    case any
    /// The lead must not exist yet (no events).
    case noStream
    /// The stream must hold exactly this many events.
    case exactly(Int)

    /// Whether a stream with `version` events satisfies the expectation.
    public func isSatisfied(by version: Int) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return version == 0
        case .exactly(let expected): return version == expected
        }
    }

    public var description: String {
        switch self {
        case .any: return "any"
        case .noStream: return "no stream"
        case .exactly(let version): return "version \(version)"
        }
    }
}
