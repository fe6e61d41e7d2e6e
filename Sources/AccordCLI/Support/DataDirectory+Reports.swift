import Accord
import Foundation
import LeadModel

extension DataDirectory {
    /// Opens the journal (after checking the playbook), runs `body` with the whole-journal
    /// reports and the store, and closes it — without opening an engine, so no lead is folded
    /// into memory: the reports read the journal once themselves.
    ///
    /// The playbook is validated and its plugins resolved with ``plugins`` as opening an engine
    /// does, so the same problems are reported the same way.
    ///
    /// - Parameters:
    ///   - now: the reports' clock.
    ///   - body: the work, given the reports and the opened journal.
    /// - Returns: what `body` returns.
    /// - Throws: what opening the journal or playbook, or `body`, throws.
    func withReports<T: Sendable>(
        now: @escaping @Sendable () -> Date = { Date() },
        _ body: (JournalReports, FileEventStore) async throws -> T
    ) async throws -> T {
        let playbook = try loadPlaybook()
        return try await withJournal { store in
            try await Self.requireActive(playbook, in: store)
            let reports: JournalReports
            do {
                reports = try JournalReports(
                    playbook: playbook,
                    configuration: plugins.configuration(for: playbook, base: EngineConfiguration(now: now)))
            } catch var error as PlaybookError {
                error.file = error.file ?? playbookURL.path  // plugin problems, as when an engine opens
                throw error
            }
            return try await body(reports, store)
        }
    }
}
