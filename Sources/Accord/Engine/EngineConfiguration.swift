import Foundation
public import LeadModel
public import Routing
public import SLA
public import Scoring

/// How an ``AlignmentEngine`` is wired: its clock and the instances of its policies.
///
/// Everything is injected; nothing is global. The configuration holds instances only; the
/// playbook's plugin *names* become instances through one route,
/// ``PluginRegistry/configuration(for:base:)``, which fills every policy left `nil` here from
/// the playbook (a named plugin, else the playbook's own section) and keeps the ones set here:
///
/// ```swift
/// var registry = PluginRegistry.builtIn()
/// registry.register(scorer: "propensity") { plugin in try PropensityScorer(plugin) }
/// let configuration = try registry.configuration(for: playbook, base: EngineConfiguration(sinks: [audit]))
/// let engine = try await AlignmentEngine(playbook: playbook, store: store, configuration: configuration)
/// ```
///
/// A host without named plugins passes its configuration straight to the engine, which resolves
/// it against an empty registry. Tests pass a fixed clock:
///
/// ```swift
/// var configuration = EngineConfiguration()
/// configuration.now = { Date(timeIntervalSince1970: 1_790_000_000) }
/// ```
public struct EngineConfiguration: Sendable {
    /// The source of "now" for every event the engine records.
    public var now: @Sendable () -> Date
    /// Decides which records are the same person and which account a lead belongs to; `nil`
    /// until resolved: then a ``LeadModel/StandardIdentityResolver`` with the playbook's
    /// `identity` rules.
    public var identity: (any IdentityResolver)?
    /// Scores leads after each new signal; `nil` until resolved: then the playbook's
    /// `plugins.scorer`, else its `scoring` rules (and no scores when it has neither).
    public var scorer: (any LeadScorer)?
    /// Routes leads when they reach the playbook's handoff stage; `nil` until resolved: then the
    /// playbook's `plugins.router`, else its `routing` rules (and leads stay unassigned when it
    /// has neither).
    public var router: (any LeadRouter)?
    /// Starts response clocks on assignment; `nil` until resolved: then the playbook's `sla`
    /// tiers, with its `plugins.calendars` (and no clocks when it has none).
    public var sla: (any SLAPolicy)?
    /// Receivers of notifications, besides the engine's own `notifications` stream; resolving
    /// appends the playbook's `plugins.sinks` after these.
    public var sinks: [any NotificationSink]
    /// How many times a command is retried after another writer changed the same lead: another
    /// process on a shared journal (commands of one engine wait for each other instead).
    public var conflictRetries: Int
    /// Whether ``PluginRegistry/configuration(for:base:)`` made this configuration: the engine
    /// then uses its instances as they are instead of resolving the playbook again.
    var isResolved = false
    /// Suspends until an instant of ``now``'s clock: how ``AlignmentEngine/run()`` waits for
    /// the next deadline. The default sleeps on the wall clock; ``driven(by:)`` sleeps on a
    /// ``ManualClock``. Throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Date) async throws -> Void
    /// The longest ``AlignmentEngine/run()`` sleeps between looks at the journal, so that clocks
    /// started since (by this engine or another) are not missed; 60 seconds by default.
    public var runCheckInterval: TimeInterval

    /// A configuration of the given instances; every policy left `nil` is filled from the
    /// playbook when the configuration is resolved.
    ///
    /// - Parameters:
    ///   - now: the clock.
    ///   - identity: the host's identity resolver, or `nil` for the playbook's `identity` rules.
    ///   - scorer: the host's scorer, or `nil` for the playbook's.
    ///   - router: the host's router, or `nil` for the playbook's.
    ///   - sla: the host's SLA policy, or `nil` for the playbook's.
    ///   - sinks: the host's notification sinks.
    ///   - conflictRetries: how many times a command is retried after a conflicting write.
    public init(
        now: @escaping @Sendable () -> Date = { Date() },
        identity: (any IdentityResolver)? = nil,
        scorer: (any LeadScorer)? = nil,
        router: (any LeadRouter)? = nil,
        sla: (any SLAPolicy)? = nil,
        sinks: [any NotificationSink] = [],
        conflictRetries: Int = 3
    ) {
        self.now = now
        self.identity = identity
        self.scorer = scorer
        self.router = router
        self.sla = sla
        self.sinks = sinks
        self.conflictRetries = conflictRetries
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
