import Foundation
import Testing

@testable import Accord

/// `TrainingSet.decidedLeads(_:)` and `TrainingSet.csv()`: what `accord feedback export-training`
/// writes, unchanged since it was Feedback's own `TrainingSet`.
struct DecidedLeadsTrainingSetTests {
    static let october = Date(timeIntervalSince1970: 1_791_000_000)

    /// Captured, signalled, optionally scored (10 fit points per rule), handed to sales, decided,
    /// optionally converted.
    static func events(
        _ id: LeadID, campaign: String, rules: [String] = [], disposition: Disposition? = nil, converted: Bool = false,
        after previous: [LeadEvent] = []
    ) -> [LeadEvent] {
        var events = previous
        func add(_ payload: LeadEvent.Payload, _ date: Date) {
            events.append(
                LeadEvent(
                    position: JournalPosition(UInt64(events.count + 1)), leadID: id, occurredAt: date, actor: .system,
                    payload: payload))
        }
        let lead = Lead(
            id: id, email: "\(id)@x.io", title: "CFO", company: "Co", source: "src-\(campaign)", campaign: campaign,
            messageAngle: "angle", attributes: ["employees": .number(500), "industry": .string("health, care")])
        add(.captured(lead, stage: .lead), october)
        add(.signalRecorded(Signal(kind: .emailOpened, occurredAt: october)), october)
        if !rules.isEmpty {
            add(
                .scored(
                    ScoreCard(
                        scorer: "rules", fit: Double(rules.count * 10), engagement: 0,
                        contributions: rules.map { .init(rule: $0, axis: .fit, points: 10, evidence: "") })),
                october)
        }
        add(.stageChanged(StageChange(from: .lead, to: .mql)), october)
        add(.stageChanged(StageChange(from: .mql, to: .sql)), october)
        if let disposition { add(.dispositionRecorded(disposition), october + 86_400) }
        if converted { add(.stageChanged(StageChange(from: .sql, to: .opportunity)), october + 2 * 86_400) }
        return events
    }

    static var facts: FeedbackFacts {
        var events = Self.events(
            "a", campaign: "c,1", rules: ["r"], disposition: Disposition(outcome: .accepted), converted: true)
        events = Self.events(
            "b", campaign: "c", disposition: Disposition(outcome: .rejected, reasonCode: "duplicate"), after: events)
        events = Self.events("u", campaign: "c", after: events)
        return FeedbackFacts(events: events)
    }

    @Test func hasOneRowPerDecidedLeadWithTheExportsColumns() throws {
        let set = try TrainingSet.decidedLeads(Self.facts)
        #expect(
            set.columns.map(\.name) == [
                "source", "campaign", "message_angle", "segment", "attr_employees", "attr_industry", "fit",
                "engagement", "total", "signals_email-opened", "accepted",
            ])
        #expect(set.columns.map(\.kind).filter { $0 == .numeric }.count == 5)
        #expect(set.rows.map(\.origin) == ["a", "b"])
        #expect(set.rows.map(\.converted) == [true, false])
        #expect(set.rows[0].values.suffix(5) == [.number(10), .number(0), .number(10), .number(1), .number(1)])
        #expect(set.rows[1].values.suffix(5) == [.missing, .missing, .missing, .number(1), .number(0)])
        #expect(set.rows.allSatisfy { $0.observedAt == Self.october })
    }

    @Test func theCSVIsTheOneTheExportAlwaysWrote() throws {
        let csv = try TrainingSet.decidedLeads(Self.facts).csv()
        let lines = csv.split(separator: "\n")
        #expect(
            lines[0]
                == "lead_id,source,campaign,message_angle,segment,attr_employees,attr_industry,fit,engagement,total,"
                + "signals_email-opened,accepted,converted")
        #expect(lines[1] == "a,\"src-c,1\",\"c,1\",angle,mid-market,500,\"health, care\",10,0,10,1,1,1")
        #expect(lines[2] == "b,src-c,c,angle,mid-market,500,\"health, care\",,,,1,0,0")
        #expect(lines.count == 3 && csv.hasSuffix("\n"))
        #expect(!csv.contains("@x.io") && !csv.contains("CFO"))
    }

    @Test func noDecidedLeadGivesAHeaderOnly() throws {
        let set = try TrainingSet.decidedLeads(FeedbackFacts())
        #expect(set.rows.isEmpty)
        #expect(set.csv() == "lead_id,source,campaign,message_angle,segment,fit,engagement,total,accepted,converted\n")
    }

    @Test(arguments: [(58.069_999_999_999_99, "58.07"), (10, "10"), (-0.5, "-0.5"), (1e20, "1e+20"), (.nan, "")])
    func numbersHaveAtMostFourDecimals(_ value: Double, _ text: String) {
        #expect(TrainingSet.csvNumber(value) == text)
    }
}
