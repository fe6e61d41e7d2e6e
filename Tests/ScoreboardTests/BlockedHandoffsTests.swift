import Foundation
import LeadModel
import Scoreboard
import Testing

/// The scoreboard's "handoffs blocked at the gate": who was held back, for want of what, and
/// where they came from.
struct BlockedHandoffsTests {
    static let utc = TimeZone(identifier: "UTC")!
    typealias J = JournalBuilder

    /// Three people created in October and one in September: a blocked twice (company, then
    /// company and source), b blocked then moved once its company came, c never blocked; s, from
    /// September, blocked in October.
    static var journal: JournalBuilder {
        var journal = JournalBuilder()
        journal.capture("s", J.at(9, 20), source: "webinar", campaign: "q3")
        journal.capture("a", J.at(10, 2), source: "paid-search", campaign: "q4")
        journal.capture("b", J.at(10, 3), source: "webinar")
        journal.capture("c", J.at(10, 4), source: "webinar", campaign: "q4")
        journal.block("a", to: .sql, missing: [.company], J.at(10, 5))
        journal.block("a", to: .sql, missing: [.company, .source], J.at(10, 6))
        journal.block("b", to: .sql, missing: [.company], J.at(10, 7))
        journal.stage("b", .lead, .sql, J.at(10, 9))
        journal.block("s", to: .mql, missing: ["phone"], J.at(10, 10))
        return journal
    }

    func board(_ view: ScoreboardView, period: ReportPeriod = .month(year: 2026, month: 10)) throws -> Scoreboard {
        try ScoreboardProjection(events: Self.journal.events).scoreboard(
            ScoreboardQuery(period: period, view: view, timeZone: Self.utc))
    }

    @Test func theCohortViewCountsPeopleCreatedInThePeriodOnceEach() throws {
        let blocked = try #require(try board(.cohort).blockedHandoffs)
        #expect(blocked.leads == 2)
        #expect(blocked.stillBlocked == 1, "b moved to sql once its company came")
        #expect(blocked.byField == ["company": 2, "source": 1])
        #expect(blocked.bySource == ["paid-search": 1, "webinar": 1])
        #expect(blocked.byCampaign == ["q4": 1, "(none)": 1])
    }

    @Test func theActivityViewCountsPeopleBlockedInThePeriod() throws {
        let blocked = try #require(try board(.activity).blockedHandoffs)
        #expect(blocked.leads == 3)
        #expect(blocked.stillBlocked == 2)
        #expect(blocked.byField == ["company": 2, "source": 1, "phone": 1])
        #expect(blocked.byCampaign == ["q4": 1, "(none)": 1, "q3": 1])
    }

    @Test func aPeriodWithoutBlocksHasNone() throws {
        #expect(try board(.activity, period: .month(year: 2026, month: 9)).blockedHandoffs == nil)
        #expect(try board(.cohort, period: .month(year: 2026, month: 11)).blockedHandoffs == nil)
    }

    @Test func theJSONLeavesTheSectionOutWhenNothingWasBlocked() throws {
        let quiet = try board(.activity, period: .month(year: 2026, month: 9))
        let json = String(decoding: try JSONEncoder().encode(quiet), as: UTF8.self)
        #expect(!json.contains("blockedHandoffs"))
        let busy = try JSONEncoder().encode(try board(.cohort))
        #expect(try JSONDecoder().decode(Scoreboard.self, from: busy) == (try board(.cohort)))
    }
}
