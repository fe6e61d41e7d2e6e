import Accord
import Feedback
import Foundation
import LeadModel
import SLA

/// Finds the command named by the arguments, parses its options, runs it and maps every error
/// to a message and a documented exit status.
enum Dispatcher {
    static let commands: [CommandDefinition] = [
        .initialize, .validate, .capture, .signal, .importFile, .leadShow, .leadList, .leadTimeline, .leadExplain,
        .leadStage, .accountShow, .accountReview, .accountAccept, .accountReject, .erase, .touch, .feedback,
        .feedbackReport, .feedbackDispute, .feedbackArbitrate,
        .feedbackCalibrate,
        .feedbackExportTraining, .backlogAdd, .backlogList, .backlogUpdate, .assign, .reps, .repsLeave, .routeExplain,
        .sla, .slaHealth, .slaPause, .slaResume,
        .rescore,
        .scoreExplain, .modelTrain, .modelEvaluate, .playbookStatus, .playbookDiff, .playbookPropose, .playbookSign,
        .playbookActivate, .simulate, .report, .opportunityOpen, .opportunityUpdate, .opportunityClose, .demo, .help,
        .verify,
        .repair,
    ]

    static var overview: String {
        var lines = [
            "accord — marketing and sales alignment as running software",
            "",
            "USAGE: accord <command> [options]      (accord help <command> for details)",
            "",
            "COMMANDS:",
        ]
        let commandRows = commands.map { [$0.name, $0.summary] }
        let optionRows = CommandDefinition.commonOptions.map { [$0.usage, $0.help] }
        let laidOut = TextColumns.lines(commandRows + optionRows)
        lines += laidOut.prefix(commandRows.count)
        lines += ["", "COMMON OPTIONS:"]
        lines += laidOut.suffix(optionRows.count)
        lines += ["", "EXIT STATUS:"]
        for status in ExitStatus.allCases {
            lines.append("  \(status.rawValue)  \(status.meaning)")
        }
        lines += ["", "Start with: accord demo"]
        return lines.joined(separator: "\n")
    }

    /// Runs the command line and returns the exit status.
    static func main(_ arguments: [String]) async -> ExitStatus {
        DataDirectory.makeCreatedFilesPrivate()
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
            var directory = DataDirectory.resolve(parsed.value("data"))
            (directory.command, directory.json) = (command.name, parsed.has("json"))
            directory.lockWait = try DataDirectory.lockWait(parsed.value("wait"))
            let console = Console(json: parsed.has("json"), dataDirectory: directory)
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
            case .unknownLead, .unknownAccount: status = .notFound
            case .invalidValue: status = .usage
            default: status = .refused
            }
            return CLIError(status: status, message: error.description)
        case let error as ImportError:
            return CLIError(status: .usage, message: error.description)
        case let error as FeedbackError:
            return CLIError(status: .refused, message: error.description)
        case let error as SLAPolicyError:
            return CLIError(status: .refused, message: error.description)
        case let error as GovernanceError:
            return CLIError(status: .refused, message: error.message, details: error.missing)
        case let error as BacklogError:
            return CLIError(status: error.code == .storage ? .failure : .usage, message: error.description)
        case let error as EventStoreError:
            return journalError(error)
        default:
            return FileSystemErrorText.cliError(for: error) ?? CLIError(status: .failure, message: "\(error)")
        }
    }

    /// A journal error with its file, offset, position and lengths as fields and detail lines.
    ///
    /// - Parameters:
    ///   - error: the store's error.
    ///   - context: words put before its message (`the journal is damaged: `).
    /// - Returns: the error to report: exit status 4 for a locked directory, else 1.
    static func journalError(_ error: EventStoreError, context: String = "") -> CLIError {
        var fields: [String: CLIError.Field] = ["code": .text(error.code.description)]
        var details: [String] = []
        let facts: [(String, String, CLIError.Field?)] = [
            ("lead", "lead", error.leadID.map { .text($0.rawValue) }),
            ("file", "file", error.path.map { .text($0) }),
            ("offset", "offset", error.offset.map { .number($0) }),
            ("position", "position", error.position.map { .number($0.rawValue) }),
            ("expectedLength", "expected length", error.expectedLength.map { .number($0) }),
            ("foundLength", "found length", error.foundLength.map { .number($0) }),
        ]
        for (key, label, value) in facts {
            guard let value else { continue }
            fields[key] = value
            switch value {
            case .text(let text): details.append("\(label): \(text)")
            case .number(let number): details.append("\(label): \(number)\(key.hasSuffix("Length") ? " bytes" : "")")
            }
        }
        if [.missingRecords, .corruptRecord].contains(error.code) {
            details.append("check the whole journal with: accord verify (see Documentation/Operating.md)")
        }
        return CLIError(
            status: error.code == .directoryLocked ? .locked : .failure, message: context + error.message,
            details: details,
            fields: fields)
    }

    static func report(_ error: CLIError, json: Bool) -> ExitStatus {
        if json {
            var payload: [String: Any] = [
                "error": error.message, "details": error.details, "status": Int(error.status.rawValue),
            ]
            for (key, value) in error.fields { payload[key] = value.json }
            if let data = try? JSONSerialization.data(
                withJSONObject: payload, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            {
                FileHandle.standardError.write(data + Data("\n".utf8))
            }
        } else {
            FileHandle.standardError.write(
                Data(("error: \(error.message)\n" + error.details.map { "  \($0)\n" }.joined()).utf8))
        }
        return error.status
    }
}
