import Foundation
import LeadModel

extension RoutingRules {
    /// Every problem with the section, each with its JSON path relative to the section
    /// (`rules[2].target`). Empty when valid.
    ///
    /// Checks: rep ids unique and usable (no commas, `=` or spaces, which the pool-turn reason
    /// uses as separators), known time zones, working hours whose windows end after they start and do not overlap, out-of-office periods
    /// that end after they start, non-negative caps, positive weights, pools with known members,
    /// rules with unique names, one test per condition, targets that name a known rep or pool, and
    /// backups that name another known rep.
    public func problems() -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        var repIDs = Set<String>()
        for (index, rep) in reps.enumerated() {
            let path = "reps[\(index)]"
            if rep.id.isEmpty {
                found.append(("\(path).id", "the id is empty"))
            } else if rep.id.contains(where: { $0 == "," || $0 == "=" || $0.isWhitespace }) {
                found.append(("\(path).id", "rep id '\(rep.id)' contains a comma, '=' or a space"))
            } else if !repIDs.insert(rep.id).inserted {
                found.append(("\(path).id", "rep id '\(rep.id)' is listed twice"))
            }
            if TimeZone(identifier: rep.timeZone) == nil {
                found.append(("\(path).timeZone", "unknown time zone '\(rep.timeZone)'; use an IANA name"))
            }
            if let hours = rep.workingHours {
                if hours.timeZone != rep.timeZone {
                    found.append(
                        (
                            "\(path).workingHours",
                            "the working hours are in '\(hours.timeZone)' but the rep works in '\(rep.timeZone)'"
                        ))
                }
                // The calendar's paths: `hours.mon[0]` is the rep's `workingHours.mon[0]`.
                for problem in hours.problems() where problem.path != "timeZone" {
                    let inner =
                        problem.path.hasPrefix("hours")
                        ? "workingHours" + problem.path.dropFirst("hours".count) : problem.path
                    found.append(("\(path).\(inner)", problem.message))
                }
            }
            for (awayIndex, away) in rep.outOfOffice.enumerated() where away.until <= away.from {
                found.append(("\(path).outOfOffice[\(awayIndex)].until", "the period ends before it starts"))
            }
            if let cap = rep.capacity.maxOpen, cap < 0 {
                found.append(("\(path).capacity.maxOpen", "a cap cannot be negative"))
            }
            if let cap = rep.capacity.maxNewPerDay, cap < 0 {
                found.append(("\(path).capacity.maxNewPerDay", "a cap cannot be negative"))
            }
            if rep.weight < 1 { found.append(("\(path).weight", "a weight must be at least 1")) }
        }
        for (index, rep) in reps.enumerated() {
            guard let backup = rep.backup else { continue }
            if backup == rep.id {
                found.append(("reps[\(index)].backup", "a rep cannot be their own backup"))
            } else if !repIDs.contains(backup) {
                found.append(("reps[\(index)].backup", "rep '\(backup)' is not in reps"))
            }
        }
        var poolNames = Set<String>()
        for (index, pool) in pools.enumerated() {
            let path = "pools[\(index)]"
            if pool.name.isEmpty {
                found.append(("\(path).name", "the name is empty"))
            } else if !poolNames.insert(pool.name).inserted {
                found.append(("\(path).name", "pool '\(pool.name)' is listed twice"))
            }
            if pool.members.isEmpty { found.append(("\(path).members", "a pool needs at least one member")) }
            var members = Set<String>()
            for (memberIndex, member) in pool.members.enumerated() {
                if !repIDs.contains(member.rep) {
                    found.append(("\(path).members[\(memberIndex)].rep", "rep '\(member.rep)' is not in reps"))
                } else if !members.insert(member.rep).inserted {
                    found.append(("\(path).members[\(memberIndex)].rep", "rep '\(member.rep)' is listed twice"))
                }
                if let weight = member.weight, weight < 1 {
                    found.append(("\(path).members[\(memberIndex)].weight", "a weight must be at least 1"))
                }
            }
            if !(pool.valueHalfLifeDays > 0 && pool.valueHalfLifeDays.isFinite) {
                found.append(("\(path).valueHalfLifeDays", "the half-life must be a positive number of days"))
            }
        }
        for (index, segment) in segments.enumerated() {
            if segment.name.isEmpty { found.append(("segments[\(index)].name", "the name is empty")) }
            if let low = segment.minEmployees, let high = segment.maxEmployees, high < low {
                found.append(("segments[\(index)].maxEmployees", "the maximum is below the minimum"))
            }
        }
        var ruleNames = Set<String>()
        for (index, rule) in rules.enumerated() {
            let path = "rules[\(index)]"
            if rule.name.isEmpty {
                found.append(("\(path).name", "the name is empty"))
            } else if !ruleNames.insert(rule.name).inserted {
                found.append(("\(path).name", "rule '\(rule.name)' is listed twice"))
            }
            for (conditionIndex, condition) in rule.when.enumerated() {
                found += conditionProblems(condition, at: "\(path).when[\(conditionIndex)]")
            }
            if let problem = targetProblem(rule.target, repIDs: repIDs, poolNames: poolNames) {
                found.append(("\(path).target", problem))
            }
        }
        if let problem = targetProblem(defaultTarget, repIDs: repIDs, poolNames: poolNames) {
            found.append(("default", problem))
        }
        if !(dealSizes.default >= 0 && dealSizes.default.isFinite) {
            found.append(("dealSizes.default", "a deal size must be a number of 0 or more"))
        }
        let segmentNames = Set(segments.map(\.name))
        for (name, size) in dealSizes.segments.sorted(by: { $0.key < $1.key }) {
            if !segmentNames.contains(name) {
                found.append(("dealSizes.segments.\(name)", "no segment is called '\(name)'"))
            } else if !(size >= 0 && size.isFinite) {
                found.append(("dealSizes.segments.\(name)", "a deal size must be a number of 0 or more"))
            }
        }
        if unassignedQueue.isEmpty { found.append(("unassignedQueue", "the queue name is empty")) }
        if coverageQueue?.isEmpty == true { found.append(("coverageQueue", "the queue name is empty")) }
        return found
    }

    private func conditionProblems(_ condition: RoutingCondition, at path: String) -> [(path: String, message: String)]
    {
        var found: [(path: String, message: String)] = []
        if condition.field.isEmpty { found.append(("\(path).field", "the field is empty")) }
        let tests = [
            condition.in != nil, condition.notIn != nil, condition.min != nil || condition.max != nil,
            condition.exists != nil,
        ].filter { $0 }.count
        if tests != 1 {
            found.append((path, "give exactly one test: \"in\", \"notIn\", \"min\"/\"max\" or \"exists\""))
        }
        if condition.in?.isEmpty == true { found.append(("\(path).in", "an empty list matches nothing")) }
        if let low = condition.min, let high = condition.max, high < low {
            found.append(("\(path).max", "the maximum is below the minimum"))
        }
        if condition.field == "segment", segments.isEmpty {
            found.append(("\(path).field", "the field 'segment' needs a \"segments\" list"))
        }
        return found
    }

    private func targetProblem(_ target: RoutingTarget, repIDs: Set<String>, poolNames: Set<String>) -> String? {
        switch target {
        case .rep(let id): return repIDs.contains(id) ? nil : "rep '\(id)' is not in reps"
        case .pool(let name): return poolNames.contains(name) ? nil : "pool '\(name)' is not in pools"
        case .queue(let name): return name.isEmpty ? "the queue name is empty" : nil
        }
    }
}
