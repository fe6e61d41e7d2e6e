import Foundation
import Journal
import LeadModel
import Scoreboard
import Testing

/// Journals written before deal amounts could be unknown (record layout 2) still open, and give
/// the same scoreboard.
struct LayoutTwoJournalTests {
    /// `event` as a layout-2 record, written after `Documentation/RecordLayout.md`: the layout-3
    /// bytes with the version byte 2, a deal's amount a plain `f64` (no presence byte) and no
    /// account name after `openedAt`. Deal ids must be shorter than 128 bytes.
    static func layoutTwoRecord(_ event: LeadEvent) -> [UInt8] {
        var bytes = encode(event)
        var header = event
        header.payload = .slaMet("")
        let payloadTag = encode(header).count - 2
        switch event.payload {
        case .opportunityOpened(let deal):
            precondition(deal.amount != nil && deal.accountName == nil, "layout 2 has no such deal")
            bytes.removeLast()  // the absent account name
            bytes.remove(at: payloadTag + 2 + deal.id.rawValue.utf8.count)  // the amount's presence
        case .opportunityClosed(let closing):
            precondition(closing.amount != nil, "layout 2 has no such closing")
            bytes.remove(at: payloadTag + 3 + closing.id.rawValue.utf8.count)  // after the outcome tag
        default:
            break
        }
        bytes[0] = 2
        return bytes
    }

    static func encode(_ event: LeadEvent) -> [UInt8] {
        var buffer: [UInt8] = []
        EventCodec.encode(event, into: &buffer)
        return buffer
    }

    static func decode(_ bytes: [UInt8], position: JournalPosition?) throws -> LeadEvent {
        try bytes.withUnsafeBytes { try EventCodec.decode($0, position: position ?? .start) }
    }

    @Test func aLayoutTwoDealRecordReadsWithItsAmountAndNoAccountName() throws {
        let opened = LeadEvent(
            leadID: "L1", occurredAt: Date(timeIntervalSinceReferenceDate: 1.5), actor: .system,
            payload: .opportunityOpened(Opportunity(id: "o", amount: 5, currency: "USD")))
        let record = Self.layoutTwoRecord(opened)
        // Pinned by hand: version 2, header, tag 17, "o", f64 5.0, "USD", five absent optionals.
        #expect(record.first == 2)
        #expect(
            Array(record.suffix(20)) == [17, 1, 0x6F, 0, 0, 0, 0, 0, 0, 0x14, 0x40, 3, 0x55, 0x53, 0x44, 0, 0, 0, 0, 0])
        var stored = opened
        stored.position = .start
        #expect(try Self.decode(record, position: .start) == stored)
    }

    @Test func aJournalWrittenInLayoutTwoGivesTheSameScoreboard() throws {
        let events = JournalBuilder.october.events
        #expect(events.contains { if case .opportunityClosed = $0.payload { true } else { false } })
        let reread = try events.map { try Self.decode(Self.layoutTwoRecord($0), position: $0.position) }
        #expect(reread == events)
        let query = ScoreboardQuery(
            period: .month(year: 2026, month: 10), view: .activity, slicedBy: .owner)
        let before = try ScoreboardProjection(events: events).scoreboard(query)
        let after = try ScoreboardProjection(events: reread).scoreboard(query)
        #expect(after == before)
        #expect(after.total.dealsWon > 0 && after.total.averageDealSize != nil)
    }

    @Test func unknownAmountsCountAsDealsButInNoSumAndAreCounted() throws {
        var events: [LeadEvent] = []
        func add(_ stream: LeadID, _ day: Double, _ payload: LeadEvent.Payload) {
            events.append(
                LeadEvent(
                    position: JournalPosition(UInt64(events.count + 1)), leadID: stream,
                    occurredAt: Date(timeIntervalSinceReferenceDate: day * 86_400), actor: .system, payload: payload))
        }
        let account = LeadID.stream(account: "name:acme")
        add(account, 0, .opportunityOpened(Opportunity(id: "a", amount: 1_000, currency: "USD", owner: .rep("ana"))))
        add(account, 0, .opportunityOpened(Opportunity(id: "b", amount: nil, currency: "USD", owner: .rep("ana"))))
        add(account, 0, .opportunityOpened(Opportunity(id: "c", amount: 3_000, currency: "USD", owner: .rep("bo"))))
        add(account, 0, .opportunityOpened(Opportunity(id: "d", amount: nil, currency: "USD", owner: .rep("bo"))))
        add(
            account, 10,
            .opportunityClosed(
                OpportunityClosing(
                    id: "a", outcome: .won, amount: 1_000, closedAt: .init(timeIntervalSinceReferenceDate: 10 * 86_400))
            ))
        add(
            account, 30,
            .opportunityClosed(
                OpportunityClosing(
                    id: "b", outcome: .won, amount: nil, closedAt: .init(timeIntervalSinceReferenceDate: 30 * 86_400))))
        let projection = ScoreboardProjection(events: events)
        #expect(projection.personCount == 0)
        let board = try projection.scoreboard(ScoreboardQuery(period: .allTime, slicedBy: .owner))
        let total = board.total
        #expect(total.dealsOpened == 4 && total.dealsWon == 2 && total.openDeals == 2)
        #expect(total.pipelineCreated == 4_000 && total.openPipeline == 3_000)
        #expect(total.dealsWonWithoutAmount == 1 && total.openDealsWithoutAmount == 1)
        #expect(total.revenueWon == 1_000 && total.averageDealSize == 1_000)
        #expect(total.salesCycleDays == 20)
        // Velocity counts both open deals: 2 × 1.0 × 1,000 ÷ 20.
        #expect(total.pipelineVelocity == 100)
        #expect(board.slices.map(\.label) == ["ana", "bo"])
        #expect(board.slices[0].dealsWonWithoutAmount == 1 && board.slices[1].openDealsWithoutAmount == 1)
    }
}
