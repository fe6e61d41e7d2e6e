import Foundation
import Testing

/// One `postgres-journal-node` process of the scale-out drill, with its stdout collected line by
/// line and its stdin open for commands.
final class NodeProcess: @unchecked Sendable {
    // @unchecked: `lines` is only touched under `lock`; the Process and pipes are set up in init
    // and then only used through their own thread-safe calls.
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var lines: [String] = []
    let name: String

    /// Why the drill cannot run.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The node executable: next to the test bundle (`swift build` and `swift test` build it), or
    /// `ACCORD_POSTGRES_NODE`.
    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["ACCORD_POSTGRES_NODE"] {
            return URL(fileURLWithPath: path)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("postgres-journal-node")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw Failure(
            description: "postgres-journal-node was not found next to the test bundle; build it first "
                + "(swift build --package-path Examples/PostgresJournal) or set ACCORD_POSTGRES_NODE to its path")
    }

    init(name: String, arguments: [String]) throws {
        self.name = name
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.pending += String(decoding: data, as: UTF8.self) }
            self.splitLines()
        }
        try process.run()
    }

    private var pending = ""

    private func splitLines() {
        lock.withLock {
            while let newline = pending.firstIndex(of: "\n") {
                lines.append(String(pending[..<newline]))
                pending = String(pending[pending.index(after: newline)...])
            }
        }
    }

    /// Every line printed so far.
    var printed: [String] { lock.withLock { lines } }

    /// The lines printed so far that start with `prefix`.
    func lines(startingWith prefix: String) -> [String] { printed.filter { $0.hasPrefix(prefix) } }

    /// Waits until a line starting with `prefix` was printed, and returns the latest such line.
    ///
    /// - Throws: ``Failure`` when the process printed `failed …`, exited, or `timeout` passed.
    @discardableResult
    func waitFor(_ prefix: String, count: Int = 1, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let found = lines(startingWith: prefix)
            if found.count >= count { return found[count - 1] }
            if let failure = lines(startingWith: "failed").first {
                throw Failure(description: "\(name): \(failure)")
            }
            if !process.isRunning {
                try await Task.sleep(for: .milliseconds(50))
                splitLines()
                if lines(startingWith: prefix).count >= count { continue }
                throw Failure(description: "\(name) exited (\(process.terminationStatus)) before printing \(prefix)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(
            description: "\(name) did not print \(prefix) within \(timeout); it printed: \(printed.suffix(5))")
    }

    /// Sends one command line.
    func send(_ command: String) {
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
    }

    /// kill -9.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Closes stdin and waits for the process to end.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}
