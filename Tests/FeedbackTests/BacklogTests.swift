import Feedback
import Foundation
import LeadModel
import Testing

struct BacklogTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func itemsAreNumberedAndUpdated() throws {
        var backlog = ImprovementBacklog()
        let first = try backlog.add(kind: .content, title: " ROI calculator ", owner: "marketing", at: now)
        let second = try backlog.add(kind: .routing, title: "Route EMEA to the EMEA pool", at: now)
        #expect(first.id == 1 && second.id == 2 && first.title == "ROI calculator")
        let updated = try backlog.update(2, status: .inProgress, owner: "revops", at: now + 60)
        #expect(updated.status == .inProgress && updated.owner == "revops" && updated.updatedAt == now + 60)
        #expect(backlog.items.map(\.id) == [1, 2])
    }

    @Test func duplicatesEmptyTitlesAndUnknownIdsAreRefused() throws {
        var backlog = ImprovementBacklog()
        try backlog.add(kind: .content, title: "ROI calculator", at: now)
        #expect(throws: BacklogError.self) { try backlog.add(kind: .content, title: "roi CALCULATOR", at: now) }
        #expect(throws: BacklogError.self) { try backlog.add(kind: .content, title: "  ", at: now) }
        do {
            try backlog.update(9, status: .done, at: now)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unknownItem && error.message.contains("#1"))
        }
        // A done item's title may be raised again.
        try backlog.update(1, status: .done, at: now)
        #expect(try backlog.add(kind: .content, title: "ROI calculator", at: now).id == 2)
    }

    @Test func patternsProposeFixesOnce() {
        var journal = JournalBuilder()
        let oct = JournalBuilder.october
        for index in 0..<5 {
            journal.lead(
                LeadID("b\(index)"), campaign: "broad", angle: "all-in-one", at: oct,
                disposition: JournalBuilder.rejected("out-of-icp", objections: ["price"], match: .overstated))
        }
        let proposals = BacklogProposal.proposals(from: journal.facts, objections: FeedbackPolicy.standardObjections)
        #expect(
            proposals.map(\.title) == [
                "Tighten scoring and targeting for campaign 'broad'",
                "Tighten scoring and targeting for source 'src-broad'",
                "Tighten scoring and targeting for message angle 'all-in-one'",
                "Stop overstating in message angle 'all-in-one'",
                "Build pricing comparison for 'Too expensive'",
            ])
        #expect(
            proposals[0].kind == .scoring
                && proposals[0].evidence == "5 of 5 decisions rejected (100%), mostly out-of-icp (5)")
        #expect(proposals.last?.kind == .content)
        var backlog = ImprovementBacklog()
        #expect(backlog.adopt(proposals, at: now).count == 5)
        #expect(backlog.adopt(proposals, at: now).isEmpty)
        #expect(backlog.items.allSatisfy { $0.origin == "proposed" })
    }

    @Test(arguments: [
        ("out-of-icp", BacklogItem.Kind.scoring), ("wrong-persona", .scoring), ("duplicate", .routing),
        ("unreachable", .enablement), ("no-budget", .messaging),
    ])
    func reasonsPointToAKind(_ code: String, _ kind: BacklogItem.Kind) {
        #expect(BacklogProposal.kind(forReason: code) == kind)
    }
}
