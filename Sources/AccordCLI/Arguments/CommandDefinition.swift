/// One `accord` command: what it is called, what it accepts, its help, and what it does.
struct CommandDefinition: Sendable {
    /// The words that select the command (`"lead show"`).
    var name: String
    var summary: String
    var discussion: String? = nil
    var positionals: [PositionalSpec] = []
    var options: [OptionSpec] = []
    var examples: [String] = []
    var run: @Sendable (ParsedArguments, Console) async throws -> Void

    /// The options every command accepts.
    static let commonOptions: [OptionSpec] = [
        .value("data", "DIR", "the data directory (default: $ACCORD_DATA, else ./accord-data)"),
        .flag("json", "print machine-readable JSON instead of text"),
        .value("wait", "DURATION", "how long a writing command waits for the data directory's lock (default 10s)"),
        .flag("help", "show this help"),
    ]

    var allOptions: [OptionSpec] { options + Self.commonOptions }

    /// The command's help text.
    var help: String {
        var lines = ["USAGE: accord \(name)" + usageLine, "", summary]
        if let discussion { lines += ["", discussion] }
        if !positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for positional in positionals {
                lines.append("  " + pad(positional.name, 24) + positional.help)
            }
        }
        lines += ["", "OPTIONS:"]
        for option in allOptions {
            lines.append("  " + pad(option.usage, 24) + option.help + (option.repeatable ? " (repeatable)" : ""))
        }
        if !examples.isEmpty {
            lines += ["", "EXAMPLES:"]
            lines += examples.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private var usageLine: String {
        let args = positionals.map { $0.optional ? " [\($0.name)]" : " \($0.name)" }.joined()
        return args + (options.isEmpty ? " [--json]" : " [options]")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + "  " : text + String(repeating: " ", count: width - text.count)
    }
}
