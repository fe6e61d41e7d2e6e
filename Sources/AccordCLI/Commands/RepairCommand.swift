import Accord
import Foundation
import Journal
import LeadModel

extension CommandDefinition {
    static let repair = CommandDefinition(
        name: "repair",
        summary: "Cut a damaged journal after its last good record, keeping the removed bytes.",
        discussion: """
            Without --cut-after, checks the journal as `accord verify` does and, when it is damaged, \
            says which position every record through is sound and the command that would cut there; \
            nothing is changed. With --cut-after POSITION, the records after POSITION are removed from \
            the journal: the rest of its segment and every later segment are moved, byte for byte, \
            into a side folder (DIR/removed-after-POSITION-TIME, or --keep-removed), and the index \
            checkpoint and snapshots are dropped. Restoring the damaged segment from a backup is \
            better when there is one. Takes the data directory's lock.
            """,
        options: [
            .value("cut-after", "POSITION", "the last record to keep (it must end an append call)"),
            .value("keep-removed", "DIR", "the new folder the removed bytes are moved to"),
        ],
        examples: ["accord repair", "accord repair --cut-after 79412"]
    ) { arguments, console in
        let directory = console.dataDirectory
        guard FileManager.default.fileExists(atPath: directory.journalURL.path) else {
            throw CLIError(status: .notFound, message: "no journal at \(directory.journalURL.path)")
        }
        guard let text = arguments.value("cut-after") else {
            let report = FileEventStore.verify(directory: directory.journalURL)
            let advice = RepairAdvice(report)
            if console.json { try console.printJSON(advice) } else { console.print(advice.text) }
            if let problem = report.problem {
                throw Dispatcher.journalError(problem, context: "the journal is damaged and was not changed: ")
            }
            return
        }
        guard let position = UInt64(text) else {
            throw CLIError.usage("--cut-after expects a journal position (a whole number), got '\(text)'")
        }
        let side =
            arguments.value("keep-removed").map { URL(fileURLWithPath: $0) }
            ?? directory.root.appendingPathComponent(
                "removed-after-\(position)-\(Int(Date().timeIntervalSince1970))")
        let moved = try FileEventStore.cut(
            directory: directory.journalURL, after: JournalPosition(position), sideFolder: side)
        let bytes = moved.reduce(0) { $0 + $1.bytes }
        if console.json {
            try console.printJSON(
                RepairOutput(
                    cutAfter: position, removedTo: side.path,
                    files: moved.map { RepairOutput.File(file: $0.file, bytes: $0.bytes) }))
        } else {
            console.print("cut the journal after position \(position): \(bytes) bytes moved to \(side.path)")
            for file in moved { console.print("  \(file.file)  \(file.bytes) bytes") }
        }
    }
}

/// What `accord repair` without `--cut-after` prints.
struct RepairAdvice: Encodable {
    var sound: Bool
    var lastGoodPosition: UInt64
    var command: String?

    init(_ report: FileEventStore.VerificationReport) {
        sound = report.isSound
        lastGoodPosition = report.lastGoodPosition.rawValue
        command = sound ? nil : "accord repair --cut-after \(lastGoodPosition)"
    }

    var text: String {
        guard let command else { return "the journal is sound; nothing to repair" }
        return """
            every record through position \(lastGoodPosition) is sound. Restore the damaged file from a \
            backup if you can; otherwise, to drop everything after it (the bytes are kept in a side folder):
              \(command)
            """
    }
}

/// What `accord repair --cut-after` prints.
struct RepairOutput: Encodable {
    struct File: Encodable {
        var file: String
        var bytes: UInt64
    }

    var cutAfter: UInt64
    var removedTo: String
    var files: [File]
}
