import Foundation
import Routing

/// The sales team of `accord demo`: five reps in four time zones, a North America pool and an
/// EMEA pool that shares out expected value, capacity caps, backups who take hot leads of
/// accounts whose owner is away, an after-hours coverage queue.
package enum DemoTeam {
    /// The demo playbook's `routing` section.
    package static let routing: RoutingRules = {
        let weekdays =
            #"{"monday": ["09:00-17:30"], "tuesday": ["09:00-17:30"], "wednesday": ["09:00-17:30"], "thursday": ["09:00-17:30"], "friday": ["09:00-17:30"]}"#
        let json = """
            {
              "reps": [
                {"id": "maria", "name": "Maria Lopez", "timeZone": "America/New_York", "workingHours": \(weekdays),
                 "capacity": {"maxOpen": 120, "maxNewPerDay": 12}, "weight": 2, "backup": "james"},
                {"id": "james", "name": "James Carter", "timeZone": "America/Chicago", "workingHours": \(weekdays),
                 "capacity": {"maxOpen": 90, "maxNewPerDay": 8}, "backup": "maria"},
                {"id": "priya", "name": "Priya Shah", "timeZone": "America/Los_Angeles", "workingHours": \(weekdays),
                 "capacity": {"maxOpen": 90, "maxNewPerDay": 8}, "backup": "maria",
                 "outOfOffice": [{"from": "2026-08-10T00:00:00-07:00", "until": "2026-08-24T00:00:00-07:00", "note": "vacation"}]},
                {"id": "sofia", "name": "Sofia Weber", "timeZone": "Europe/Berlin", "workingHours": \(weekdays),
                 "capacity": {"maxOpen": 80, "maxNewPerDay": 8}, "backup": "lukas"},
                {"id": "lukas", "name": "Lukas Novak", "timeZone": "Europe/Berlin", "workingHours": \(weekdays),
                 "capacity": {"maxOpen": 80, "maxNewPerDay": 8}, "backup": "sofia"}
              ],
              "pools": [
                {"name": "north-america", "members": [{"rep": "maria"}, {"rep": "james"}, {"rep": "priya"}]},
                {"name": "emea", "balance": "value", "members": [{"rep": "sofia"}, {"rep": "lukas"}]}
              ],
              "rules": [
                {"name": "emea", "when": [{"field": "country", "in": ["GB", "DE", "FR"]}], "target": {"pool": "emea"}}
              ],
              "default": {"pool": "north-america"},
              "segments": [{"name": "smb", "maxEmployees": 199}, {"name": "enterprise", "minEmployees": 2000}],
              "dealSizes": {"default": 24000, "segments": {"smb": 6000, "enterprise": 120000}},
              "ownerAway": {"tiers": {"hot": "protect-sla"}},
              "coverageQueue": "after-hours",
              "unassignedQueue": "unassigned"
            }
            """
        // A constant document, checked by the tests: decoding it cannot fail.
        return try! JSONDecoder().decode(RoutingRules.self, from: Data(json.utf8))
    }()
}
