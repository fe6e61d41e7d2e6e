// Writes the fuzzers' seed corpora from a journal (`Tests/Fuzz/run.sh` uses a fresh `accord demo`
// journal): for the record decoder, up to 8 records of each payload kind; for the snapshot
// decoder, snapshots of one to three lead states folded from the first leads' events; for both,
// account-match-decided records and states, which the demo journal lacks; for the import
// fuzzers, CSV and JSON Lines files of the demo's people and signals, as leads and as signals
// (the first byte of each seed is the fuzzer's options byte, see ImportCSVFuzz.swift).
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
        let accountSeeds = try writeAccountMatchSeeds(records: records, snapshots: snapshots)
        let imports = try writeImportSeeds(people: people, signals: signals, into: root)
        print(
            "wrote \(written) records of \(perKind.count) payload kinds, \(states.count) snapshots, "
                + "\(accountSeeds) account-match seeds and \(imports) import files"
        )
    }

    /// Writes account-match-decided records and a snapshot of states holding an account review
    /// and verdicts: the demo's playbook has no `accountMatching` section, so its journal has
    /// neither. Returns how many files.
    static func writeAccountMatchSeeds(records: URL, snapshots: URL) throws -> Int {
        let at = Date(timeIntervalSinceReferenceDate: 800_000_000)
        func candidate(_ account: AccountID, parent: AccountID? = nil, createdAt: Date? = nil) -> AccountCandidate {
            AccountCandidate(
                account: account, name: "Acme \(account.rawValue)", parent: parent, confidence: 0.5,
                evidence: [
                    MatchEvidence(kind: .emailDomain, weight: 9, detail: "email domain acme.com"),
                    MatchEvidence(kind: .name, weight: 5.5, detail: "name 'Acme' ≈ 'ACME' (0.97)"),
                    MatchEvidence(kind: .country, weight: -4, detail: "AT ≠ DE"),
                ],
                standing: AccountStanding(contactCount: 3, hasOpenOpportunity: createdAt != nil, createdAt: createdAt))
        }
        let review = AccountMatchDecision(
            verdict: .review, account: nil, assigned: "acme.de",
            candidates: [candidate("acme.de", parent: "acme.com", createdAt: at), candidate("acme.at")],
            summary: "two candidates within 0.1")
        let decisions = [
            review,
            AccountMatchDecision(
                verdict: .rejected, account: "acme.de", assigned: "acme.at", candidates: [review.candidates[0]],
                summary: "reviewer: a different company"),
            AccountMatchDecision(
                verdict: .accepted, account: "acme.at", assigned: "acme.at", candidates: [review.candidates[1]],
                summary: "reviewer: confirmed"),
            AccountMatchDecision(
                verdict: .matched, account: "acme.com", assigned: "acme.com", candidates: [candidate("acme.com")],
                summary: "sure"),
        ]
        var count = 0
        var states: [LeadState] = []
        for (index, decision) in decisions.enumerated() {
            let lead = LeadID(rawValue: "account-seed-\(index)")
            var bytes: [UInt8] = []
            let event = LeadEvent(leadID: lead, occurredAt: at, actor: .system, payload: .accountMatchDecided(decision))
            EventCodec.encode(event, into: &bytes)
            try Data(bytes).write(to: records.appendingPathComponent("seed-account-\(index)"))
            count += 1
            // The lead's stream up to this decision: captured, then the decisions so far.
            let captured = LeadEvent(
                leadID: lead, occurredAt: at, actor: .system, payload: .captured(Lead(id: lead), stage: .lead))
            let events =
                [captured]
                + decisions[...index].map {
                    LeadEvent(leadID: lead, occurredAt: at, actor: .person("r"), payload: .accountMatchDecided($0))
                }
            if let state = LeadState.fold(events) { states.append(state) }
        }
        try Data(LeadStateSnapshot.encode(states)).write(to: snapshots.appendingPathComponent("seed-account"))
        return count + 1
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
