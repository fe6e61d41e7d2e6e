import Feedback
import Foundation
import LeadModel

/// Builds a small journal by hand for the analytics tests.
struct JournalBuilder {
    static let october = Date(timeIntervalSince1970: 1_791_000_000)  // 2026-10-03
    static let november = Date(timeIntervalSince1970: 1_793_700_000)  // 2026-11-03
    static let day: TimeInterval = 86_400

    private(set) var events: [LeadEvent] = []

    mutating func add(_ id: LeadID, _ payload: LeadEvent.Payload, at date: Date, actor: EventActor = .system) {
        events.append(
            LeadEvent(
                position: JournalPosition(UInt64(events.count + 1)), leadID: id, occurredAt: date, actor: actor,
                payload: payload))
    }

    /// A lead captured, scored with `rules` (10 points each), handed to sales, then decided.
    mutating func lead(
        _ id: LeadID, campaign: String, angle: String = "angle", employees: Double = 500, at date: Date,
        rules: [String] = [], disposition: Disposition? = nil, converted: Bool = false
    ) {
        let lead = Lead(
            id: id, email: "\(id)@x.io", title: "CFO", company: "Co", source: "src-\(campaign)", campaign: campaign,
            messageAngle: angle, attributes: ["employees": .number(employees), "industry": .string("health, care")])
        add(id, .captured(lead, stage: .lead), at: date)
        add(id, .signalRecorded(Signal(kind: .emailOpened, occurredAt: date)), at: date)
        if !rules.isEmpty {
            add(
                id,
                .scored(
                    ScoreCard(
                        scorer: "rules", fit: Double(rules.count * 10), engagement: 0,
                        contributions: rules.map { .init(rule: $0, axis: .fit, points: 10, evidence: "") })),
                at: date)
        }
        add(id, .stageChanged(StageChange(from: .lead, to: .mql)), at: date)
        add(id, .stageChanged(StageChange(from: .mql, to: .sql)), at: date)
        if let disposition { add(id, .dispositionRecorded(disposition), at: date + Self.day) }
        if converted { add(id, .stageChanged(StageChange(from: .sql, to: .opportunity)), at: date + 2 * Self.day) }
    }

    var facts: FeedbackFacts { FeedbackFacts(events: events) }

    static func rejected(_ code: String, objections: [String] = [], match: Disposition.MessageMatch? = nil)
        -> Disposition
    {
        Disposition(outcome: .rejected, reasonCode: code, messageMatch: match, objections: objections)
    }

    static let accepted = Disposition(outcome: .accepted)
}
