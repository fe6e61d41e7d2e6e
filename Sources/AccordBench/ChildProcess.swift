import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program as a child process and reports what `wait4` says of it: its exit status,
/// wall-clock seconds and peak resident memory (`ru_maxrss`), the figures `/usr/bin/time -v`
/// prints. Standard output goes to a file, standard error to another, so that long outputs never
/// fill a pipe.
struct ChildProcess: Sendable {
    /// What a finished child did.
    struct Outcome: Sendable {
        /// The exit status; a child killed by a signal gets 128 plus the signal number.
        var status: Int32
        var seconds: Double
        /// Peak resident memory in bytes.
        var peakResidentBytes: Int
        /// What it printed on standard output and standard error.
        var output: String
        var errors: String
    }

    let executable: URL

    /// Runs the program with `arguments` in `directory` and waits for it.
    ///
    /// - Throws: ``BenchError`` when the program cannot be started.
    func run(_ arguments: [String], in directory: URL) throws -> Outcome {
        let outURL = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let start = ContinuousClock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchError("cannot start \(executable.path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let (whole, attoseconds) = (ContinuousClock.now - start).components
        let signal = status & 0x7f
        return Outcome(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            seconds: Double(whole) + Double(attoseconds) / 1e18,
            // Linux reports kilobytes, macOS bytes.
            peakResidentBytes: Int(usage.ru_maxrss) * Self.maxRSSUnit,
            output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    #if canImport(Darwin)
        static let maxRSSUnit = 1
    #else
        static let maxRSSUnit = 1024
    #endif
}
