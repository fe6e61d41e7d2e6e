/// How durable an acknowledged append is. Every store states its own.
public enum Durability: Hashable, Sendable, CustomStringConvertible {
    /// Kept in memory only; lost when the process ends.
    case memory
    /// Handed to the operating system without `fsync`: survives a crash of the process, not of
    /// the machine.
    case none
    /// `fsync` before every acknowledgement. Concurrent appenders may still share one `fsync`.
    case fsyncEveryCommit
    /// Appenders wait for a shared `fsync` that runs at most `maxLatency` after the first of them
    /// wrote: fewer syscalls under load, still durable when `append` returns.
    case groupCommit(maxLatency: Duration)

    /// Whether an acknowledged event survives a power loss.
    public var survivesPowerLoss: Bool {
        switch self {
        case .memory, .none: return false
        case .fsyncEveryCommit, .groupCommit: return true
        }
    }

    public var description: String {
        switch self {
        case .memory: return "memory"
        case .none: return "none"
        case .fsyncEveryCommit: return "fsync"
        case .groupCommit(let latency): return "group(\(latency))"
        }
    }
}
