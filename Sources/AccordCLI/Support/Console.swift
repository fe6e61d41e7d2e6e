import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command writes, and how: text or JSON, with progress only on a terminal.
struct Console: Sendable {
    /// Whether `--json` was given.
    var json: Bool
    /// The data directory the command works on.
    var dataDirectory: DataDirectory
    /// Whether standard error is a terminal (progress lines are shown only then).
    var stderrIsTerminal: Bool = isatty(2) == 1

    func print(_ line: String = "") {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Rewrites a one-line progress indicator on a terminal; silent otherwise.
    func progress(_ line: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    /// Ends a progress line.
    func progressDone() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Prints a Codable value as pretty JSON with sorted keys and ISO 8601 dates.
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
