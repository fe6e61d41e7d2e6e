// The child process of the file store's crash test: it appends to a FileEventStore as fast as
// it can and prints every acknowledged event, until the test kills it with SIGKILL.
//
// Usage: AccordCrashWriter <data-directory> <round> [segment-size] [erase]
//
// With `erase`, one task keeps capturing leads with an email and erasing them while the others
// append, so kills land in the middle of segment rewrites.
//
// Output, one line per write(2) so a kill never leaves half a line that looks whole:
//   OPEN <event-count> <recovery-notice or ->
//   ACK <position> <idempotency-key>     (one line per event of an acknowledged call)
//   ERASED <lead-id> <email>             (the erasure of that lead returned)
//   ERROR <message>                      (then exit status 1)

import Foundation
import Journal
import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole lines to standard output with one `write(2)` each.
func emit(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.append(UInt8(ascii: "\n"))
    bytes.withUnsafeBytes { raw in
        var done = 0
        while done < raw.count {
            let result = write(1, raw.baseAddress! + done, raw.count - done)
            if result < 0 {
                if errno == EINTR { continue }
                exit(2)
            }
            done += result
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let round = Int(arguments[2]) else {
    emit("ERROR usage: AccordCrashWriter <data-directory> <round> [segment-size]")
    exit(1)
}
let directory = URL(fileURLWithPath: arguments[1], isDirectory: true)
let segmentSize = arguments.count > 3 ? Int(arguments[3]) ?? 256 * 1024 : 256 * 1024
let writers = 4
let erasing = arguments.count > 4 && arguments[4] == "erase"

do {
    let store = try await FileEventStore(
        directory: directory,
        configuration: FileEventStore.Configuration(
            durability: .groupCommit(maxLatency: .milliseconds(1)), segmentSize: segmentSize,
            indexCheckpointInterval: 500))
    let count = try await store.read(from: .start, limit: Int.max).count
    emit("OPEN \(count) \(store.recovery.map { "\($0)" } ?? "-")")
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                var generator = SystemRandomNumberGenerator()
                var batch = 0
                while true {
                    let size = Int.random(in: 1...4, using: &generator)
                    let lead = LeadID("lead-\(round)-\(writer)-\(batch % 7)")
                    let note = String(
                        repeating: "x", count: Int.random(in: 0...1500, using: &generator))
                    let events = (1...size).map { index in
                        LeadEvent(
                            leadID: lead, occurredAt: Date(), actor: .person("crash-writer"),
                            payload: .touched(
                                Touch(channel: .call, by: "rep-\(writer)", note: note)),
                            idempotencyKey: "r\(round)-w\(writer)-b\(batch)-e\(index)of\(size)")
                    }
                    let result = try await store.append(events, to: lead)
                    emit(
                        zip(result.positions, events).map { position, event in
                            "ACK \(position) \(event.idempotencyKey ?? "")"
                        }.joined(separator: "\n"))
                    batch += 1
                }
            }
        }
        if erasing {
            group.addTask {
                var number = 0
                while true {
                    let lead = LeadID("erase-\(round)-\(number)")
                    let email = "person-\(round)-\(number)@erase.example"
                    let captured = LeadEvent(
                        leadID: lead, occurredAt: Date(), actor: .integration("crash-writer"),
                        payload: .captured(Lead(id: lead, email: email, company: "Acme"), stage: .lead),
                        idempotencyKey: "form-\(email)")
                    try await store.append([captured], to: lead)
                    _ = try await store.erase(
                        lead: lead,
                        recording: LeadEvent(
                            leadID: lead, occurredAt: Date(), actor: .person("dpo"),
                            payload: .erased(Erasure(requestedBy: "dpo"))))
                    emit("ERASED \(lead) \(email)")
                    number += 1
                }
            }
        }
        try await group.waitForAll()
    }
} catch {
    emit("ERROR \(error)")
    exit(1)
}
