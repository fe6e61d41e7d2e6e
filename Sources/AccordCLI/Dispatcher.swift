import Accord
import Feedback
import Foundation
import LeadModel

/// Finds the command named by the arguments, parses its options, runs it and maps every error
/// to a message and a documented exit status.
enum Dispatcher {
    static let commands: [CommandDefinition] = [
        .initialize, .validate, .capture, .signal, .importFile, .leadShow, .leadTimeline, .leadExplain, .leadStage,
        .accountShow, .erase, .touch, .feedback, .feedbackReport, .feedbackDispute, .feedbackArbitrate,
        .feedbackCalibrate,
        .feedbackExportTraining, .backlogAdd, .backlogList, .backlogUpdate, .assign, .reps, .repsLeave, .routeExplain,
        .sla, .slaHealth, .slaPause, .slaResume,
        .rescore,
        .scoreExplain, .modelTrain, .modelEvaluate, .playbookStatus, .playbookDiff, .playbookPropose, .playbookSign,
        .playbookActivate, .simulate, .report, .opportunityOpen, .opportunityUpdate, .opportunityClose, .demo, .help,
    ]

    static var overview: String {
        var lines = [
            "accord — marketing and sales alignment as running software",
            "",
            "USAGE: accord <command> [options]      (accord help <command> for details)",
            "",
            "COMMANDS:",
        ]
        for command in commands {
            lines.append("  " + command.name.padding(toLength: 16, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += ["", "COMMON OPTIONS:"]
        for option in CommandDefinition.commonOptions {
            lines.append("  " + option.usage.padding(toLength: 16, withPad: " ", startingAt: 0) + option.help)
        }
        lines += ["", "EXIT STATUS:"]
        for status in ExitStatus.allCases {
            lines.append("  \(status.rawValue)  \(status.meaning)")
        }
        lines += ["", "Start with: accord demo"]
        return lines.joined(separator: "\n")
    }

    /// Runs the command line and returns the exit status.
    static func main(_ arguments: [String]) async -> ExitStatus {
        let wantsJSON = arguments.contains("--json")
        guard let first = arguments.first, first != "--help", first != "-h" else {
            print(overview)
            return arguments.isEmpty ? .usage : .success
        }
        if first == "--version" {
            print("accord \(AccordVersion.current)")
            return .success
        }
        let command =
            commands.first { arguments.count >= 2 && $0.name == "\(arguments[0]) \(arguments[1])" }
            ?? commands.first { $0.name == first }
        guard let command else {
            let group = commands.filter { $0.name.hasPrefix(first + " ") }
            if !group.isEmpty {
                let names = group.map { "accord \($0.name)" }.joined(separator: ", ")
                return report(CLIError.usage("'\(first)' needs a subcommand: \(names)"), json: wantsJSON)
            }
            let hint =
                NameSuggestion.closest(to: first, among: commands.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            return report(CLIError.usage("unknown command '\(first)'\(hint); run `accord help`"), json: wantsJSON)
        }
        let rest = Array(arguments.dropFirst(command.name.split(separator: " ").count))
        // Help before anything else: `accord signal --help` must not fail for a missing KIND.
        let options = rest.prefix { $0 != "--" }
        if options.contains("--help") || options.contains("-h") {
            print(command.help)
            return .success
        }
        do {
            let parsed = try ParsedArguments.parse(rest, options: command.allOptions, positionals: command.positionals)
            if parsed.has("help") {
                print(command.help)
                return .success
            }
            let console = Console(json: parsed.has("json"), dataDirectory: .resolve(parsed.value("data")))
            try await command.run(parsed, console)
            return .success
        } catch let error as CLIError where error.status == .usage && !error.message.hasPrefix("no Accord") {
            var error = error
            if error.details.isEmpty { error.details = ["see: accord help \(command.name)"] }
            return report(error, json: wantsJSON)
        } catch {
            return report(classify(error), json: wantsJSON)
        }
    }

    /// Maps library errors to CLI errors with the documented exit statuses.
    static func classify(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError:
            return error
        case let error as PlaybookError:
            return CLIError(
                status: .usage,
                message:
                    "the playbook is not valid (\(error.issues.count) problem\(error.issues.count == 1 ? "" : "s"))",
                details: error.issues.map { "\(error.file ?? "playbook") \($0)" })
        case let error as LeadModelError:
            let status: ExitStatus
            switch error.code {
            case .unknownLead: status = .notFound
            case .invalidValue: status = .usage
            default: status = .refused
            }
            return CLIError(status: status, message: error.description)
        case let error as ImportError:
            return CLIError(status: .usage, message: error.description)
        case let error as FeedbackError:
            return CLIError(status: .refused, message: error.description)
        case let error as GovernanceError:
            return CLIError(status: .refused, message: error.message, details: error.missing)
        case let error as BacklogError:
            return CLIError(status: error.code == .storage ? .failure : .usage, message: error.description)
        case let error as EventStoreError:
            return CLIError(status: error.code == .directoryLocked ? .locked : .failure, message: error.description)
        default:
            return FileSystemErrorText.cliError(for: error) ?? CLIError(status: .failure, message: "\(error)")
        }
    }

    static func report(_ error: CLIError, json: Bool) -> ExitStatus {
        if json {
            let payload: [String: Any] = [
                "error": error.message, "details": error.details, "status": Int(error.status.rawValue),
            ]
            if let data = try? JSONSerialization.data(withJSONObject: payload, options: [.prettyPrinted, .sortedKeys]) {
                FileHandle.standardError.write(data + Data("\n".utf8))
            }
        } else {
            FileHandle.standardError.write(
                Data(("error: \(error.message)\n" + error.details.map { "  \($0)\n" }.joined()).utf8))
        }
        return error.status
    }
}
