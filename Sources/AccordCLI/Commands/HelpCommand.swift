extension CommandDefinition {
    static let help = CommandDefinition(
        name: "help",
        summary: "Show help for accord or one of its commands.",
        positionals: [
            PositionalSpec(name: "COMMAND", help: "a command, e.g. capture or lead show", optional: true),
            PositionalSpec(name: "SUBCOMMAND", help: "the second word of a two-word command", optional: true),
        ],
        examples: ["accord help", "accord help import", "accord help lead show"]
    ) { arguments, console in
        let words = arguments.positionals.joined(separator: " ")
        if words.isEmpty {
            console.print(Dispatcher.overview)
        } else if let command = Dispatcher.commands.first(where: { $0.name == words }) {
            console.print(command.help)
        } else {
            let group = Dispatcher.commands.filter { $0.name.hasPrefix(words + " ") }.map { "accord help \($0.name)" }
            guard group.isEmpty else {
                throw CLIError(status: .usage, message: "'\(words)' is a group of commands", details: group)
            }
            throw CLIError.usage("no command '\(words)'; run `accord help` for the list")
        }
    }
}
