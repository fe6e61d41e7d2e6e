import Foundation
public import LeadModel
public import Routing
public import SLA
public import Scoring

/// How an ``AlignmentEngine`` is wired: its clock, identity rules and policy plugins.
///
/// Everything is injected; nothing is global. Tests pass a fixed clock:
///
/// ```swift
/// var configuration = EngineConfiguration()
/// configuration.now = { Date(timeIntervalSince1970: 1_790_000_000) }
/// ```
public struct EngineConfiguration: Sendable {
    /// The source of "now" for every event the engine records.
    public var now: @Sendable () -> Date
    /// Decides which records are the same person and which account a lead belongs to; `nil`
    /// uses a ``LeadModel/StandardIdentityResolver`` with the playbook's `identity` rules.
    public var identity: (any IdentityResolver)?
    /// Scores leads after each new signal; `nil` uses the playbook's `scoring` rules (and records
    /// no scores when the playbook has none).
    public var scorer: (any LeadScorer)?
    /// Routes leads when they reach the playbook's handoff stage; `nil` uses the playbook's
    /// `routing` rules (and leaves leads unassigned when the playbook has none).
    public var router: (any LeadRouter)?
    /// Starts response clocks on assignment; `nil` uses the playbook's `sla` tiers (and starts no
    /// clocks when the playbook has none).
    public var sla: (any SLAPolicy)?
    /// Receivers of notifications, besides the engine's own `notifications` stream.
    public var sinks: [any NotificationSink]
    /// How many times a command is retried after another writer changed the same lead.
    public var conflictRetries: Int
    /// The host's plugins, for the playbook's `plugins` section to name.
    public var plugins: PluginRegistry
    /// Suspends until an instant of ``now``'s clock: how ``AlignmentEngine/run()`` waits for
    /// the next deadline. The default sleeps on the wall clock; ``driven(by:)`` sleeps on a
    /// ``ManualClock``. Throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Date) async throws -> Void
    /// The longest ``AlignmentEngine/run()`` sleeps between looks at the journal, so that clocks
    /// started since (by this engine or another) are not missed; 60 seconds by default.
    public var runCheckInterval: TimeInterval

    public init(
        now: @escaping @Sendable () -> Date = { Date() },
        identity: (any IdentityResolver)? = nil,
        scorer: (any LeadScorer)? = nil,
        router: (any LeadRouter)? = nil,
        sla: (any SLAPolicy)? = nil,
        sinks: [any NotificationSink] = [],
        conflictRetries: Int = 3,
        plugins: PluginRegistry = PluginRegistry()
    ) {
        self.now = now
        self.identity = identity
        self.scorer = scorer
        self.router = router
        self.sla = sla
        self.sinks = sinks
        self.conflictRetries = conflictRetries
        self.plugins = plugins
        sleep = { instant in
            let seconds = instant.timeIntervalSinceNow
            if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
        }
        runCheckInterval = 60
    }

    /// This configuration with `now` and ``sleep`` taken from a manual clock.
    ///
    /// ```swift
    /// let clock = ManualClock(start)
    /// let engine = try await AlignmentEngine(playbook: .standard, store: store,
    ///                                        configuration: EngineConfiguration().driven(by: clock))
    /// ```
    ///
    /// - Parameter clock: the clock.
    /// - Returns: the configuration.
    public func driven(by clock: ManualClock) -> EngineConfiguration {
        var copy = self
        copy.now = { clock.now }
        copy.sleep = { try await clock.sleep(until: $0) }
        return copy
    }
}
