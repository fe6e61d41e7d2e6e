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

    /// An option naming one case of an enumeration, or `nil` when the option is absent.
    ///
    /// - Parameters:
    ///   - name: The option's name, without `--`.
    ///   - type: The enumeration; its cases' raw values are the allowed words.
    /// - Returns: The case named, or `nil` when the option was not given.
    /// - Throws: ``CLIError`` (usage) listing the allowed values when the word is not one of them.
    func choice<Value: RawRepresentable<String> & CaseIterable>(_ name: String, as type: Value.Type = Value.self)
        throws(CLIError) -> Value?
    {
        try value(name).map { text throws(CLIError) in try Self.choice(text, naming: "--\(name)", as: type) }
    }

    /// Reads `text` as one case of an enumeration, for an option or a positional argument.
    ///
    /// - Parameters:
    ///   - text: The word given.
    ///   - label: What the word was given for, as the user wrote it (`--kind`, `VERDICT`).
    ///   - type: The enumeration.
    /// - Returns: The case whose raw value is `text`.
    /// - Throws: ``CLIError`` (usage) listing the allowed values.
    static func choice<Value: RawRepresentable<String> & CaseIterable>(
        _ text: String, naming label: String, as type: Value.Type = Value.self
    ) throws(CLIError) -> Value {
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw CLIError.usage("\(label) expects one of \(allowed), got '\(text)'")
        }
        return value
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
    /// Accepts `--name value`, `--name=value`, flags, and `--` to end options. A value never
    /// begins with `--` when given as the next word (that word is an option, or `--`); such a
    /// value is written `--name=--value`.
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
                // The next word is another option, not this one's value: `--email --lead L1` is a
                // forgotten value, never the email "--lead".
                let next = arguments[index]
                guard !next.hasPrefix("--") else {
                    throw CLIError.usage(
                        "--\(name) needs a value (\(spec.valueName!)), found the option \(next) instead; "
                            + "a value that begins with '--' is written --\(name)=VALUE")
                }
                value = next
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
