// Writes the fuzzers' seed corpora from a journal (`Tests/Fuzz/run.sh` uses a fresh `accord demo`
// journal): for the record decoder, up to 8 records of each payload kind; for the snapshot
// decoder, snapshots of one to three lead states folded from the first leads' events; for the
// import fuzzers, CSV and JSON Lines files of the demo's people and signals, as leads and as
// signals (the first byte of each seed is the fuzzer's options byte, see ImportCSVFuzz.swift).
//
// Usage: seed-corpus JOURNAL_DIRECTORY CORPUS_DIRECTORY
// writes CORPUS_DIRECTORY/event-codec, snapshot, import-csv and import-jsonl.

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
        var people: [Lead] = []
        var signals: [(Lead, Signal)] = []
        for try await event in store.events(from: .start, pageSize: 4096) {
            switch event.payload {
            case .captured(let lead, _) where people.count < 60: people.append(lead)
            case .signalRecorded(let signal) where signals.count < 60:
                if let person = people.first(where: { $0.id == event.leadID }) { signals.append((person, signal)) }
            default: break
            }
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
        let imports = try writeImportSeeds(people: people, signals: signals, into: root)
        print(
            "wrote \(written) records of \(perKind.count) payload kinds, \(states.count) snapshots and \(imports) import files"
        )
    }

    /// Writes CSV and JSON Lines import files of one to four rows each; returns how many.
    static func writeImportSeeds(people: [Lead], signals: [(Lead, Signal)], into root: URL) throws -> Int {
        let csv = root.appendingPathComponent("import-csv")
        let jsonl = root.appendingPathComponent("import-jsonl")
        for directory in [csv, jsonl] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        func quoted(_ text: String?) -> String {
            "\"" + (text ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        func json(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        func date(_ date: Date) -> String { date.formatted(.iso8601) }
        var count = 0
        func write(_ text: String, options: UInt8, to directory: URL) throws {
            try (Data([options]) + Data(text.utf8)).write(to: directory.appendingPathComponent("seed-\(count)"))
            count += 1
        }
        for start in stride(from: 0, to: people.count, by: 4) {
            let group = people[start..<min(start + 1 + start % 4, people.count)]
            var text = "email,First Name,Last Name,Company,phone,Source,Campaign,Employees\r\n"
            var lines: [String] = []
            for lead in group {
                let employees = lead.attributes["employees"].map { String(describing: $0) }
                text +=
                    [
                        lead.email, lead.firstName, lead.lastName, lead.company, lead.phone, lead.source, lead.campaign,
                        employees,
                    ]
                    .map(quoted).joined(separator: ",") + "\r\n"
                var object: [String: Any] = ["email": lead.email ?? "", "company": lead.company ?? ""]
                if let phone = lead.phone { object["phone"] = phone }
                object["externalIDs"] = lead.externalIDs.map { ["system": $0.system, "value": $0.value] }
                lines.append(try json(object))
            }
            try write(text, options: UInt8(start % 4), to: csv)
            try write(lines.joined(separator: "\n") + "\n", options: 0, to: jsonl)
        }
        for start in stride(from: 0, to: signals.count, by: 3) {
            let group = signals[start..<min(start + 1 + start % 3, signals.count)]
            var text = "email,kind,occurredAt,source,event_id,Page\n"
            var lines: [String] = []
            for (person, signal) in group {
                text +=
                    [
                        person.email, signal.kind.rawValue, date(signal.occurredAt), signal.source,
                        signal.idempotencyKey, "/pricing",
                    ]
                    .map(quoted).joined(separator: ",") + "\n"
                var object: [String: Any] = [
                    "email": person.email ?? "", "kind": signal.kind.rawValue, "occurredAt": date(signal.occurredAt),
                    "properties": ["page": "/pricing", "seconds": 42],
                ]
                if let key = signal.idempotencyKey { object["idempotencyKey"] = key }
                lines.append(try json(object))
            }
            try write(text, options: 4, to: csv)
            try write(lines.joined(separator: "\n"), options: 1, to: jsonl)
        }
        return count
    }
}
