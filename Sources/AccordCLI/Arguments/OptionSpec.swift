/// An option a command accepts: `--name VALUE`, or a flag `--name`.
struct OptionSpec: Sendable {
    var name: String
    /// The name of the value shown in help (`EMAIL`); `nil` for a flag that takes no value.
    var valueName: String?
    var help: String
    var repeatable = false

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    static func value(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, repeatable: repeatable)
    }

    var usage: String { "--\(name)" + (valueName.map { " \($0)" } ?? "") }
}

/// A positional argument of a command.
struct PositionalSpec: Sendable {
    var name: String
    var help: String
    var optional = false
}
