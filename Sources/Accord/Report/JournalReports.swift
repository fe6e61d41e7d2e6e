public import Foundation
import LeadModel
public import Routing
public import SLA

/// The whole-journal reports — the scoreboard, SLA health, the one-page report and the feedback
/// facts — as functions of a journal and the parts of the agreement they read, so a host or a
/// tool runs them on any ``LeadModel/EventStore`` without opening an ``AlignmentEngine``.
///
/// Each report reads the journal once, from the start, and keeps only what it counts: it does
/// not fold every lead's state into memory the way opening an engine does. The account look-up
/// (``accountSummary(_:on:snapshots:)``) reads even less: the account directory the engine saves
/// with its snapshots, the events since, and the account's own leads. The value holds the
/// configuration (the playbook, the SLA policy, the router and the clock); the journal is passed
/// to each report, so one value can report on several journals. The engine's own report methods
/// (``AlignmentEngine/scoreboard(_:)``, ``AlignmentEngine/slaHealth(from:to:)``,
/// ``AlignmentEngine/reportPage(_:)``, ``AlignmentEngine/feedbackFacts(convertedStages:)``) call
/// these with the engine's configuration, so both give the same answer for the same journal.
///
/// ```swift
/// var options = FileEventStore.Configuration()
/// options.readOnly = true  // reports only read: no lock, so they run beside a writer
/// let store = try await FileEventStore(directory: journal, configuration: options)
/// let reports = try JournalReports(playbook: playbook, configuration: EngineConfiguration())
/// let board = try await reports.scoreboard(ScoreboardQuery(period: .allTime, slicedBy: .source), on: store)
/// let health = try await reports.slaHealth(for: .month(year: 2026, month: 11), on: store)
/// ```
///
/// A plain value: `Sendable`, with no state of its own between reports.
public struct JournalReports: Sendable {
    /// The agreement: its name and version head the report page, its handoff stage starts
    /// speed to lead, its stage graph decides which stages count as converted, and its routing
    /// section defines the rep loads the router reports.
    public var playbook: Playbook
    /// The SLA policy whose calendars, cadence and commitments the SLA health and the report
    /// page use; `nil` for none (business time then equals wall time).
    public var sla: (any SLAPolicy)?
    /// The router asked for each rep's load and capacity on the report page
    /// (``Routing/LeadRouter/repStatuses(ledger:at:)``); `nil` for none.
    public var router: (any LeadRouter)?
    /// The source of "now": for clocks still open, commitments, and the page's "made" time.
    public var now: @Sendable () -> Date

    /// Reports with the given policies.
    ///
    /// - Parameters:
    ///   - playbook: the agreement.
    ///   - sla: the SLA policy, or `nil` for none.
    ///   - router: the router that reports rep loads, or `nil` for none.
    ///   - now: the clock.
    public init(
        playbook: Playbook, sla: (any SLAPolicy)? = nil, router: (any LeadRouter)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.playbook = playbook
        self.sla = sla
        self.router = router
        self.now = now
    }

    /// Reports with the SLA policy, router and clock an engine with this playbook and
    /// configuration would use.
    ///
    /// A configuration that ``PluginRegistry/configuration(for:base:)`` made is used as it is;
    /// any other is resolved against an empty ``PluginRegistry``, as ``AlignmentEngine`` does —
    /// so the playbook is validated either way.
    ///
    /// ```swift
    /// let configuration = try PluginRegistry.builtIn().configuration(for: playbook)
    /// let reports = try JournalReports(playbook: playbook, configuration: configuration)
    /// ```
    ///
    /// - Parameters:
    ///   - playbook: the agreement; it must be valid (see ``Playbook/validate()``).
    ///   - configuration: the clock and the policy instances.
    /// - Throws: ``PlaybookError`` for an invalid playbook or plugin names nobody registered.
    public init(playbook: Playbook, configuration: EngineConfiguration) throws(PlaybookError) {
        let resolved = try configuration.resolved(for: playbook)
        self.init(playbook: playbook, sla: resolved.sla, router: resolved.router, now: resolved.now)
    }

    /// How many events each report reads from the store at a time.
    static let pageSize = 8192
}
