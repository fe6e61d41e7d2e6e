import Foundation
import LeadModel
import Scoring
import Testing

@testable import Accord

/// `JournalReports.accountSummary` reads the account directory the engine saved with its
/// snapshots, catches it up with later events and reads the account's leads one by one; it gives
/// the engine's answer for every way of naming an account, with or without events after the
/// snapshot.
struct AccountSummaryTests {
    /// An engine on `store` with scored leads on two accounts and an account-level deal, its
    /// snapshots saved.
    func snapshotted(_ store: InMemoryEventStore, clock: TestClock) async throws -> AlignmentEngine {
        let engine = try await makeEngine(
            store: store, clock: clock, playbook: .standard, scorer: RuleScorer(try #require(Playbook.standard.scoring))
        )
        for (email, company) in [
            ("ana@acme.com", "Acme"), ("bo@acme.com", "Acme"), ("cy@beta.io", "Beta Inc"), ("fay@acme.com", "Acme"),
        ] {
            try await engine.capture(Lead(id: "", email: email, company: company, source: "webinar"))
        }
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        try await engine.record(Signal(kind: .formSubmitted, occurredAt: clock.now, source: "web"), for: ana)
        // Erasing drops every snapshot, so it comes before the save.
        let fay = try #require(await engine.lookUp(Lead(id: "", email: "fay@acme.com")))
        try await engine.erase(fay, requestedBy: "fay", reference: "gdpr-1")
        try await engine.importOpportunities(
            try OpportunityImportReader(
                data: Data("opportunity_id,account,deal_stage,close_date\nD1,Delta Corp,Won,2026-01-05\n".utf8)
            ).rows(), by: .integration("crm"))
        #expect(try await engine.saveSnapshot())
        return engine
    }

    static let names = [
        "acme.com", "ACME.COM", "https://www.acme.com/about", "Acme", "beta.io", "Beta, Inc.", "name:delta-corp",
        "Delta Corp", "gamma.com", "Gamma", "nobody.org", "!!",
    ]

    func expectSameAnswers(_ engine: AlignmentEngine, _ store: InMemoryEventStore) async throws {
        let reports = JournalReports(playbook: .standard)
        for text in Self.names {
            let read = try await reports.accountSummary(text, on: store, snapshots: store)
            let expected = await engine.accountSummary(text)
            #expect(read?.account == expected?.account, "\(text)")
            #expect(read?.contacts == expected?.contacts, "\(text)")
            #expect(read?.score == expected?.score, "\(text)")
            #expect(read?.deals == expected?.deals, "\(text)")
        }
    }

    @Test func rightAfterTheSnapshotItIsTheEnginesAnswer() async throws {
        let store = InMemoryEventStore()
        let engine = try await snapshotted(store, clock: TestClock())
        try await expectSameAnswers(engine, store)
        let acme = try #require(
            try await JournalReports(playbook: .standard).accountSummary("acme.com", on: store, snapshots: store))
        #expect(acme.contacts.count == 2)
        #expect(acme.score != nil)
    }

    @Test func eventsAfterTheSnapshotAreCaughtUp() async throws {
        let store = InMemoryEventStore()
        let clock = TestClock()
        let engine = try await snapshotted(store, clock: clock)
        // After the snapshot: a new contact of a known account, a new account, a merge, an
        // account-level deal on a new account and another on a known one.
        let dee = try await engine.capture(Lead(id: "", email: "dee@acme.com", company: "Acme", source: "ads"))
        try await engine.capture(Lead(id: "", email: "eve@gamma.com", company: "Gamma", source: "ads"))
        let ana = try #require(await engine.lookUp(Lead(id: "", email: "ana@acme.com")))
        let bo = try #require(await engine.lookUp(Lead(id: "", email: "bo@acme.com")))
        try await engine.merge(bo, into: ana, by: .person("ops"))
        try await engine.importOpportunities(
            try OpportunityImportReader(
                data: Data(
                    "opportunity_id,account,deal_stage,close_date\nD2,Epsilon Ltd,Lost,2026-01-06\nD3,beta.io,Won,2026-01-07\n"
                        .utf8)
            ).rows(), by: .integration("crm"))
        try await expectSameAnswers(engine, store)
        let reports = JournalReports(playbook: .standard)
        let acme = try #require(try await reports.accountSummary("acme.com", on: store, snapshots: store))
        #expect(acme.contacts.map(\.id) == [ana, dee.leadID], "bo merged into ana, fay erased")
        #expect(try await reports.accountSummary("Epsilon Ltd", on: store, snapshots: store)?.deals.count == 1)
        #expect(try await reports.accountSummary("gamma.com", on: store, snapshots: store)?.account.name == "Gamma")
    }

    @Test func aJournalWithoutADirectorySnapshotSaysSo() async throws {
        let store = InMemoryEventStore()
        let engine = try await makeEngine(store: store, playbook: .standard)
        let ana = try await engine.capture(Lead(id: "", email: "ana@acme.com", company: "Acme"))
        await #expect(throws: AccountDirectoryMissing.self) {
            try await JournalReports(playbook: .standard).accountSummary("acme.com", on: store, snapshots: store)
        }
        // An erasure drops the snapshots, the directory with them.
        #expect(try await engine.saveSnapshot())
        try await engine.erase(ana.leadID, requestedBy: "ana")
        await #expect(throws: AccountDirectoryMissing.self) {
            try await JournalReports(playbook: .standard).accountSummary("acme.com", on: store, snapshots: store)
        }
    }
}

/// The account directory in the journal's binary layout: it comes back exactly, and bytes that
/// are not one are refused.
struct AccountDirectorySnapshotTests {
    static let directory = AccountDirectory(
        entries: [
            "acme.com": .init(
                account: Account(id: "acme.com", name: "Acme", domain: "acme.com", attributes: ["tier": .number(1)]),
                contacts: ["L0000001", "L0000002"]),
            "name:delta-corp": .init(account: Account(id: "name:delta-corp", name: "Delta Corp"), contacts: []),
        ],
        byName: ["acme": "acme.com", "delta-corp": "name:delta-corp"])

    @Test func aDirectoryComesBackExactly() throws {
        let bytes = AccountDirectorySnapshot.encode(Self.directory)
        #expect(try AccountDirectorySnapshot.decode(bytes) == Self.directory)
        #expect(AccountDirectorySnapshot.encode(try AccountDirectorySnapshot.decode(bytes)) == bytes)
    }

    @Test func everyCutAndAnythingElseIsRefused() throws {
        let bytes = AccountDirectorySnapshot.encode(Self.directory)
        for length in 0..<bytes.count {
            #expect(throws: EventCodecError.self) { try AccountDirectorySnapshot.decode(Array(bytes.prefix(length))) }
        }
        #expect(throws: EventCodecError.self) { try AccountDirectorySnapshot.decode(bytes + [0]) }
        #expect(throws: EventCodecError.self) { try AccountDirectorySnapshot.decode(Array("{}".utf8)) }
    }
}
