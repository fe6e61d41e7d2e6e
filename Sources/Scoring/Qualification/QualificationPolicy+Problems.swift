import LeadModel

extension QualificationPolicy {
    /// Every problem with the policy, each with a JSON path relative to the section, such as
    /// `thresholds[0].minTotal` or `tiers[1].fitGrades[0]`. Empty when the policy is valid.
    ///
    /// - Parameter graph: the playbook's stage graph; when given, every stage named must be in it.
    public func problems(in graph: StageGraph? = nil) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        func checkStage(_ stage: Stage, at path: String) {
            if stage.rawValue.isEmpty {
                found.append((path, "the stage name is empty"))
            } else if let graph, !graph.contains(stage) {
                found.append((path, "stage '\(stage)' is not in the stage graph"))
            }
        }
        var thresholdStages: Set<Stage> = []
        for (index, threshold) in thresholds.enumerated() {
            let path = "thresholds[\(index)]"
            checkStage(threshold.stage, at: "\(path).stage")
            if !thresholdStages.insert(threshold.stage).inserted {
                found.append(("\(path).stage", "stage '\(threshold.stage)' has two thresholds"))
            }
            if !threshold.minTotal.isFinite { found.append(("\(path).minTotal", "minTotal must be a finite number")) }
            if let minFit = threshold.minFit, !minFit.isFinite {
                found.append(("\(path).minFit", "minFit must be a finite number"))
            }
            if let minEngagement = threshold.minEngagement, !minEngagement.isFinite {
                found.append(("\(path).minEngagement", "minEngagement must be a finite number"))
            }
        }
        if let graph {
            let ordered = thresholds.enumerated().filter { graph.contains($0.element.stage) }.sorted {
                graph.rank(of: $0.element.stage) < graph.rank(of: $1.element.stage)
            }
            for pair in zip(ordered, ordered.dropFirst()) where pair.1.element.minTotal < pair.0.element.minTotal {
                found.append(
                    (
                        "thresholds[\(pair.1.offset)].minTotal",
                        "the threshold for '\(pair.1.element.stage)' is below the one for earlier stage '\(pair.0.element.stage)'"
                    ))
            }
        }
        var names: Set<String> = []
        for (index, trigger) in triggers.enumerated() {
            let path = "triggers[\(index)]"
            if trigger.name.isEmpty { found.append(("\(path).name", "the name is empty")) }
            if !trigger.name.isEmpty, !names.insert(trigger.name).inserted {
                found.append(("\(path).name", "trigger name '\(trigger.name)' is used twice"))
            }
            if trigger.kinds.isEmpty { found.append(("\(path).kinds", "list at least one signal kind")) }
            checkStage(trigger.stage, at: "\(path).stage")
            if let withinDays = trigger.withinDays, !(withinDays > 0 && withinDays.isFinite) {
                found.append(("\(path).withinDays", "withinDays must be a positive number of days"))
            }
        }
        for (index, rule) in tiers.enumerated() {
            let path = "tiers[\(index)]"
            if rule.tier.isEmpty { found.append(("\(path).tier", "the tier name is empty")) }
            for (gradeIndex, grade) in (rule.fitGrades ?? []).enumerated() where !GradeScale.fitGrades.contains(grade) {
                found.append(("\(path).fitGrades[\(gradeIndex)]", "unknown fit grade '\(grade)'; use A, B, C or D"))
            }
            for (gradeIndex, grade) in (rule.engagementGrades ?? []).enumerated() where !(1...4).contains(grade) {
                found.append(
                    ("\(path).engagementGrades[\(gradeIndex)]", "unknown engagement grade \(grade); use 1, 2, 3 or 4"))
            }
            for (stageIndex, stage) in (rule.stages ?? []).enumerated() {
                checkStage(stage, at: "\(path).stages[\(stageIndex)]")
            }
        }
        if defaultTier.isEmpty { found.append(("defaultTier", "the default tier name is empty")) }
        if eligibleStages.isEmpty {
            found.append(("eligibleStages", "no stage is eligible; the policy would never move a lead"))
        }
        for (index, stage) in eligibleStages.enumerated() {
            checkStage(stage, at: "eligibleStages[\(index)]")
            if let graph, graph.terminal.contains(stage) {
                found.append(("eligibleStages[\(index)]", "stage '\(stage)' is terminal; leads never leave it"))
            }
        }
        for (index, stage) in rearmOn.enumerated() { checkStage(stage, at: "rearmOn[\(index)]") }
        return found
    }
}
