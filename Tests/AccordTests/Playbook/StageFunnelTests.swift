import Foundation
import LeadModel
import Scoreboard
import Testing

struct StageFunnelTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func event(_ lead: LeadID, _ payload: LeadEvent.Payload) -> LeadEvent {
        LeadEvent(leadID: lead, occurredAt: t0, actor: .system, payload: payload)
    }

    @Test func emptyJournalHasNoConversion() {
        let funnel = StageFunnel()
        #expect(funnel.leads == 0)
        #expect(funnel.conversion(from: .lead, to: .mql) == nil)
    }

    @Test func mergedDuplicatesCountOnceAndRecyclesDoNotDoubleCount() {
        var funnel = StageFunnel()
        let events = [
            event("A", .captured(Lead(id: "A"), stage: .lead)),
            event("B", .captured(Lead(id: "B"), stage: .lead)),
            event("C", .captured(Lead(id: "C"), stage: .lead)),
            event("A", .stageChanged(StageChange(from: .lead, to: .mql))),
            event("A", .stageChanged(StageChange(from: .mql, to: .recycled))),
            event("A", .stageChanged(StageChange(from: .recycled, to: .mql))),
            event("C", .stageChanged(StageChange(from: .lead, to: .mql))),
            event("C", .mergedInto("A")),
            event(
                "A",
                .merged(
                    MergeRecord(absorbed: "C", matchedOn: ["email"], absorbedLead: Lead(id: "C"), absorbedSignals: []))),
        ]
        for event in events { funnel.apply(event) }
        #expect(funnel.leads == 2)
        #expect(funnel.merged == 1)
        #expect(funnel.reached(.mql) == 1)
        #expect(funnel.conversion(from: .lead, to: .mql) == 0.5)
    }
}
