import Foundation

extension SLAConfiguration {
    /// The default agreement's response times, for teams to edit: business hours Monday to
    /// Friday, 09:00–12:00 and 13:00–17:30 in New York; hot leads (a quote or demo request, or a
    /// strong fit with strong intent) touched within 15 minutes of wall-clock time, escalating to
    /// the manager after another 15 minutes and back to the router after an hour; warm leads
    /// within 4 business hours with six attempts in ten days; nurture leads get no clock.
    public static let standard: SLAConfiguration = {
        let json = """
            {
              "defaultCalendar": "business-hours",
              "calendars": {
                "business-hours": {
                  "timeZone": "America/New_York",
                  "hours": {
                    "mon": ["09:00-12:00", "13:00-17:30"], "tue": ["09:00-12:00", "13:00-17:30"],
                    "wed": ["09:00-12:00", "13:00-17:30"], "thu": ["09:00-12:00", "13:00-17:30"],
                    "fri": ["09:00-12:00", "13:00-17:30"]
                  }
                }
              },
              "tiers": [
                { "name": "hot", "covers": { "tiers": ["hot"] }, "firstTouch": { "within": "15m", "clock": "wall" },
                  "warnAt": 0.75, "disposition": { "within": "16h" },
                  "escalation": [{ "step": "warn-owner", "after": "0m" }, { "step": "notify-manager", "after": "15m" },
                                 { "step": "reassign", "after": "1h" }] },
                { "name": "warm", "covers": { "tiers": ["warm"] }, "firstTouch": { "within": "4h" },
                  "warnAt": 0.75, "followUp": { "attempts": 6, "within": "10d", "minimumSpacing": "4h" },
                  "disposition": { "within": "24h" },
                  "escalation": [{ "step": "warn-owner", "after": "0m" }, { "step": "notify-manager", "after": "4h" }] }
              ],
              "commitmentTimeZone": "America/New_York",
              "commitments": [
                { "name": "icp-mqls", "per": "week", "volume": { "atLeast": 40, "stage": "mql", "fitAtLeast": 30 } },
                { "name": "quality", "per": "month", "acceptanceRate": { "atLeast": 0.6 } }
              ]
            }
            """
        // A constant document, checked by the tests: decoding it cannot fail.
        return try! JSONDecoder().decode(SLAConfiguration.self, from: Data(json.utf8))
    }()
}
