import Foundation
public import LeadModel

/// The playbook's `sla` section: named business calendars and the tiers of the agreement.
///
/// Tiers are tried in order; the first that covers a lead applies, and a lead no tier covers gets
/// no clock (nurture). Check a decoded section with ``problems(pluginCalendars:)``.
///
/// ```json
/// {
///   "defaultCalendar": "us-east",
///   "calendars": {
///     "us-east": {
///       "timeZone": "America/New_York",
///       "hours": { "mon": ["09:00-12:00", "13:00-17:30"], "tue": ["09:00-12:00", "13:00-17:30"],
///                  "wed": ["09:00-12:00", "13:00-17:30"], "thu": ["09:00-12:00", "13:00-17:30"],
///                  "fri": ["09:00-12:00", "13:00-17:30"] },
///       "holidays": ["2026-11-26", "2026-12-25"]
///     },
///     "emea": { "timeZone": "Europe/Berlin", "hours": { "mon": ["08:00-16:00"], "tue": ["08:00-16:00"] } }
///   },
///   "tiers": [
///     { "name": "hot", "covers": { "tiers": ["hot"] }, "firstTouch": { "within": "15m", "clock": "wall" },
///       "warnAt": 0.75, "escalation": [{ "step": "notify-manager", "after": "15m" }] },
///     { "name": "standard", "covers": { "stages": ["mql", "sql"] }, "firstTouch": { "within": "4h" },
///       "warnAt": 0.75, "followUp": { "attempts": 6, "within": "10d", "minimumSpacing": "4h" },
///       "disposition": { "within": "16h" } }
///   ],
///   "commitmentTimeZone": "America/New_York",
///   "commitments": [
///     { "name": "icp-mqls", "per": "week", "volume": { "atLeast": 40, "stage": "mql", "fitAtLeast": 30 } },
///     { "name": "quality", "per": "month", "acceptanceRate": { "atLeast": 0.6 } }
///   ]
/// }
/// ```
public struct SLAConfiguration: Hashable, Sendable, Codable {
    /// Business calendars by name (per team or region).
    public var calendars: [String: WeeklyBusinessCalendar]
    /// The calendar a tier without its own `calendar` uses.
    public var defaultCalendar: String?
    /// The tiers, most specific first.
    public var tiers: [SLATier]
    /// Marketing's volume and quality commitments.
    public var commitments: [MarketingCommitment]
    /// The IANA zone commitment periods (weeks, months) are cut in.
    public var commitmentTimeZone: String

    /// Makes a section.
    ///
    /// - Parameters:
    ///   - calendars: business calendars by name.
    ///   - defaultCalendar: the calendar for tiers that name none.
    ///   - tiers: the tiers, most specific first.
    ///   - commitments: marketing's commitments.
    ///   - commitmentTimeZone: the zone commitment periods are cut in.
    public init(
        calendars: [String: WeeklyBusinessCalendar] = [:], defaultCalendar: String? = nil, tiers: [SLATier] = [],
        commitments: [MarketingCommitment] = [], commitmentTimeZone: String = "UTC"
    ) {
        self.calendars = calendars
        self.defaultCalendar = defaultCalendar
        self.tiers = tiers
        self.commitments = commitments
        self.commitmentTimeZone = commitmentTimeZone
    }

    private enum CodingKeys: String, CodingKey {
        case calendars, defaultCalendar, tiers, commitments, commitmentTimeZone
    }

    /// Decodes the section; every field may be absent.
    ///
    /// - Throws: `DecodingError` for a malformed value, with its coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            calendars: try container.decodeIfPresent([String: WeeklyBusinessCalendar].self, forKey: .calendars)
                ?? [:],
            defaultCalendar: try container.decodeIfPresent(String.self, forKey: .defaultCalendar),
            tiers: try container.decodeIfPresent([SLATier].self, forKey: .tiers) ?? [],
            commitments: try container.decodeIfPresent([MarketingCommitment].self, forKey: .commitments) ?? [],
            commitmentTimeZone: try container.decodeIfPresent(String.self, forKey: .commitmentTimeZone) ?? "UTC")
    }

    /// The tier named `name`.
    ///
    /// - Parameter name: a tier name.
    /// - Returns: the first tier with that name, or `nil`.
    public func tier(named name: String) -> SLATier? {
        tiers.first { $0.name == name }
    }
}
