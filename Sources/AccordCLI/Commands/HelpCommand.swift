extension CommandDefinition {
    static let help = CommandDefinition(
        name: "help",
        summary: "Show help for accord or one of its commands.",
        positionals: [PositionalSpec(name: "COMMAND", help: "a command, e.g. capture or 'lead show'", optional: true)],
        examples: ["accord help", "accord help import"]
    ) { arguments, console in
        let words = arguments.positionals.joined(separator: " ")
        if words.isEmpty {
            console.print(Dispatcher.overview)
        } else if let command = Dispatcher.commands.first(where: { $0.name == words }) {
            console.print(command.help)
        } else {
            throw CLIError.usage("no command '\(words)'; run `accord help` for the list")
        }
    }
}
