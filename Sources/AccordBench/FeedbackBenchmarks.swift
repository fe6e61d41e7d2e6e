import Feedback
import Foundation
import LeadModel

/// Feedback analytics: the journal folded into `FeedbackFacts` and every report `accord
/// feedback report` prints (rejections by campaign, funnel leaks, objections, proposals) plus
/// rule calibration, from a synthetic journal held in memory.
enum FeedbackBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "feedback-report",
                summary: "FeedbackFacts fold + rejection, leak, objection, calibration reports: events per second",
                run: report)
        ]
    }

    static let campaigns = ["broad-display", "pricing-search", "webinar", "partner", "ebook", "outbound"]
    static let reasons = ["out-of-icp", "wrong-persona", "no-budget", "duplicate", "unreachable"]
    static let objections = FeedbackPolicy.standardObjections.map(\.tag)

    /// About 10 events per lead: capture, 4 signals, a score card, 2 stage changes, a touch, a
    /// disposition.
    static func journal(events count: Int) -> [LeadEvent] {
        var random = SplitMix64(seed: StoreBenchmarks.seed)
        var events: [LeadEvent] = []
        events.reserveCapacity(count + 16)
        let start = Date(timeIntervalSince1970: 1_788_000_000)
        var index = 0
        while events.count < count {
            let id = LeadID(String(format: "L%08d", index))
            let at = start.addingTimeInterval(Double(random.next() % (90 * 86_400)))
            let campaign = campaigns[Int(random.next() % UInt64(campaigns.count))]
            func add(_ payload: LeadEvent.Payload, _ offset: TimeInterval = 0) {
                events.append(
                    LeadEvent(
                        position: JournalPosition(UInt64(events.count + 1)), leadID: id,
                        occurredAt: at.addingTimeInterval(offset), actor: .system, payload: payload))
            }
            add(
                .captured(
                    Lead(
                        id: id, company: "Co", source: "src-\(campaign)", campaign: campaign,
                        messageAngle: "angle-\(campaign)",
                        attributes: ["employees": .number(Double(random.next() % 5_000))]), stage: .lead))
            for signal in 0..<4 { add(.signalRecorded(Signal(kind: .emailOpened, occurredAt: at)), Double(signal)) }
            let fired = ["fit-size", "fit-industry", "pricing", "webinar"].filter { _ in random.next() % 2 == 0 }
            add(
                .scored(
                    ScoreCard(
                        scorer: "rules", fit: 20, engagement: 30,
                        contributions: fired.map { .init(rule: $0, axis: .fit, points: 10, evidence: "") })), 5)
            add(.stageChanged(StageChange(from: .lead, to: .mql)), 6)
            add(.stageChanged(StageChange(from: .mql, to: .sql)), 7)
            add(
                .touched(
                    Touch(
                        channel: .call, by: "rep", connected: true,
                        objections: random.next() % 3 == 0 ? [objections[Int(random.next() % 7)]] : [])), 8)
            let roll = random.next() % 10
            let disposition =
                roll < 5
                ? Disposition(outcome: .accepted)
                : roll < 8
                    ? Disposition(
                        outcome: .rejected, reasonCode: reasons[Int(random.next() % UInt64(reasons.count))],
                        messageMatch: .overstated)
                    : Disposition(outcome: .recycled, reasonCode: "poor-timing")
            add(.dispositionRecorded(disposition), 86_400)
            index += 1
        }
        return events
    }

    private static func report(_ context: BenchContext) async throws -> [Measurement] {
        let count = context.count(default: 1_000_000)
        let events = journal(events: count)
        context.note("feedback-report: \(events.count) events generated, folding and reporting")
        let (foldSeconds, facts) = await measure { FeedbackFacts(events: events) }
        let (reportSeconds, summary) = await measure { () -> (Int, Int, Int) in
            let rejections = RejectionReport(facts, by: .campaign)
            let leaks = FunnelLeaks(facts)
            let objectionReport = ObjectionReport(facts, objections: FeedbackPolicy.standardObjections)
            let calibration = RuleCalibration(facts)
            let proposals = BacklogProposal.proposals(from: facts, objections: FeedbackPolicy.standardObjections)
            return (
                rejections.totals.reduce(0) { $0 + $1.decided }, leaks.hotspots.count + objectionReport.tags.count,
                calibration.rules.count + proposals.count
            )
        }
        guard summary.0 > 0, summary.2 > 0 else { throw BenchError("the reports found no decisions") }
        var measurement = Measurement(
            name: "feedback-report", count: events.count, seconds: foldSeconds + reportSeconds)
        measurement.set("foldSeconds", .double(foldSeconds))
        measurement.set("reportSeconds", .double(reportSeconds))
        measurement.set("leadsDecided", .int(summary.0))
        measurement.set(
            "reports", .string("facts fold, rejections by campaign, leaks, objections, calibration, proposals"))
        return [measurement]
    }
}
