import Accord
import Foundation
import Journal
import LeadModel

extension CommandDefinition {
    static let verify = CommandDefinition(
        name: "verify",
        summary: "Check every record of the journal: checksums, continuity, the index checkpoint.",
        discussion: """
            Reads every segment record by record — each checksum, each position in sequence, no \
            segment missing — and checks every segment the index checkpoint names against its \
            length on disk. Nothing is changed and no lock is taken, so it runs while another \
            process writes (it then checks the journal as it was when it looked). Exits 1 on any \
            problem, naming the file, offset and position; `accord repair` says what can be done.
            """,
        examples: ["accord verify", "accord verify --json"]
    ) { _, console in
        let directory = console.dataDirectory
        guard FileManager.default.fileExists(atPath: directory.journalURL.path) else {
            throw CLIError(
                status: .notFound, message: "no journal at \(directory.journalURL.path)",
                details: ["run `accord init` to create one, or pass --data DIR (or set ACCORD_DATA)"])
        }
        let report = FileEventStore.verify(directory: directory.journalURL)
        let output = VerifyOutput(report, journal: directory.journalURL)
        if console.json {
            try console.printJSON(output)
        } else {
            for line in output.lines { console.print(line) }
        }
        if let problem = report.problem {
            throw Dispatcher.journalError(problem, context: "the journal is damaged: ")
        }
    }
}

/// What `accord verify` prints.
struct VerifyOutput: Encodable {
    struct Segment: Encodable {
        var file: String
        var firstPosition: UInt64
        var length: UInt64
    }

    struct Checkpoint: Encodable {
        var present: Bool
        var valid: Bool
        var position: UInt64?
    }

    struct Tail: Encodable {
        var file: String
        var offset: UInt64
        var bytes: UInt64
        var position: UInt64?
        var reason: String
    }

    struct Problem: Encodable {
        var code: String
        var message: String
        var file: String?
        var offset: UInt64?
        var position: UInt64?
        var expectedLength: UInt64?
        var foundLength: UInt64?
    }

    var sound: Bool
    var journal: String
    var events: UInt64
    var lastGoodPosition: UInt64
    var segments: [Segment]
    var checkpoint: Checkpoint
    var unfinishedTail: Tail?
    var problem: Problem?

    init(_ report: FileEventStore.VerificationReport, journal: URL) {
        sound = report.isSound
        self.journal = journal.path
        events = report.eventCount
        lastGoodPosition = report.lastGoodPosition.rawValue
        segments = report.segments.map {
            Segment(file: $0.file, firstPosition: $0.firstPosition.rawValue, length: $0.length)
        }
        checkpoint = Checkpoint(
            present: report.checkpointPresent, valid: report.checkpointValid,
            position: report.checkpointPosition?.rawValue)
        unfinishedTail = report.unfinishedTail.map {
            Tail(
                file: $0.segment, offset: $0.offset, bytes: $0.bytesCut, position: $0.position?.rawValue,
                reason: $0.reason)
        }
        problem = report.problem.map {
            Problem(
                code: $0.code.description, message: $0.message, file: $0.path, offset: $0.offset,
                position: $0.position?.rawValue, expectedLength: $0.expectedLength, foundLength: $0.foundLength)
        }
    }

    var lines: [String] {
        var lines = ["journal \(journal)"]
        if sound {
            lines.append("sound: \(events) events in \(segments.count) segment\(segments.count == 1 ? "" : "s")")
        } else {
            lines.append("damaged: every record through position \(lastGoodPosition) is sound")
        }
        switch (checkpoint.present, checkpoint.valid) {
        case (false, _): lines.append("index checkpoint: none (the next open scans the journal)")
        case (true, true): lines.append("index checkpoint: valid, covers positions 1–\(checkpoint.position ?? 0)")
        case (true, false): lines.append("index checkpoint: ignored (damaged or stale; the next open scans)")
        }
        if let tail = unfinishedTail {
            lines.append(
                "unfinished append at the end of \(tail.file): \(tail.bytes) bytes from offset \(tail.offset) "
                    + "(being written now, or a torn tail the next writing command cuts)")
        }
        return lines
    }
}
