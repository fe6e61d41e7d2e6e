import Foundation
import Journal
import LeadModel
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The journal from the command line: damage is reported, never cut silently; files are private;
/// writers wait for each other; readers do not wait.
struct JournalCommandLineTests {
    private func journal(_ workspace: Workspace) -> URL {
        workspace.url.appendingPathComponent("accord-data/journal")
    }

    private func segments(_ workspace: Workspace) throws -> [URL] {
        let folder = journal(workspace).appendingPathComponent("segments")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".seg") }
            .sorted().map { folder.appendingPathComponent($0) }
    }

    /// A data directory with three captured leads.
    private func populated() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        for name in ["ana", "bo", "cy"] {
            #expect(try workspace.run("capture", "--email", "\(name)@acme.com", "--source", "webinar").status == 0)
        }
        return workspace
    }

    private func json(_ text: String) throws -> [String: Any] {
        let start = try #require(text.firstIndex(of: "{"))
        let object = try JSONSerialization.jsonObject(with: Data(text[start...].utf8))
        return try #require(object as? [String: Any])
    }

    @Test func verifyReportsASoundJournal() throws {
        let workspace = try populated()
        let text = try workspace.run("verify")
        #expect(text.status == 0)
        #expect(text.stdout.contains("sound:"))
        let output = try workspace.run("verify", "--json")
        #expect(output.status == 0)
        let report = try json(output.stdout)
        #expect(report["sound"] as? Bool == true)
        #expect((report["events"] as? Int ?? 0) >= 3)
    }

    @Test func aDeletedSegmentIsAnErrorWithItsFieldsNotAnEmptyJournal() throws {
        let workspace = try populated()
        let segment = try #require(try segments(workspace).first)
        let length = try Data(contentsOf: segment).count
        try FileManager.default.removeItem(at: segment)

        let show = try workspace.run("lead", "show", "L0000001", "--json")
        #expect(show.status == 1)
        let error = try json(show.stderr)
        #expect(error["code"] as? String == "missingRecords")
        #expect(error["file"] as? String == segment.standardizedFileURL.path)
        #expect(error["expectedLength"] as? Int == length)
        #expect(error["foundLength"] as? Int == 0)
        #expect(error["position"] as? Int == 1)
        #expect((error["details"] as? [String])?.contains { $0.contains("expected length") } == true)

        let capture = try workspace.run("capture", "--email", "dee@acme.com")
        #expect(capture.status == 1)
        #expect(capture.stderr.contains("missing"))
        #expect(capture.stderr.contains("expected length: \(length) bytes"))
        #expect(try segments(workspace).isEmpty, "no empty journal replaced the lost one")

        let verify = try workspace.run("verify", "--json")
        #expect(verify.status == 1)
        let problem = try #require(try json(verify.stdout)["problem"] as? [String: Any])
        #expect(problem["code"] as? String == "missingRecords")
        #expect(problem["expectedLength"] as? Int == length)
    }

    @Test func aSegmentCutToHalfIsAnErrorAndRepairCutsOnlyWhenAsked() throws {
        let workspace = try populated()
        let segment = try #require(try segments(workspace).first)
        let full = try Data(contentsOf: segment)
        try full.prefix(full.count / 2).write(to: segment)

        let report = try workspace.run("report")
        #expect(report.status == 1)
        #expect(report.stderr.contains("found length: \(full.count / 2) bytes"))

        let advice = try workspace.run("repair", "--json")
        #expect(advice.status == 1)
        let command = try #require(try json(advice.stdout)["command"] as? String)
        #expect(try Data(contentsOf: segment) == full.prefix(full.count / 2), "nothing changed")

        let position = try #require(command.split(separator: " ").last.map(String.init))
        let side = workspace.url.appendingPathComponent("removed")
        let cut = try workspace.run("repair", "--cut-after", position, "--keep-removed", side.path)
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(try workspace.run("verify").status == 0)
        #expect(try workspace.run("capture", "--email", "dee@acme.com").status == 0)
    }

    @Test func theRecoveryNoteIsJSONWithJSON() throws {
        let workspace = try populated()
        let segment = try #require(try segments(workspace).last)
        let length = try Data(contentsOf: segment).count
        let handle = try FileHandle(forWritingTo: segment)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([120, 0, 0, 0, 1, 2, 3]))
        try handle.close()
        let output = try workspace.run("capture", "--email", "dee@acme.com", "--json")
        #expect(output.status == 0)
        let note = try json(output.stderr)
        #expect(note["file"] as? String == segment.standardizedFileURL.path)
        #expect(note["offset"] as? Int == length)
        #expect(note["bytesCut"] as? Int == 7)
        #expect(note["position"] as? Int != nil)
    }

    @Test func theDataDirectoryIsPrivateWhateverTheUmask() throws {
        let workspace = try Workspace()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "umask 000 && \"$0\" init && \"$0\" capture --email ana@acme.com", AccordProcess.executable.path,
        ]
        process.currentDirectoryURL = workspace.url
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "ACCORD_DATA" }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        _ = try workspace.run("capture", "--email", "bo@acme.com")
        let root = workspace.url.appendingPathComponent("accord-data")
        var modes: [String: mode_t] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        modes["."] = mode(root.path)
        while let name = enumerator?.nextObject() as? String {
            modes[name] = mode(root.appendingPathComponent(name).path)
        }
        #expect(modes.count >= 6)
        for (name, mode) in modes {
            var info = stat()
            _ = lstat(root.appendingPathComponent(name).path, &info)
            let isDirectory = info.st_mode & S_IFMT == S_IFDIR
            #expect(mode == (isDirectory ? 0o700 : 0o600), "\(name) is \(String(mode, radix: 8))")
        }
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = lstat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func writersWaitForTheLockAndReadersDoNot() async throws {
        let workspace = try populated()
        var configuration = FileEventStore.Configuration()
        configuration.lockOwner = "test holder"
        let holder = try await FileEventStore(directory: journal(workspace), configuration: configuration)

        // A reader runs while the lock is held.
        let show = try workspace.run("lead", "show", "L0000001", "--json")
        #expect(show.status == 0, "\(show.stderr)")
        #expect(try workspace.run("verify").status == 0)

        // A writer that will not wait long enough says who holds the lock.
        let impatient = try workspace.run("signal", "quote-requested", "--lead", "L0000001", "--wait", "0.2s")
        #expect(impatient.status == 4)
        #expect(impatient.stderr.contains("pid \(getpid())"))
        #expect(impatient.stderr.contains("test holder"))
        #expect(impatient.stderr.contains("waited"))
        #expect(try workspace.run("signal", "x", "--lead", "L0000001", "--wait", "soon").status == 2)

        // Writers started while it is held all succeed once it is released.
        let writers = (0..<8).map {
            ["signal", "quote-requested", "--lead", "L0000001", "--key", "w-\($0)", "--wait", "30s"]
        }
        try await holder.close()
        // Another process holds the lock for 2 s (it lets go by itself, so a busy test pool
        // cannot delay the release) while the writers start.
        let release = try holdLock(journal(workspace).appendingPathComponent("LOCK"), seconds: 2)
        let results = try await runAll(writers, in: workspace.url)
        release.waitUntilExit()
        #expect(results == Array(repeating: 0, count: writers.count))
        let timeline = try workspace.run("lead", "timeline", "L0000001")
        #expect(timeline.status == 0)
        #expect(try workspace.run("verify").status == 0)
    }

    @Test func importWaitsForTheLockBeforeValidating() async throws {
        let workspace = try populated()
        let file = workspace.url.appendingPathComponent("leads.jsonl")
        try Data("{\"email\": \"ana@acme.com\"}\n{not json\n".utf8).write(to: file)
        let holder = try await FileEventStore(directory: journal(workspace), configuration: .init())
        // Validation would reject line 2 (exit 2); the lock is asked for first.
        let locked = try workspace.run("import", file.path, "--wait", "0.2s")
        #expect(locked.status == 4, "\(locked.stderr)")
        try await holder.close()
        let invalid = try workspace.run("import", file.path)
        #expect(invalid.status == 2)
    }

    @Test func concurrentWritersAllSucceed() async throws {
        let workspace = try populated()
        let statuses = try await runAll(
            (0..<12).map { ["signal", "quote-requested", "--lead", "L0000002", "--key", "p-\($0)"] },
            in: workspace.url)
        #expect(statuses == Array(repeating: 0, count: 12))
    }

    /// Starts a process that takes the `flock` on `file`, holds it for `seconds` and exits;
    /// returns once the lock is held.
    private func holdLock(_ file: URL, seconds: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        process.arguments = [
            "-e",
            "use Fcntl qw(:flock); open(my $f, '>>', $ARGV[0]) or die; flock($f, LOCK_EX) or die; "
                + "$| = 1; print \"locked\\n\"; sleep $ARGV[1];",
            file.path, String(seconds),
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        _ = output.fileHandleForReading.readData(ofLength: 7)
        return process
    }

    /// Starts one `accord` process per argument list at once, runs `body` meanwhile, and returns
    /// their exit statuses. Waiting polls, so no thread of the test's pool is blocked (a blocked
    /// pool could keep `body` from releasing what the processes wait for).
    private func runAll(
        _ argumentLists: [[String]], in directory: URL, whileRunning body: () async throws -> Void = {}
    ) async throws -> [Int32] {
        var processes: [Process] = []
        for arguments in argumentLists {
            let process = Process()
            process.executableURL = AccordProcess.executable
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "ACCORD_DATA" }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        try await body()
        var statuses: [Int32] = []
        for process in processes {
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            statuses.append(process.terminationStatus)
        }
        return statuses
    }
}
