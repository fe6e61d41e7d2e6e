import Foundation
import LeadModel
import Scoreboard
import Testing

/// The win rate is won ÷ (won + lost): deals still open have no outcome yet and must not count
/// against it. Every fixture here has deals opened that are not closed, so opened ≠ won + lost.
struct WinRateTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// October 2026: `opened` deals are opened; the first `won` are won and the next `lost` lost
    /// in October; the rest stay open.
    static func journal(opened: Int, won: Int, lost: Int) -> JournalBuilder {
        var journal = JournalBuilder()
        for index in 0..<opened {
            let lead = LeadID("W\(index)")
            let deal = OpportunityID("deal-\(index)")
            journal.capture(lead, JournalBuilder.at(10, 1), source: index % 2 == 0 ? "webinar" : "ads")
            journal.stage(lead, .lead, .opportunity, JournalBuilder.at(10, 2))
            journal.open(lead, deal, 1_000, JournalBuilder.at(10, 2))
            if index < won {
                journal.close(lead, deal, won: true, 1_000, JournalBuilder.at(10, 20))
                journal.stage(lead, .opportunity, .won, JournalBuilder.at(10, 20))
            } else if index < won + lost {
                journal.close(lead, deal, won: false, 1_000, JournalBuilder.at(10, 20))
                journal.stage(lead, .opportunity, .lost, JournalBuilder.at(10, 20))
            }
        }
        return journal
    }

    @Test(
        arguments: [
            (opened: 3, won: 1, lost: 1, rate: 0.5),
            (opened: 5, won: 1, lost: 0, rate: 1.0),
            (opened: 10, won: 1, lost: 3, rate: 0.25),
            (opened: 4, won: 0, lost: 2, rate: 0.0),
        ], [ScoreboardView.cohort, .activity])
    func countsOnlyDecidedDeals(_ fixture: (opened: Int, won: Int, lost: Int, rate: Double), view: ScoreboardView)
        throws
    {
        let events = Self.journal(opened: fixture.opened, won: fixture.won, lost: fixture.lost).events
        let row = try ScoreboardProjection(events: events).scoreboard(
            ScoreboardQuery(
                period: .month(year: 2026, month: 10), view: view, slicedBy: nil, timeZone: Self.utc, spend: nil)
        ).total
        #expect(row.dealsOpened == fixture.opened)
        #expect(row.dealsWon == fixture.won && row.dealsLost == fixture.lost)
        #expect(row.openDeals == fixture.opened - fixture.won - fixture.lost)
        #expect(row.winRate == fixture.rate)
    }

    @Test(arguments: [ScoreboardView.cohort, .activity])
    func isUnknownWhileEveryDealIsOpen(_ view: ScoreboardView) throws {
        let events = Self.journal(opened: 3, won: 0, lost: 0).events
        let row = try ScoreboardProjection(events: events).scoreboard(
            ScoreboardQuery(
                period: .month(year: 2026, month: 10), view: view, slicedBy: nil, timeZone: Self.utc, spend: nil)
        ).total
        #expect(row.dealsOpened == 3)
        #expect(row.winRate == nil)
    }
}
