import Accord

/// The arguments of one command after parsing: positionals, option values and flags.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// The last value given for an option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable option, in order.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// A positional argument, or a usage error naming it.
    func positional(_ index: Int, _ name: String) throws(CLIError) -> String {
        guard index < positionals.count else { throw CLIError.usage("missing \(name)") }
        return positionals[index]
    }

    /// An option parsed as an integer within bounds.
    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(CLIError) -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            throw CLIError.usage(
                "--\(name) expects a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// Parses `arguments` against a command's options.
    ///
    /// Accepts `--name value`, `--name=value`, flags, and `--` to end options.
    /// - Throws: ``CLIError`` (usage) for an unknown option, a missing value, a repeated
    ///   non-repeatable option or too many positionals; unknown options get a suggestion.
    static func parse(_ arguments: [String], options: [OptionSpec], positionals: [PositionalSpec])
        throws(CLIError) -> ParsedArguments
    {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let hint =
                    NameSuggestion.closest(to: name, among: options.map(\.name)).map { " (did you mean --\($0)?)" }
                    ?? ""
                throw CLIError.usage("unknown option --\(name)\(hint)")
            }
            if spec.valueName == nil {
                guard inline == nil else { throw CLIError.usage("--\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard index < arguments.count else {
                    throw CLIError.usage("--\(name) needs a value (\(spec.valueName!))")
                }
                value = arguments[index]
                index += 1
            }
            if !spec.repeatable, parsed.values[name] != nil {
                throw CLIError.usage("--\(name) is given twice")
            }
            parsed.values[name, default: []].append(value)
        }
        if parsed.positionals.count > positionals.count {
            let extra = parsed.positionals[positionals.count]
            throw CLIError.usage("unexpected argument '\(extra)'")
        }
        let required = positionals.filter { !$0.optional }
        if parsed.positionals.count < required.count {
            throw CLIError.usage("missing \(required[parsed.positionals.count].name)")
        }
        return parsed
    }
}
