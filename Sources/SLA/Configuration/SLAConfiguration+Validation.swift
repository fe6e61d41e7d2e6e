import Foundation
import LeadModel

extension SLAConfiguration {
    /// Every problem with the section, each with a path relative to the section (`tiers[1].firstTouch`,
    /// `calendars.us-east.hours.mon[0]`). Empty when valid.
    ///
    /// Reports calendar problems, an unknown `defaultCalendar` or tier `calendar`, a business target
    /// with no calendar or written in days, empty or repeated tier names, a warning point outside
    /// 0–1, a cadence that cannot fit its period, escalation delays that go backwards, and tiers
    /// that can never apply because an earlier tier covers every lead.
    ///
    /// - Parameter pluginCalendars: names of calendars supplied from outside the section (a
    ///   host's calendar plugins); tiers may name them too.
    /// - Returns: path and message for each problem.
    public func problems(pluginCalendars: Set<String> = []) -> [(path: String, message: String)] {
        var problems: [(path: String, message: String)] = []
        func isKnown(_ name: String) -> Bool { calendars[name] != nil || pluginCalendars.contains(name) }
        for name in calendars.keys.sorted() {
            for problem in calendars[name]!.problems() {
                problems.append(("calendars.\(name).\(problem.path)", problem.message))
            }
        }
        if let defaultCalendar, !isKnown(defaultCalendar) {
            problems.append(("defaultCalendar", "no calendar is named '\(defaultCalendar)'"))
        }
        var names = Set<String>()
        var catchAll: Int?
        for (index, tier) in tiers.enumerated() {
            let path = "tiers[\(index)]"
            if tier.name.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(("\(path).name", "the name is empty"))
            } else if !names.insert(tier.name).inserted {
                problems.append(("\(path).name", "tier '\(tier.name)' is listed twice"))
            }
            if let catchAll {
                problems.append((path, "never applies: tiers[\(catchAll)] covers every lead"))
            } else if tier.covers.coversEverything {
                catchAll = index
            }
            let calendarName = tier.calendar ?? defaultCalendar
            if let name = tier.calendar, !isKnown(name) {
                problems.append(("\(path).calendar", "no calendar is named '\(name)'"))
            }
            let targets = [("firstTouch", tier.firstTouch)] + (tier.disposition.map { [("disposition", $0)] } ?? [])
            for (key, target) in targets {
                if target.within.seconds <= 0 {
                    problems.append(("\(path).\(key).within", "the target must be longer than zero"))
                }
                if target.clock == .business {
                    if calendarName == nil {
                        problems.append(
                            (
                                "\(path).\(key)",
                                "a business-time target needs a calendar: set calendar or defaultCalendar"
                            ))
                    }
                    if target.within.usesDays {
                        problems.append(
                            (
                                "\(path).\(key).within",
                                "a working day is not 24 business hours: write hours, such as \"8h\""
                            ))
                    }
                }
            }
            if let warnAt = tier.warnAt, !(warnAt > 0 && warnAt < 1) {
                problems.append(("\(path).warnAt", "the warning point is a fraction between 0 and 1, such as 0.75"))
            }
            if let cadence = tier.followUp {
                if cadence.attempts < 1 {
                    problems.append(("\(path).followUp.attempts", "at least one attempt is required"))
                } else if cadence.minimumSpacing.seconds * Double(cadence.attempts - 1) > cadence.within.seconds {
                    problems.append(
                        (
                            "\(path).followUp",
                            "\(cadence.attempts) attempts \(cadence.minimumSpacing) apart do not fit in \(cadence.within)"
                        ))
                }
            }
            var previous = 0.0
            for (step, rung) in tier.escalation.enumerated() {
                if rung.after.seconds < previous {
                    problems.append(
                        ("\(path).escalation[\(step)].after", "comes before the step above it; list steps in order"))
                }
                if tier.firstTouch.clock == .business, rung.after.usesDays {
                    problems.append(
                        ("\(path).escalation[\(step)].after", "a working day is not 24 business hours: write hours"))
                }
                previous = max(previous, rung.after.seconds)
            }
        }
        if !commitments.isEmpty, TimeZone(identifier: commitmentTimeZone) == nil {
            problems.append(("commitmentTimeZone", "'\(commitmentTimeZone)' is not an IANA time zone"))
        }
        var commitmentNames = Set<String>()
        for (index, commitment) in commitments.enumerated() {
            let path = "commitments[\(index)]"
            if commitment.name.isEmpty {
                problems.append(("\(path).name", "the name is empty"))
            } else if !commitmentNames.insert(commitment.name).inserted {
                problems.append(("\(path).name", "commitment '\(commitment.name)' is listed twice"))
            }
            switch (commitment.volume, commitment.acceptanceRate) {
            case (nil, nil), (.some, .some):
                problems.append((path, "set exactly one of volume and acceptanceRate"))
            case (let volume?, nil) where volume.atLeast < 1:
                problems.append(("\(path).volume.atLeast", "promise at least one lead"))
            case (nil, let rate?) where !(0...1).contains(rate.atLeast):
                problems.append(("\(path).acceptanceRate.atLeast", "a rate is a fraction between 0 and 1, such as 0.6"))
            default:
                break
            }
        }
        return problems
    }
}
