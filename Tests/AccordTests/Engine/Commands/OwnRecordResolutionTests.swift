import Foundation
import LeadModel
import Testing

@testable import Accord

/// A signal for a known lead resolves the lead's own record; the planner skips working out its
/// identity keys when the projections vouch that they find the lead alone
/// (``EngineProjections/selfIndexed``). These tests hold the shortcut to what full resolution
/// does.
struct OwnRecordResolutionTests {
    let t0 = CommandFixture.now

    /// The outcome and the requests of resolving `person`, with the shortcut and without.
    private func bothWays(_ person: Lead, in fixture: CommandFixture) -> (
        fast: (CaptureResult.Outcome, [AppendRequest]), full: (CaptureResult.Outcome, [AppendRequest])
    ) {
        var fast = fixture.planner()
        let fastOutcome = fast.resolve(person, by: .system)
        let projections = fixture.projections
        var full = Planner(
            base: projections.leads, baseMerged: projections.mergedLeads, baseIndex: projections.identityIndex,
            baseSelfIndexed: [], identity: fixture.policies.identity,
            initialStage: fixture.policies.playbook.stages.graph.initial, now: t0,
            playbookVersion: fixture.policies.playbook.version, ledger: projections.routingLedger)
        full.accountMatching = AccountMatchingContext(projections)
        let fullOutcome = full.resolve(person, by: .system)
        return ((fastOutcome, fast.requests), (fullOutcome, full.requests))
    }

    /// Every lead the projections vouch for is live, unmerged and owns each key of its record;
    /// every merge is the one its state records.
    private func expectSound(_ projections: EngineProjections) {
        for id in projections.selfIndexed {
            guard let state = projections.leads[id] else {
                Issue.record("\(id) is vouched for but unknown")
                continue
            }
            #expect(!state.isErased && state.mergedInto == nil)
            for key in projections.identity.keys(for: state.lead) {
                #expect(projections.identityIndex[key] == id, "\(id) does not own \(key)")
            }
        }
        #expect(projections.mergedLeads == projections.leads.compactMapValues(\.mergedInto))
    }

    @Test func aLeadsOwnRecordMatchesItWithoutPlanningAnything() throws {
        var fixture = CommandFixture()
        fixture.fold("L1", .captured(Lead(id: "L1", email: "ana@acme.com", accountID: "acme.com"), stage: .lead))
        #expect(fixture.projections.selfIndexed.contains("L1"))
        let record = try #require(fixture.projections.leads["L1"]).lead
        let (fast, full) = bothWays(record, in: fixture)
        #expect(fast.0 == .matched("L1"))
        #expect(fast.0 == full.0 && fast.1 == full.1)
        #expect(fast.1.isEmpty)
    }

    @Test func aRecordThatGainsAnAccountIsCapturedWithTheKeysThatMatched() throws {
        var fixture = CommandFixture()
        // No account yet: the resolver derives acme.com from the email, which is news.
        fixture.fold("L1", .captured(Lead(id: "L1", email: "ana@acme.com"), stage: .lead))
        let record = try #require(fixture.projections.leads["L1"]).lead
        let (fast, full) = bothWays(record, in: fixture)
        #expect(fast.0 == full.0 && fast.1 == full.1)
        let events = fast.1.flatMap(\.events)
        #expect(events.map(\.payload.kind) == ["captured"])
        #expect(events.first?.reasons.first?.detail == "same person by email, id")
    }

    @Test func aLeadWhoseEmailChangedToAnothersMergesOnItsNextSignal() throws {
        var fixture = CommandFixture()
        fixture.fold("L1", .captured(Lead(id: "L1", email: "ana@acme.com", accountID: "acme.com"), stage: .lead))
        fixture.fold(
            "L2", .captured(Lead(id: "L2", email: "bo@acme.com", accountID: "acme.com"), stage: .lead),
            at: t0.addingTimeInterval(60))
        #expect(fixture.projections.selfIndexed.contains("L2"))
        // A change by hand that gives L2 the email L1 owns: L2 no longer owns its keys.
        fixture.fold("L2", .fieldsChanged(FieldChanges([.email: .string("ana@acme.com")])))
        #expect(!fixture.projections.selfIndexed.contains("L2"))
        let record = try #require(fixture.projections.leads["L2"]).lead
        let (fast, full) = bothWays(record, in: fixture)
        #expect(fast.0 == .merged("L1", absorbed: ["L2"]))
        #expect(fast.0 == full.0 && fast.1 == full.1)
        expectSound(fixture.projections)
    }

    @Test func mergedAndErasedLeadsAreNotVouchedFor() throws {
        var fixture = CommandFixture()
        fixture.fold("L1", .captured(Lead(id: "L1", email: "ana@acme.com"), stage: .lead))
        fixture.fold("L2", .captured(Lead(id: "L2", phone: "+44 20 7946 0000"), stage: .lead))
        fixture.fold("L3", .captured(Lead(id: "L3", email: "cy@acme.com"), stage: .lead))
        fixture.fold("L2", .mergedInto("L1"))
        fixture.fold(
            "L1",
            .merged(
                MergeRecord(
                    absorbed: "L2", matchedOn: [], absorbedLead: Lead(id: "L2", phone: "+44 20 7946 0000"),
                    absorbedSignals: [])))
        fixture.fold("L3", .erased(Erasure(requestedBy: "dpo")))
        #expect(fixture.projections.selfIndexed == ["L1"])
        #expect(fixture.projections.mergedLeads == ["L2": "L1"])
        #expect(fixture.projections.survivor(of: "L2") == "L1")
        expectSound(fixture.projections)
        // The survivor's record now carries the absorbed lead's phone, which it owns.
        let record = try #require(fixture.projections.leads["L1"]).lead
        let (fast, full) = bothWays(record, in: fixture)
        #expect(fast.0 == .matched("L1"))
        #expect(fast.0 == full.0 && fast.1 == full.1)
    }

    @Test func aSignalForAMergedLeadLandsOnTheSurvivor() async throws {
        let engine = try await makeEngine()
        let ana = try await engine.capture(Lead(id: "", email: "ana@acme.com")).leadID
        let bo = try await engine.capture(Lead(id: "", phone: "+44 20 7946 0000")).leadID
        _ = try await engine.merge(bo, into: ana, by: .system)
        let result = try await engine.record(Signal(kind: .replied, occurredAt: t0), for: bo)
        #expect(result.leadID == ana)
        #expect(result.state.signals.count == 1)
        #expect(await engine.state(of: bo)?.signals.isEmpty == true)
        expectSound(await engine.projections)
    }

    @Test func aSignalWithANewRecordStillMergesThePeopleItProvesTheSame() async throws {
        let engine = try await makeEngine()
        let ana = try await engine.capture(Lead(id: "", email: "ana@acme.com")).leadID
        let bo = try await engine.capture(Lead(id: "", phone: "+44 20 7946 0000")).leadID
        // Ana's own record first: the shortcut; then one that names Bo's phone too.
        _ = try await engine.record(Signal(kind: .emailOpened, occurredAt: t0), for: ana)
        let result = try await engine.record(
            Signal(kind: .replied, occurredAt: t0), from: Lead(id: "", email: "ana@acme.com", phone: "+442079460000"))
        #expect(result.capture == .merged(ana, absorbed: [bo]))
        #expect(result.state.signals.count == 2)
        #expect(await engine.survivor(of: bo) == ana)
        expectSound(await engine.projections)
    }

    @Test func snapshotsRebuildWhatFoldingKeeps() async throws {
        let store = InMemoryEventStore()
        let quarter = SyntheticQuarter(seed: 7, leads: 120)
        let clock = ManualClock(quarter.start)
        let writer = try await AlignmentEngine(
            playbook: .standard, store: store, configuration: EngineConfiguration(now: { clock.now }))
        for record in quarter.records().prefix(3_000) {
            clock.set(record.at)
            try await writer.ingest([record.item])
        }
        let ids = await writer.activeLeads().map(\.id)
        _ = try await writer.merge(ids[1], into: ids[0], by: .system)
        try await writer.erase(ids[2], requestedBy: "dpo")
        #expect(try await writer.saveSnapshot())
        let reader = try await AlignmentEngine(
            playbook: .standard, store: store, configuration: EngineConfiguration(now: { clock.now }))
        let folded = await writer.projections
        let loaded = await reader.projections
        expectSound(folded)
        expectSound(loaded)
        #expect(loaded.mergedLeads == folded.mergedLeads)
        #expect(loaded.mergedLeads[ids[1]] == ids[0])
        #expect(!loaded.selfIndexed.isEmpty && !loaded.selfIndexed.contains(ids[2]))
        #expect(!folded.selfIndexed.contains(ids[1]) && !folded.selfIndexed.contains(ids[2]))
    }
}
