import Foundation
import LeadModel
import SLA

/// Leads, calendars and a playbook section shared by the SLA tests.
enum SLAFixtures {
    static func utc(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static let sectionJSON = """
        {
          "defaultCalendar": "us-east",
          "calendars": {
            "us-east": {
              "timeZone": "America/New_York",
              "hours": { "mon": ["09:00-12:00", "13:00-17:30"], "tue": ["09:00-12:00", "13:00-17:30"],
                         "wed": ["09:00-12:00", "13:00-17:30"], "thu": ["09:00-12:00", "13:00-17:30"],
                         "fri": ["09:00-12:00", "13:00-17:30"] },
              "holidays": ["2026-11-26"]
            },
            "emea": { "timeZone": "Europe/Berlin",
                      "hours": { "mon": ["08:00-16:00"], "tue": ["08:00-16:00"], "wed": ["08:00-16:00"],
                                 "thu": ["08:00-16:00"], "fri": ["08:00-16:00"] } }
          },
          "tiers": [
            { "name": "quote", "covers": { "tiers": ["hot"], "sources": ["quote-request"] },
              "firstTouch": { "within": "15m", "clock": "wall" }, "warnAt": 0.5,
              "onReassignment": "restart",
              "escalation": [{ "step": "notify-manager", "after": "0m" }, { "step": "reassign", "after": "15m" }] },
            { "name": "hot", "covers": { "stages": ["sql"], "grades": ["A"] },
              "firstTouch": { "within": "2h" }, "warnAt": 0.75, "pauseAllowed": true,
              "disposition": { "within": "16h" },
              "followUp": { "attempts": 6, "within": "10d", "minimumSpacing": "4h" },
              "escalation": [
                { "step": "warn-owner", "after": "0m" }, { "step": "notify-manager", "after": "30m" },
                { "step": "reassign", "after": "2h" }, { "step": "return-to-pool", "after": "8h" }
              ] },
            { "name": "standard", "covers": { "stages": ["mql", "sql"] }, "firstTouch": { "within": "4h" },
              "warnAt": 0.75 }
          ]
        }
        """

    static let configuration = try! JSONDecoder().decode(SLAConfiguration.self, from: Data(sectionJSON.utf8))
    static let policy = TieredSLAPolicy(configuration: configuration)

    /// A lead folded from capture, stage change, score and assignment.
    static func state(
        stage: Stage = .sql, source: String? = nil, grade: String? = nil, owner: Owner = .rep("ana"), at time: Date
    ) -> LeadState {
        let lead = Lead(id: "L1", source: source)
        var events = [LeadEvent(leadID: "L1", occurredAt: time, actor: .system, payload: .captured(lead, stage: .lead))]
        if stage != .lead {
            events.append(
                LeadEvent(
                    leadID: "L1", occurredAt: time, actor: .system,
                    payload: .stageChanged(StageChange(from: .lead, to: stage))))
        }
        if let grade {
            events.append(
                LeadEvent(
                    leadID: "L1", occurredAt: time, actor: .system,
                    payload: .scored(ScoreCard(scorer: "rules", fit: 40, engagement: 40, grade: grade))))
        }
        events.append(
            LeadEvent(
                leadID: "L1", occurredAt: time, actor: .system,
                payload: .assigned(Assignment(owner: owner, router: "rules"))))
        return LeadState.fold(events)!
    }

    static func input(
        stage: Stage = .sql, source: String? = nil, grade: String? = nil, tier: String? = nil, calendar: String? = nil,
        at time: Date
    ) -> SLAInput {
        SLAInput(
            state: state(stage: stage, source: source, grade: grade, at: time), now: time, qualificationTier: tier,
            calendar: calendar)
    }
}
