import Foundation
import LeadModel

/// Runs `Benchmarks/sqlite_baseline.py` (Python 3's standard `sqlite3`, WAL mode) so that a store
/// benchmark can print its rate side by side with SQLite doing the same work.
///
/// The script is found next to the current directory or above the executable (as in a
/// checkout: `.build/release/accord-bench` → `Benchmarks/`). When `python3` or the script is
/// missing, ``locate(note:)`` says so and returns `nil`, and benchmarks skip the comparison.
struct SQLiteBaseline: Sendable {
    /// SQLite's `PRAGMA synchronous`: `FULL` syncs every commit, `OFF` leaves it to the OS.
    enum Synchronous: String, Sendable {
        case full
        case off

        /// The SQLite setting that promises what `durability` promises.
        init(_ durability: Durability) {
            self = durability.survivesPowerLoss ? .full : .off
        }
    }

    /// What SQLite should do.
    enum Operation: String, Sendable {
        /// Insert rows: `writers` threads, each its own connection, `batchSize` rows per
        /// transaction.
        case insert
        /// Insert rows untimed, then time reading them all back in order.
        case scan
    }

    /// One baseline run's shape: the same numbers as the Accord benchmark it is compared with.
    struct Workload: Sendable {
        var operation: Operation = .insert
        var count: Int
        var batchSize: Int = 1
        var writers: Int = 1
        /// Bytes per row, measured from the encoded Accord events.
        var payloadBytes: Int
        var synchronous: Synchronous = .full
    }

    /// What the script measured.
    struct Result: Decodable, Sendable {
        /// `sqlite-wal-full`, `sqlite-wal-off`, `sqlite-concurrent-full`, `sqlite-wal-scan`, …
        var name: String
        var count: Int
        var seconds: Double
        var rate: Double
    }

    let python: URL
    let script: URL

    /// Finds `python3` on `PATH` and the baseline script.
    ///
    /// - Parameter note: told why the baseline is unavailable, when it is.
    /// - Returns: the baseline, or `nil` when either is missing.
    static func locate(note: (String) -> Void) -> SQLiteBaseline? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let python = path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let python else {
            note("python3 not found on PATH: SQLite comparisons skipped")
            return nil
        }
        let relative = "Benchmarks/sqlite_baseline.py"
        var roots = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<5 {
            roots.append(directory)
            directory.deleteLastPathComponent()
        }
        let script = roots.map { $0.appendingPathComponent(relative) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
        guard let script else {
            note("\(relative) not found (run from the repository root): SQLite comparisons skipped")
            return nil
        }
        return SQLiteBaseline(python: python, script: script)
    }

    /// Runs the script and waits for it.
    ///
    /// - Parameters:
    ///   - workload: what SQLite should do.
    ///   - directory: where the script may put its database; it is removed afterwards.
    /// - Returns: the script's measurement.
    /// - Throws: ``BenchError`` when the script fails or prints something unexpected.
    func run(_ workload: Workload, in directory: URL) throws -> Result {
        let database = directory.appendingPathComponent("sqlite-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: database, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: database) }

        return try PythonScript.run(
            python,
            [
                script.path, "--operation", workload.operation.rawValue, "--count", "\(workload.count)",
                "--batch", "\(workload.batchSize)", "--writers", "\(workload.writers)",
                "--payload", "\(workload.payloadBytes)", "--synchronous", workload.synchronous.rawValue,
                "--db", database.appendingPathComponent("events.sqlite").path,
            ], as: Result.self, name: "the SQLite baseline")
    }

    /// Runs the baseline and puts it into `measurement` as its baseline; notes a failure instead
    /// of throwing, so the Accord figure is still printed.
    func compare(
        _ measurement: inout Measurement, with workload: Workload, in context: BenchContext
    ) {
        do {
            let result = try run(workload, in: context.directory)
            measurement.baseline = result.name
            measurement.baselineRate = result.rate
        } catch {
            context.note("\(measurement.name): SQLite comparison skipped: \(error)")
        }
    }
}
