import Accord
import Foundation
import LeadModel
import Testing

struct CaptureTests {
    @Test func newPersonBecomesANewLeadWithAMintedIDAndAccount() async throws {
        let engine = try await makeEngine()
        let result = try await engine.capture(Lead(id: "", email: "Ana@Acme.com", source: "webinar"))
        guard case .created(let id) = result.outcome else {
            Issue.record("expected a new lead, got \(result.outcome)")
            return
        }
        #expect(id == "L0000001")
        #expect(result.state.stage == .lead)
        #expect(result.state.lead.accountID == "acme.com")
    }

    @Test func samePersonTwiceIsOneLeadWithBothSourcesRecorded() async throws {
        let engine = try await makeEngine()
        let first = try await engine.capture(Lead(id: "", email: "ana@acme.com", source: "webinar"))
        let second = try await engine.capture(
            Lead(id: "", email: "  ANA@acme.com ", phone: "+14155550100", source: "outbound"))
        #expect(second.outcome == .matched(first.leadID))
        #expect(second.state.lead.phone == "+14155550100")
        #expect(second.state.lead.source == "webinar")
        #expect(await engine.leadCount == 1)
        let timeline = try await engine.timeline(of: first.leadID)
        #expect(timeline.map(\.payload.kind) == ["captured", "captured"])
    }

    @Test func identicalRecordAgainAddsNothing() async throws {
        let engine = try await makeEngine()
        let lead = Lead(id: "", email: "ana@acme.com", source: "webinar")
        let first = try await engine.capture(lead)
        let again = try await engine.capture(lead)
        #expect(again.state.version == first.state.version)
    }

    @Test func recordLinkingTwoLeadsMergesThemKeepingBothHistories() async throws {
        let engine = try await makeEngine()
        let crm = ExternalID(system: "outreach", value: "77")
        let formLead = try await engine.capture(Lead(id: "", email: "ana@acme.com", source: "webinar"))
        let outbound = try await engine.capture(Lead(id: "", source: "outbound", externalIDs: [crm]))
        try await engine.record(
            Signal(kind: .replied, occurredAt: Date(timeIntervalSince1970: 1_790_000_100)),
            for: outbound.leadID)
        let linking = try await engine.capture(Lead(id: "", email: "ana@acme.com", externalIDs: [crm]))
        #expect(linking.outcome == .merged(formLead.leadID, absorbed: [outbound.leadID]))
        #expect(linking.state.absorbed == [outbound.leadID])
        #expect(linking.state.signals.map(\.kind) == [.replied])
        let absorbed = try #require(await engine.state(of: outbound.leadID))
        #expect(absorbed.mergedInto == formLead.leadID)
        let timeline = try await engine.timeline(of: formLead.leadID)
        #expect(timeline.contains { $0.leadID == outbound.leadID && $0.payload.kind == "signal-recorded" })
        let forwarded = try await engine.record(Signal(kind: .emailOpened, occurredAt: .now), for: outbound.leadID)
        #expect(forwarded.leadID == formLead.leadID)
        await #expect(throws: LeadModelError.self) {
            try await engine.changeStage(of: outbound.leadID, to: .mql, by: .system)
        }
    }

    @Test func roomReservedForAnImportChangesNothingItRecords() async throws {
        let crm = ExternalID(system: "outreach", value: "77")
        let rows: [IngestItem] = [
            .lead(Lead(id: "", email: "ana@acme.com", source: "webinar")),
            .lead(Lead(id: "", source: "outbound", externalIDs: [crm])),
            .lead(Lead(id: "", email: "ANA@acme.com ", phone: "+14155550100")),
            .lead(Lead(id: "", email: "ana@acme.com", externalIDs: [crm])),
            .signal(
                Signal(kind: .replied, occurredAt: Date(timeIntervalSince1970: 1_790_000_100)),
                person: Lead(id: "", email: "bo@globex.com")),
        ]
        let clock = TestClock()
        let plain = try await makeEngine(clock: clock)
        let reserved = try await makeEngine(clock: clock)
        await reserved.reserveCapacity(forLeads: 10_000)
        let plainSummary = try await plain.ingest(rows, from: "leads.csv")
        let reservedSummary = try await reserved.ingest(rows, from: "leads.csv")
        #expect(reservedSummary == plainSummary)
        #expect(reservedSummary.created == 3 && reservedSummary.merged == 1)
        #expect(await reserved.activeLeads() == plain.activeLeads())
        for id in ["L0000001", "L0000002", "L0000003"] as [LeadID] {
            let expected = try await plain.timeline(of: id).map { ($0.leadID, $0.payload) }
            let timeline = try await reserved.timeline(of: id).map { ($0.leadID, $0.payload) }
            #expect(timeline.elementsEqual(expected) { $0 == $1 })
        }
    }

    @Test func hostProvidedIDIsKeptAndMatchedLater() async throws {
        let engine = try await makeEngine()
        _ = try await engine.capture(Lead(id: "crm-42", company: "Acme"))
        let again = try await engine.capture(Lead(id: "crm-42", title: "CFO"))
        #expect(again.outcome == .matched("crm-42"))
        #expect(again.state.lead.title == "CFO")
    }
}

struct AccountTests {
    @Test func leadsAreGroupedIntoAccountsByWorkDomainOnly() async throws {
        let engine = try await makeEngine()
        let ana = try await engine.capture(Lead(id: "", email: "ana@acme.com", company: "Acme Corp"))
        let bo = try await engine.capture(Lead(id: "", email: "bo@ACME.com"))
        let free = try await engine.capture(Lead(id: "", email: "cy@gmail.com", company: "Acme Corp"))
        #expect(await engine.account("acme.com") == Account(id: "acme.com", name: "Acme Corp", domain: "acme.com"))
        #expect(await engine.contacts(of: "acme.com").map(\.id) == [ana.leadID, bo.leadID])
        #expect(free.state.lead.accountID == nil)
        #expect(await engine.account("gmail.com") == nil)
    }
}

/// Without a resolver of the host's, the engine recognises people by the playbook's `identity`
/// rules.
struct PlaybookIdentityTests {
    @Test func thePlaybooksIdentityRulesApplyByDefault() async throws {
        var strict = Playbook.unscored
        strict.identity.ignoresPlusAddressing = false
        let engine = try await AlignmentEngine(
            playbook: strict, store: InMemoryEventStore(), configuration: EngineConfiguration())
        let first = try await engine.capture(Lead(id: "", email: "ana+news@acme.com"))
        let second = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        #expect(first.leadID != second.leadID, "plus addresses are different people under these rules")

        let lenient = try await AlignmentEngine(
            playbook: .unscored, store: InMemoryEventStore(), configuration: EngineConfiguration())
        let third = try await lenient.capture(Lead(id: "", email: "ana+news@acme.com"))
        let fourth = try await lenient.capture(Lead(id: "", email: "ana@acme.com"))
        #expect(third.leadID == fourth.leadID)
    }
}
