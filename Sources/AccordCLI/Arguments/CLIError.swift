/// A failure the CLI reports to the user, with the exit status it ends with.
struct CLIError: Error, Sendable, CustomStringConvertible {
    var status: ExitStatus
    var message: String
    /// Extra lines printed after the message (every problem of a playbook, bad import rows).
    var details: [String] = []
    /// Facts a program may read from the `--json` error: the file, offset and position of a
    /// damaged journal, the lengths found and expected. Printed as fields next to `error`.
    var fields: [String: Field] = [:]

    /// A value of ``fields``.
    enum Field: Sendable, Equatable {
        case text(String)
        case number(UInt64)

        var json: Any {
            switch self {
            case .text(let text): return text
            case .number(let number): return number
            }
        }
    }

    static func usage(_ message: String) -> CLIError { CLIError(status: .usage, message: message) }

    var description: String { message }
}

/// The documented exit statuses of `accord`.
enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Success.
    case success = 0
    /// A runtime failure: the journal could not be read or written.
    case failure = 1
    /// Bad usage or invalid input: an unknown option, an invalid playbook, bad import rows.
    case usage = 2
    /// The lead (or another named thing) does not exist.
    case notFound = 3
    /// Another process owns the data directory.
    case locked = 4
    /// The agreement refused the change: a handoff gate, a stage move, a reason code.
    case refused = 5

    var meaning: String {
        switch self {
        case .success: return "success"
        case .failure: return "the journal could not be read or written"
        case .usage: return "bad usage or invalid input (options, playbook, import rows)"
        case .notFound: return "the lead or file named does not exist"
        case .locked: return "another process owns the data directory"
        case .refused: return "the playbook refused the change (gate, stage move, reason code)"
        }
    }
}
