import Foundation
import LeadModel

/// Builds fixture journals event by event, with times given as UTC calendar moments.
struct JournalBuilder {
    private(set) var events: [LeadEvent] = []

    static func at(_ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, year: Int = 2026) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    private mutating func add(_ lead: LeadID, _ time: Date, _ payload: LeadEvent.Payload) {
        var event = LeadEvent(leadID: lead, occurredAt: time, actor: .system, payload: payload)
        event.position = JournalPosition(UInt64(events.count + 1))
        events.append(event)
    }

    mutating func capture(
        _ id: LeadID, _ time: Date, source: String?, campaign: String? = nil, segment: String? = nil
    ) {
        var attributes: [String: AttributeValue] = [:]
        if let segment { attributes["segment"] = .string(segment) }
        add(id, time, .captured(Lead(id: id, source: source, campaign: campaign, attributes: attributes), stage: .lead))
    }

    mutating func stage(_ id: LeadID, _ from: Stage, _ to: Stage, _ time: Date) {
        add(id, time, .stageChanged(StageChange(from: from, to: to)))
    }

    mutating func block(_ id: LeadID, to stage: Stage, missing: [LeadField], _ time: Date) {
        add(id, time, .handoffBlocked(HandoffBlock(rule: "trigger:quote-or-demo", to: stage, missing: missing)))
    }

    mutating func assign(_ id: LeadID, _ rep: String, _ time: Date) {
        add(id, time, .assigned(Assignment(owner: .rep(rep), router: "rules")))
    }

    mutating func touch(_ id: LeadID, _ time: Date) {
        add(id, time, .touched(Touch(channel: .call, by: "rep")))
    }

    mutating func dispose(_ id: LeadID, _ outcome: Disposition.Outcome, _ time: Date) {
        add(id, time, .dispositionRecorded(Disposition(outcome: outcome, reasonCode: outcome == .accepted ? nil : "x")))
    }

    mutating func sla(_ id: LeadID, met: Bool, _ time: Date) {
        add(id, time, met ? .slaMet(SLAClockID("\(id)#1")) : .slaBreached(SLAClockID("\(id)#1")))
    }

    mutating func open(
        _ id: LeadID, _ deal: OpportunityID, _ amount: Double, _ time: Date, product: String? = nil,
        owner: String? = nil
    ) {
        add(
            id, time,
            .opportunityOpened(
                Opportunity(
                    id: deal, amount: amount, currency: "USD", product: product, owner: owner.map(Owner.rep))))
    }

    mutating func close(_ id: LeadID, _ deal: OpportunityID, won: Bool, _ amount: Double, _ time: Date) {
        add(
            id, time,
            .opportunityClosed(
                OpportunityClosing(id: deal, outcome: won ? .won : .lost, amount: amount, closedAt: time)))
    }

    mutating func merge(_ absorbed: LeadID, into survivor: LeadID, _ time: Date) {
        add(
            survivor, time,
            .merged(
                MergeRecord(
                    absorbed: absorbed, matchedOn: ["email"], absorbedLead: Lead(id: absorbed), absorbedSignals: [])))
        add(absorbed, time, .mergedInto(survivor))
    }

    /// The hand-computed fixture of `Documentation/Scoreboard.md`'s worked example: October 2026
    /// in UTC, five people (one of them two leads merged mid-funnel) and one from September.
    static var october: JournalBuilder {
        var j = JournalBuilder()
        func at(_ month: Int, _ day: Int, _ hour: Int = 0) -> Date { JournalBuilder.at(month, day, hour) }
        // D: a September lead whose deal is won in October.
        j.capture("D", at(9, 20), source: "ads", campaign: "retarget", segment: "smb")
        j.stage("D", .lead, .mql, at(9, 21))
        j.touch("D", at(9, 21, 1))
        j.stage("D", .mql, .sql, at(9, 22))
        j.stage("D", .sql, .opportunity, at(9, 25))
        j.open("D", "d-1", 8_000, at(9, 25), product: "payroll")
        // A: webinar, the full funnel inside October.
        j.capture("A", at(10, 2), source: "webinar", campaign: "q4-security", segment: "mid")
        j.stage("A", .lead, .mql, at(10, 3, 10))
        j.assign("A", "maria", at(10, 3, 10))
        j.touch("A", at(10, 3, 12))
        j.stage("A", .mql, .sql, at(10, 4))
        j.dispose("A", .accepted, at(10, 4, 1))
        j.sla("A", met: true, at(10, 3, 12))
        j.stage("A", .sql, .opportunity, at(10, 5))
        j.open("A", "a-1", 10_000, at(10, 5), product: "payroll")
        j.close("D", "d-1", won: true, 8_000, at(10, 10))
        j.stage("D", .opportunity, .won, at(10, 10))
        j.close("A", "a-1", won: true, 12_000, at(10, 25))
        j.stage("A", .opportunity, .won, at(10, 25))
        // B: webinar, rejected.
        j.capture("B", at(10, 10), source: "webinar", campaign: "q4-security", segment: "mid")
        j.stage("B", .lead, .mql, at(10, 11, 9))
        j.assign("B", "li", at(10, 11, 9))
        j.touch("B", at(10, 11, 13))
        j.stage("B", .mql, .sql, at(10, 12))
        j.sla("B", met: false, at(10, 12))
        j.dispose("B", .rejected, at(10, 12, 1))
        // C: ads, straight to SQL, deal lost in November.
        j.capture("C", at(10, 15), source: "ads", campaign: "retarget", segment: "smb")
        j.stage("C", .lead, .sql, at(10, 16, 10))
        j.assign("C", "maria", at(10, 16, 10))
        j.touch("C", at(10, 16, 16))
        j.sla("C", met: true, at(10, 16, 16))
        j.dispose("C", .accepted, at(10, 17))
        j.stage("C", .sql, .opportunity, at(10, 20))
        j.open("C", "c-1", 5_000, at(10, 20), product: "benefits")
        // E and E2: one person arriving twice, merged after E2 reached SQL.
        j.capture("E", at(10, 20), source: "outbound", segment: "enterprise")
        j.stage("E", .lead, .mql, at(10, 21))
        j.capture("E2", at(10, 22), source: "outbound")
        j.stage("E2", .lead, .sql, at(10, 22, 12))
        j.merge("E2", into: "E", at(10, 23))
        // F: November.
        j.capture("F", at(11, 2), source: "webinar")
        j.close("C", "c-1", won: false, 5_000, at(11, 5))
        j.stage("C", .opportunity, .lost, at(11, 5))
        return j
    }
}
