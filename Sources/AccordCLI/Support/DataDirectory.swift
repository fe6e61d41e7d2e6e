import Accord
import Foundation
import Journal
import LeadModel
import SLA

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    /// The command working on the directory (`lead show`), recorded in the journal's lock file so
    /// a waiting process can say who holds it, and deciding whether the journal opens read-only.
    var command = ""
    /// How long a writing command waits for another process to release the journal (`--wait`).
    var lockWait = DataDirectory.defaultLockWait
    /// Whether notes are printed as JSON (`--json`).
    var json = false

    /// The default of `--wait`.
    static let defaultLockWait = Duration.seconds(10)

    /// The commands that only read the journal. They open it read-only, without its lock, so they
    /// run while another process writes, and see the journal as it was when they opened it.
    /// Everything else (including `backlog add` and `model train`, which write files next to the
    /// journal under its lock) waits for the lock.
    static let readingCommands: Set<String> = [
        "lead show", "lead list", "lead timeline", "lead explain", "score explain", "account show", "report",
        "sla health", "feedback report", "feedback calibrate", "feedback export-training",
        "route explain", "reps", "model evaluate", "playbook status", "simulate", "verify",
    ]

    /// Whether this command opens the journal read-only.
    var readsOnly: Bool { Self.readingCommands.contains(command) }

    /// The duration of `--wait`: the playbook's duration form (`10s`, `2m`, `1m30s`), or
    /// fractional seconds (`0.5s`).
    ///
    /// - Throws: ``CLIError`` (usage) naming the expected form.
    static func lockWait(_ text: String?) throws(CLIError) -> Duration {
        guard let text else { return defaultLockWait }
        let seconds =
            SLADuration(text)?.seconds
            ?? (text.hasSuffix("s") ? Double(text.dropLast()).flatMap { $0.isFinite ? $0 : nil } : nil)
        guard let seconds, seconds >= 0, seconds <= 86_400 else {
            throw CLIError.usage("--wait expects a duration such as 10s, 0.5s or 2m (at most 1d), got '\(text)'")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    var playbookURL: URL { root.appendingPathComponent("playbook.json") }
    var journalURL: URL { root.appendingPathComponent("journal") }
    var playbooksURL: URL { root.appendingPathComponent("playbooks") }
    /// The plugins the command line has: Accord's built-in ones, with paths relative to the
    /// data directory (a playbook may name `learned` with a model under models/).
    var plugins: PluginRegistry { .builtIn(relativeTo: root) }
    /// Marks a directory the demo created, so a later demo may replace it.
    var demoMarkerURL: URL { root.appendingPathComponent("DEMO") }

    /// Makes every file and folder this process creates owner-only (0600 and 0700) whatever the
    /// umask it inherited: the data directory, playbook.json, the journal, models, the backlog
    /// and exported files hold emails and phone numbers.
    static func makeCreatedFilesPrivate() {
        umask(0o077)
    }

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
            Self.keepUntilExit(store)
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Opens the journal, runs `body` with an engine on it, and closes the journal whatever
    /// happens, so the directory lock is released and index snapshots are written.
    ///
    /// - Parameters:
    ///   - journal: a journal the command opened earlier with ``openJournal()`` — to hold the
    ///     lock before a long validation, as `accord import` does — or `nil` to open it here.
    ///   - now: the engine's clock.
    ///   - sinks: where the engine sends notifications.
    ///   - body: the work, given the engine.
    /// - Returns: what `body` returns.
    /// - Throws: what opening the journal or playbook, or `body`, throws.
    func withEngine<T: Sendable>(
        on journal: FileEventStore? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        sinks: [any NotificationSink] = [],
        _ body: (AlignmentEngine) async throws -> T
    ) async throws -> T {
        let playbook: Playbook
        do { playbook = try loadPlaybook() } catch {
            try? await journal?.close()
            throw error
        }
        let store = if let journal { journal } else { try await openJournal() }
        do {
            try await Self.requireActive(playbook, in: store)
            let engine = try await AlignmentEngine(
                playbook: playbook, store: store,
                configuration: plugins.configuration(
                    for: playbook, base: EngineConfiguration(now: now, sinks: sinks)))
            let result = try await body(engine)
            if !store.configuration.readOnly, await engine.eventsFoldedSinceSnapshot >= Self.snapshotThreshold {
                try await engine.saveSnapshot()
            }
            try await store.close()
            Self.keepUntilExit(engine)
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

    /// Keeps a closed journal or engine alive until the process exits. A command runs once and
    /// exits; the operating system takes back its memory at once, while freeing a million
    /// leads' journal index object by object took a third of a second, and an engine's lead
    /// states longer.
    private static func keepUntilExit(_ object: AnyObject) {
        _ = Unmanaged.passRetained(object)
    }

    /// Opens the journal — read-only for the ``readingCommands``, else waiting up to
    /// ``lockWait`` for its lock — and tells the operator, on standard error, when opening it cut
    /// the torn tail a crash left (nothing acknowledged is ever cut; see Documentation/Storage.md).
    /// With `--json` the note is a JSON object with the file, offset and position as fields.
    ///
    /// - Throws: ``EventStoreError`` — `directoryLocked` after the wait (exit 4), `missingRecords`,
    ///   `corruptRecord` and the rest (exit 1).
    func openJournal() async throws -> FileEventStore {
        var configuration = FileEventStore.Configuration()
        configuration.lockWait = lockWait
        configuration.lockOwner = command.isEmpty ? "accord" : "accord \(command)"
        configuration.readOnly = readsOnly
        let store = try await FileEventStore(directory: journalURL, configuration: configuration)
        if let recovery = store.recovery {
            FileHandle.standardError.write(Data((recoveryNote(recovery) + "\n").utf8))
        }
        return store
    }

    /// The recovery note: a sentence, or with `--json` an object with the fields.
    func recoveryNote(_ recovery: FileEventStore.RecoveryReport) -> String {
        guard json else { return "note: the journal was recovered after a crash: \(recovery)" }
        var note: [String: Any] = [
            "note": "the journal was recovered after a crash",
            "file": journalURL.appendingPathComponent(recovery.segment).path,
            "offset": recovery.offset, "bytesCut": recovery.bytesCut, "reason": recovery.reason,
        ]
        if let position = recovery.position { note["position"] = position.rawValue }
        let data =
            (try? JSONSerialization.data(withJSONObject: note, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
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
