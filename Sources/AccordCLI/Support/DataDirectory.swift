import Accord
import Foundation
import LeadModel

/// The layout of an `accord` data directory: the playbook next to the journal.
///
/// ```
/// accord-data/
///   playbook.json     the active agreement (accord init writes the default)
///   playbooks/        proposed and earlier versions, by version (accord playbook …)
///   journal/          the FileEventStore's segments, index snapshots and lock
/// ```
struct DataDirectory: Sendable {
    var root: URL

    var playbookURL: URL { root.appendingPathComponent("playbook.json") }
    var journalURL: URL { root.appendingPathComponent("journal") }
    var playbooksURL: URL { root.appendingPathComponent("playbooks") }
    /// The plugins the command line has: Accord's built-in ones, with paths relative to the
    /// data directory (a playbook may name `learned` with a model under models/).
    var plugins: PluginRegistry { .builtIn(relativeTo: root) }
    /// Marks a directory the demo created, so a later demo may replace it.
    var demoMarkerURL: URL { root.appendingPathComponent("DEMO") }

    /// The directory from `--data`, else `$ACCORD_DATA`, else `./accord-data`.
    static func resolve(_ option: String?) -> DataDirectory {
        let path = option ?? ProcessInfo.processInfo.environment["ACCORD_DATA"] ?? "accord-data"
        return DataDirectory(root: URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL)
    }

    /// After folding this many events, a command leaves a snapshot so the next one starts fast.
    static let snapshotThreshold = 5_000

    var exists: Bool { FileManager.default.fileExists(atPath: playbookURL.path) }

    /// The playbook, validated.
    ///
    /// - Throws: ``CLIError`` naming `accord init` when the directory was never initialised;
    ///   ``PlaybookError`` when the playbook is invalid.
    func loadPlaybook() throws -> Playbook {
        guard exists else {
            throw CLIError(
                status: .usage,
                message: "no Accord data directory at \(root.path)",
                details: ["run `accord init` to create one, or pass --data DIR (or set ACCORD_DATA)"])
        }
        return try Playbook.load(contentsOf: playbookURL)
    }

    /// Opens the journal (after checking the playbook), runs `body` with the store, and closes it.
    func withStore<T: Sendable>(_ body: (FileEventStore) async throws -> T) async throws -> T {
        let playbook = try loadPlaybook()
        return try await withJournal { store in
            try await Self.requireActive(playbook, in: store)
            return try await body(store)
        }
    }

    /// Opens the journal without checking that the playbook is the active version, for the
    /// governance commands themselves.
    func withJournal<T: Sendable>(_ body: (FileEventStore) async throws -> T) async throws -> T {
        let store = try await openJournal()
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Opens the journal, runs `body` with an engine on it, and closes the journal whatever
    /// happens, so the directory lock is released and index snapshots are written.
    func withEngine<T: Sendable>(
        now: @escaping @Sendable () -> Date = { Date() },
        sinks: [any NotificationSink] = [],
        _ body: (AlignmentEngine) async throws -> T
    ) async throws -> T {
        let playbook = try loadPlaybook()
        let store = try await openJournal()
        do {
            try await Self.requireActive(playbook, in: store)
            let engine = try await AlignmentEngine(
                playbook: playbook, store: store,
                configuration: EngineConfiguration(
                    now: now, sinks: sinks,
                    plugins: plugins))
            let result = try await body(engine)
            if await engine.eventsFoldedSinceSnapshot >= Self.snapshotThreshold {
                try await engine.saveSnapshot()
            }
            try await store.close()
            return result
        } catch var error as PlaybookError {
            try? await store.close()
            error.file = error.file ?? playbookURL.path  // plugin problems found when the engine opens
            throw error
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Opens the journal and tells the operator, on standard error, when opening it cut the
    /// torn tail a crash left (nothing acknowledged is ever cut; see Documentation/Storage.md).
    func openJournal() async throws -> FileEventStore {
        let store = try await FileEventStore(directory: journalURL, configuration: .init())
        if let recovery = store.recovery {
            FileHandle.standardError.write(Data("note: the journal was recovered after a crash: \(recovery)\n".utf8))
        }
        return store
    }

    /// Refuses a playbook.json that is not the version governance activated: once a team signs
    /// its agreement off, changes go live only through `accord playbook propose/sign/activate`.
    static func requireActive(_ playbook: Playbook, in store: any EventStore) async throws {
        let governance = try await PlaybookGovernanceJournal(store: store).load()
        guard let active = governance.active, active.digest != playbook.digest else { return }
        throw CLIError(
            status: .refused,
            message: "playbook.json (version \(playbook.version)) is not the signed-off version \(active.version)",
            details: [
                "changes go live with both teams' sign-off: accord playbook propose FILE, accord playbook sign, "
                    + "accord playbook activate",
                "to see what changed: accord playbook diff \(active.version) playbook.json",
            ])
    }
}
