// Writes the fuzzers' seed corpora from a journal (`Tests/Fuzz/run.sh` uses a fresh `accord demo`
// journal): for the record decoder, up to 8 records of each payload kind; for the snapshot
// decoder, snapshots of one to three lead states folded from the first leads' events.
//
// Usage: seed-corpus JOURNAL_DIRECTORY CORPUS_DIRECTORY
// writes CORPUS_DIRECTORY/event-codec and CORPUS_DIRECTORY/snapshot.

import Foundation

@main
enum SeedCorpus {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: seed-corpus JOURNAL_DIRECTORY CORPUS_DIRECTORY\n".utf8))
            exit(2)
        }
        let store = try await FileEventStore(directory: URL(fileURLWithPath: arguments[1]))
        let root = URL(fileURLWithPath: arguments[2])
        let records = root.appendingPathComponent("event-codec")
        let snapshots = root.appendingPathComponent("snapshot")
        for directory in [records, snapshots] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var perKind: [String: Int] = [:]
        var byLead: [LeadID: [LeadEvent]] = [:]
        var written = 0
        for try await event in store.events(from: .start, pageSize: 4096) {
            if byLead.count < 40 || byLead[event.leadID] != nil { byLead[event.leadID, default: []].append(event) }
            let kind = String(String(describing: event.payload).prefix { $0 != "(" })
            guard perKind[kind, default: 0] < 8 else { continue }
            perKind[kind, default: 0] += 1
            var bytes: [UInt8] = []
            EventCodec.encode(event, into: &bytes)
            try Data(bytes).write(to: records.appendingPathComponent("seed-\(written)"))
            written += 1
        }
        let states = byLead.keys.sorted().compactMap { byLead[$0].flatMap(LeadState.fold) }
        for start in states.indices {
            let group = states[start..<Swift.min(start + 1 + start % 3, states.count)]
            try Data(LeadStateSnapshot.encode(group)).write(to: snapshots.appendingPathComponent("seed-\(start)"))
        }
        print("wrote \(written) records of \(perKind.count) payload kinds and \(states.count) snapshots")
    }
}
