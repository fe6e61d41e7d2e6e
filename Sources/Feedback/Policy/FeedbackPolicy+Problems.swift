import Foundation
import LeadModel

extension FeedbackPolicy {
    /// Every problem with the section, each with a JSON path relative to it (`objections[2].tag`,
    /// `acceptance.rules[0].anyOf`). Empty when the section is valid.
    ///
    /// - Parameter graph: the playbook's stage graph; when given, ``recycleStage`` must be in it.
    public func problems(in graph: StageGraph? = nil) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        var tags = Set<String>()
        for (index, objection) in objections.enumerated() {
            if objection.tag.trimmingCharacters(in: .whitespaces).isEmpty {
                found.append(("objections[\(index)].tag", "the tag is empty"))
            } else if !tags.insert(objection.tag).inserted {
                found.append(("objections[\(index)].tag", "tag '\(objection.tag)' is listed twice"))
            }
            if objection.label.trimmingCharacters(in: .whitespaces).isEmpty {
                found.append(("objections[\(index)].label", "the label is empty"))
            }
        }
        if let acceptance {
            if acceptance.rules.isEmpty {
                found.append(("acceptance.rules", "no acceptance rules; remove the section or list the rules"))
            }
            var ids = Set<String>()
            for (index, rule) in acceptance.rules.enumerated() {
                let path = "acceptance.rules[\(index)]"
                if rule.id.trimmingCharacters(in: .whitespaces).isEmpty {
                    found.append(("\(path).id", "the rule id is empty"))
                } else if !ids.insert(rule.id).inserted {
                    found.append(("\(path).id", "rule id '\(rule.id)' is listed twice"))
                }
                if let field = rule.field, field.isEmpty { found.append(("\(path).field", "the field name is empty")) }
                if let words = rule.anyOf {
                    if rule.field == nil { found.append(("\(path).anyOf", "anyOf needs a field to read")) }
                    if words.isEmpty { found.append(("\(path).anyOf", "anyOf lists no words")) }
                    for (wordIndex, word) in words.enumerated() where word.isEmpty {
                        found.append(("\(path).anyOf[\(wordIndex)]", "the word is empty"))
                    }
                }
                if let minFit = rule.minFit, !minFit.isFinite {
                    found.append(("\(path).minFit", "minFit must be a finite number"))
                }
            }
            for (index, kind) in acceptance.appliesWhen.enumerated() where kind.rawValue.isEmpty {
                found.append(("acceptance.appliesWhen[\(index)]", "the signal kind is empty"))
            }
        }
        if maxRecycles < 0 { found.append(("maxRecycles", "maxRecycles must be 0 or more, got \(maxRecycles)")) }
        if recycleStage.rawValue.isEmpty {
            found.append(("recycleStage", "the stage name is empty"))
        } else if let graph, !graph.contains(recycleStage) {
            found.append(("recycleStage", "stage '\(recycleStage)' is not in the stage graph"))
        }
        if let requalify {
            if let days = requalify.afterDays, !(days.isFinite && days > 0) {
                found.append(("requalify.afterDays", "afterDays must be a positive number, got \(days)"))
            }
            if let score = requalify.scoreAtLeast, !score.isFinite {
                found.append(("requalify.scoreAtLeast", "scoreAtLeast must be a finite number"))
            }
            if requalify.signalKinds.isEmpty, requalify.scoreAtLeast == nil, requalify.afterDays == nil {
                found.append(("requalify", "the trigger has no condition; use null for no default trigger"))
            }
        }
        return found
    }
}
