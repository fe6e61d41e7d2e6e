import Foundation
import Journal
import LeadModel
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Kills a writing child process with SIGKILL at random moments and checks the journal it
/// leaves: every acknowledged event is there, nothing half-written is visible, and a torn tail
/// is cut with a recovery notice.
struct FileEventStoreCrashTests {
    /// The crash test's time budget: rounds run until it is spent (and at least `minimumRounds`).
    private let budget = Duration.seconds(12)
    private let minimumRounds = 8
    private let segmentSize = 256 * 1024

    @Test func everyAcknowledgedEventSurvivesKillNine() async throws {
        let writer = try #require(
            CrashWriterBinary.locate(), "the AccordCrashWriter executable was not built")
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            let clock = ContinuousClock()
            let started = clock.now
            var acknowledged: [UInt64: String] = [:]
            var rounds = 0
            var tornTails = 0
            while rounds < minimumRounds || clock.now - started < budget {
                let output = try await runAndKill(
                    writer, arguments: [data.path, String(rounds), String(segmentSize)],
                    after: .milliseconds(Int.random(in: 150...600)))
                let lines = output.split(separator: "\n", omittingEmptySubsequences: true)
                #expect(
                    !lines.contains { $0.hasPrefix("ERROR") },
                    "round \(rounds): \(lines.filter { $0.hasPrefix("ERROR") })")
                for line in lines where line.hasPrefix("ACK ") {
                    let parts = line.split(separator: " ")
                    guard parts.count == 3, let position = UInt64(parts[1]) else { continue }
                    acknowledged[position] = String(parts[2])
                }

                // Every third round, tear the tail by hand as a power cut could: a partial frame.
                var injected = 0
                if rounds % 3 == 2 {
                    injected = try tearTail(of: data)
                }

                let store = try await FileEventStore(
                    directory: data,
                    configuration: .init(segmentSize: segmentSize, indexCheckpointInterval: 500))
                if injected > 0 {
                    let recovery = try #require(
                        store.recovery, "round \(rounds): no recovery notice")
                    #expect(recovery.bytesCut >= UInt64(injected))
                    tornTails += 1
                }
                let events = try await store.everything(pageSize: 1000)
                try check(events, acknowledged: acknowledged, round: rounds)
                try await store.close()
                rounds += 1
            }
            #expect(rounds >= minimumRounds)
            #expect(tornTails >= minimumRounds / 3)
            #expect(acknowledged.count > 100)
        }
    }

    @Test func erasureSurvivesKillNine() async throws {
        let writer = try #require(
            CrashWriterBinary.locate(), "the AccordCrashWriter executable was not built")
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            let clock = ContinuousClock()
            let started = clock.now
            var acknowledged: [UInt64: String] = [:]
            var erased: [(lead: String, email: String)] = []
            var checkedUpTo = 0
            var rounds = 0
            while rounds < 4 || clock.now - started < .seconds(4) {
                let output = try await runAndKill(
                    writer, arguments: [data.path, String(rounds), String(64 * 1024), "erase"],
                    after: .milliseconds(Int.random(in: 150...500)))
                for line in output.split(separator: "\n") {
                    let parts = line.split(separator: " ")
                    if parts.first == "ERROR" { Issue.record("round \(rounds): \(line)") }
                    if parts.count == 3, parts[0] == "ACK", let position = UInt64(parts[1]) {
                        acknowledged[position] = String(parts[2])
                    }
                    if parts.count == 3, parts[0] == "ERASED" {
                        erased.append((String(parts[1]), String(parts[2])))
                    }
                }
                // A kill in the middle of a segment rewrite must leave a journal that opens.
                let store = try await FileEventStore(
                    directory: data, configuration: .init(segmentSize: 64 * 1024))
                try check(try await store.everything(pageSize: 1000), acknowledged: acknowledged, round: rounds)
                for (lead, _) in erased.suffix(5) {
                    let kinds = try await store.events(forLead: LeadID(lead)).map(\.payload.kind)
                    #expect(kinds.first == "captured" && kinds.contains("erased"), "\(lead): \(kinds)")
                }
                try await store.close()
                // Search for this round's erasures now and for all of them once at the end, so the
                // check does not grow with the square of the rounds.
                try expectNoneOnDisk(erased[checkedUpTo...], in: data)
                checkedUpTo = erased.count
                rounds += 1
            }
            try expectNoneOnDisk(erased[...], in: data)
            #expect(erased.count > 3)
        }
    }

    /// Expects that no file in `directory` holds any of the erased emails.
    private func expectNoneOnDisk(_ erased: ArraySlice<(lead: String, email: String)>, in directory: URL) throws {
        guard !erased.isEmpty else { return }
        let files = try Fixture.allFiles(in: directory).map { try Data(contentsOf: $0) }
        for (lead, email) in erased {
            let needle = Data(email.utf8)
            #expect(!files.contains { $0.range(of: needle) != nil }, "\(lead)'s email is still on disk")
        }
    }

    /// Checks one reopened journal against what the child acknowledged.
    private func check(_ events: [LeadEvent], acknowledged: [UInt64: String], round: Int) throws {
        #expect(
            events.enumerated().allSatisfy {
                $0.element.position?.rawValue == UInt64($0.offset + 1)
            },
            "round \(round): positions have a gap")
        var missing = 0
        for (position, key) in acknowledged {
            guard position <= events.count, events[Int(position - 1)].idempotencyKey == key else {
                missing += 1
                continue
            }
        }
        #expect(missing == 0, "round \(round): \(missing) acknowledged events are missing")
        // Each append call is all or nothing: every batch "…-eIofN" has all N events.
        var batches: [Substring: (seen: Int, size: Int)] = [:]
        for event in events {
            guard let key = event.idempotencyKey, let dash = key.lastIndex(of: "-") else {
                continue
            }
            let parts = key[key.index(after: dash)...].dropFirst().split(separator: "of")
            guard parts.count == 2, let size = Int(parts[1]) else { continue }
            batches[key[..<dash], default: (0, size)].seen += 1
        }
        let partial = batches.filter { $0.value.seen != $0.value.size }
        #expect(
            partial.isEmpty,
            "round \(round): half-written calls are visible: \(partial.keys.prefix(3))")
    }

    /// Appends a partial record frame to the last segment; returns its length.
    private func tearTail(of data: URL) throws -> Int {
        let segment = try #require(try Fixture.segments(in: data).last)
        var frame: [UInt8] = []
        let payloadLength = UInt32.random(in: 100...900)
        withUnsafeBytes(of: payloadLength.littleEndian) { frame.append(contentsOf: $0) }
        frame += (0..<Int.random(in: 0...Int(payloadLength))).map { _ in UInt8.random(in: 0...255) }
        let handle = try FileHandle(forWritingTo: segment)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(frame))
        try handle.close()
        return frame.count
    }

    /// Starts `executable`, kills it with SIGKILL after `delay`, and returns what it printed.
    private func runAndKill(_ executable: URL, arguments: [String], after delay: Duration)
        async throws -> String
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // Drain the pipe on its own thread so the child never blocks on a full pipe.
        let collected = PipeCollector(pipe.fileHandleForReading)
        // Kill and wait off the test runner's cooperative threads, so that a busy test suite
        // neither delays the kill (letting the child run far longer) nor is blocked by the wait.
        let pid = process.processIdentifier
        let milliseconds = Int(delay / .milliseconds(1))
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
            kill(pid, SIGKILL)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                exited.wait()
                continuation.resume()
            }
        }
        #expect(process.terminationReason == .uncaughtSignal)
        return await collected.text()
    }
}

/// Reads a pipe to its end on a dedicated thread.
private final class PipeCollector: @unchecked Sendable {
    // @unchecked Sendable: `data` is written by the reading thread before `done` is signalled,
    // and read only after waiting for `done`.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        thread.start()
    }

    func text() async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [self] in
                done.wait()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }
}

/// Finds the crash test's child executable, which SwiftPM builds next to the test bundle.
enum CrashWriterBinary {
    static let name = "AccordCrashWriter"

    /// The executable, building it with `swift build` only as a last resort.
    static func locate() -> URL? {
        if let found = search() { return found }
        guard let package = packageRoot() else { return nil }
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", name]
        build.currentDirectoryURL = package
        guard (try? build.run()) != nil else { return nil }
        build.waitUntilExit()
        return search()
    }

    private static func candidateDirectories() -> [URL] {
        var directories: [URL] = []
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts.append(Bundle.main.bundleURL)
        starts.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())
        for start in starts {
            // On Linux the test bundle is a file in the build folder; on macOS the binary sits in
            // `X.xctest/Contents/MacOS`, three levels below it.
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                directories.append(directory)
                directory = directory.deletingLastPathComponent()
            }
        }
        return directories
    }

    private static func search() -> URL? {
        for directory in candidateDirectories() {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private static func packageRoot() -> URL? {
        for directory in candidateDirectories() {
            var current = directory
            while current.path != "/" {
                if FileManager.default.fileExists(
                    atPath: current.appendingPathComponent("Package.swift").path)
                {
                    return current
                }
                current = current.deletingLastPathComponent()
            }
        }
        return nil
    }
}
