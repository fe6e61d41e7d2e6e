import Feedback
import Foundation
import LeadModel
import Routing
import SLA
import Scoring

extension Playbook {
    /// Every problem with the playbook's content, each with its JSON path. Empty when valid.
    ///
    /// Plugin names are checked against a registry by ``validate(plugins:)``; this checks only
    /// that each is given.
    public func validate() -> [PlaybookIssue] {
        var issues: [PlaybookIssue] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(PlaybookIssue(path: "$.name", message: "the name is empty"))
        }
        if version.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(
                PlaybookIssue(
                    path: "$.version", message: "the version is empty",
                    hint: "decisions record the version; use something like \"2026.11.1\""))
        }
        issues += ownerIssues()
        let graph = stages.graph
        for problem in graph.problems() {
            issues.append(PlaybookIssue(path: "$.stages.graph.\(problem.path)", message: problem.message))
        }
        if !graph.contains(stages.handoff) {
            issues.append(
                PlaybookIssue(
                    path: "$.stages.handoff",
                    message: "handoff stage '\(stages.handoff)' is not in stages.graph.stages"))
        }
        for (index, gate) in stages.gates.gates.enumerated() {
            if !graph.contains(gate.stage) {
                issues.append(
                    PlaybookIssue(
                        path: "$.stages.gates[\(index)].stage",
                        message: "stage '\(gate.stage)' is not in stages.graph.stages"))
            }
            if gate.requiredFields.isEmpty {
                issues.append(
                    PlaybookIssue(
                        path: "$.stages.gates[\(index)].requiredFields",
                        message: "a gate with no required fields has no effect",
                        hint: "list fields such as \"email\", \"company\" or \"industry\""))
            }
            for (fieldIndex, field) in gate.requiredFields.enumerated() where field.rawValue.isEmpty {
                issues.append(
                    PlaybookIssue(
                        path: "$.stages.gates[\(index)].requiredFields[\(fieldIndex)]",
                        message: "a field name is empty"))
            }
        }
        for problem in identity.problems() {
            issues.append(PlaybookIssue(path: "$.identity.\(problem.path)", message: problem.message))
        }
        let freeMail = FreeMailDomains(adding: identity.addedFreeMailDomains, removing: identity.removedFreeMailDomains)
        for problem in accountMatching?.problems(freeMailDomains: freeMail) ?? [] {
            issues.append(PlaybookIssue(path: "$.accountMatching.\(problem.path)", message: problem.message))
        }
        for problem in scoring?.problems() ?? [] {
            issues.append(PlaybookIssue(path: "$.scoring.\(problem.path)", message: problem.message))
        }
        for problem in qualification?.problems(in: graph) ?? [] {
            issues.append(PlaybookIssue(path: "$.qualification.\(problem.path)", message: problem.message))
        }
        for (path, _, reference) in plugins?.references ?? []
        where reference.name.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(
                PlaybookIssue(
                    path: "\(path).name", message: "the plugin name is empty",
                    hint: "name a plugin the host registered in its PluginRegistry"))
        }
        let pluginCalendars = Set(plugins?.calendars.keys.map { $0 } ?? [])
        for problem in sla?.problems(pluginCalendars: pluginCalendars) ?? [] {
            issues.append(PlaybookIssue(path: "$.sla.\(problem.path)", message: problem.message))
        }
        for problem in routing?.problems() ?? [] {
            issues.append(PlaybookIssue(path: "$.routing.\(problem.path)", message: problem.message))
        }
        if let routing, let sla {
            let tiers = sla.tiers.map(\.name)
            for name in routing.ownerAway.tiers.keys.sorted() where !tiers.contains(name) {
                issues.append(
                    PlaybookIssue(
                        path: "$.routing.ownerAway.tiers.\(name)", message: "no SLA tier is called '\(name)'",
                        hint: "name one of the sla section's tiers: \(tiers.joined(separator: ", "))"))
            }
        }
        for problem in feedback.problems(in: graph) {
            issues.append(PlaybookIssue(path: "$.feedback.\(problem.path)", message: problem.message))
        }
        var seenCodes = Set<String>()
        for (index, code) in reasonCodes.codes.enumerated() {
            if code.code.isEmpty {
                issues.append(
                    PlaybookIssue(path: "$.reasonCodes[\(index)].code", message: "the code is empty"))
            } else if !seenCodes.insert(code.code).inserted {
                issues.append(
                    PlaybookIssue(
                        path: "$.reasonCodes[\(index)].code",
                        message: "code '\(code.code)' is listed twice"))
            }
            if code.allowedFor.isEmpty {
                issues.append(
                    PlaybookIssue(
                        path: "$.reasonCodes[\(index)].allowedFor",
                        message: "the code is allowed for no disposition",
                        hint: "use any of \"accepted\", \"rejected\", \"recycled\""))
            }
        }
        return issues
    }

    private func ownerIssues() -> [PlaybookIssue] {
        var issues: [PlaybookIssue] = []
        var names: Set<String> = []
        for (index, owner) in owners.enumerated() {
            if owner.name.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(PlaybookIssue(path: "$.owners[\(index)].name", message: "the name is empty"))
            } else if !names.insert(owner.name).inserted {
                issues.append(
                    PlaybookIssue(path: "$.owners[\(index)].name", message: "'\(owner.name)' is listed twice"))
            }
            if owner.team.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(
                    PlaybookIssue(
                        path: "$.owners[\(index)].team", message: "the team is empty",
                        hint: "use \"marketing\" or \"sales\""))
            }
        }
        if !owners.isEmpty {
            for team in PlaybookOwner.signingTeams where !owners.contains(where: { $0.team == team }) {
                issues.append(
                    PlaybookIssue(
                        path: "$.owners", message: "no \(team) owner: every version needs a \(team) sign-off",
                        hint: "add {\"name\": …, \"team\": \"\(team)\"}"))
            }
        }
        return issues
    }

    /// Every problem with the playbook, including plugins the registry does not have or whose
    /// factories reject their `config` (each factory is called once to check).
    ///
    /// - Parameter registry: the host's plugins.
    /// - Returns: the problems; empty when the engine would open with this playbook.
    public func validate(plugins registry: PluginRegistry) -> [PlaybookIssue] {
        var issues = validate()
        do {
            _ = try registry.resolve(self)
        } catch {
            issues += error.issues
        }
        return issues
    }

    /// Decodes and validates a playbook from JSON, reporting every problem at once.
    ///
    /// - Parameters:
    ///   - data: the JSON document.
    ///   - file: the file name to show in errors.
    /// - Throws: ``PlaybookError`` listing each problem with its JSON path: malformed JSON, a key
    ///   given twice in one object, a missing or mistyped field, a number out of its type's range,
    ///   an unknown field at any depth, and every validation problem.
    public static func decode(from data: Data, file: String? = nil) throws(PlaybookError) -> Playbook {
        var issues: [PlaybookIssue] = []
        do {
            let object = try JSONSerialization.jsonObject(with: data)
            guard let top = object as? [String: Any] else {
                throw PlaybookError(
                    file: file,
                    issues: [PlaybookIssue(path: "$", message: "expected a JSON object")])
            }
            for key in top.keys.sorted() where !knownKeys.contains(key) {
                issues.append(
                    PlaybookIssue(
                        path: "$.\(key)", message: "unknown field",
                        hint: NameSuggestion.closest(to: key, among: knownKeys.sorted()).map { "did you mean '\($0)'?" }
                    ))
            }
            // JSONSerialization and JSONDecoder keep one of two values given for a key without
            // a word; the author meant one of them, so say which key and where.
            for duplicate in JSONDuplicateKeys.duplicates(in: data) {
                issues.append(
                    PlaybookIssue(
                        path: duplicate.path, message: "\"\(duplicate.key)\" is given more than once in this object",
                        hint: "keep one of the values"))
            }
        } catch let error as PlaybookError {
            throw error
        } catch {
            throw PlaybookError(
                file: file,
                issues: [PlaybookIssue(path: "$", message: "not valid JSON: \(jsonMessage(error))")])
        }
        let playbook: Playbook
        do {
            playbook = try JSONDecoder().decode(Playbook.self, from: data)
        } catch let error as DecodingError {
            // Decoding stops at the first bad value; decode each section alone so that one
            // mistyped value does not hide the problems of the other sections.
            let sectionIssues = decodingIssuesBySection(data)
            let whole = PlaybookIssue(decodingError: located(error, decoding: Playbook.self, from: data))
            throw PlaybookError(file: file, issues: issues + (sectionIssues.isEmpty ? [whole] : sectionIssues))
        } catch {
            throw PlaybookError(file: file, issues: issues + [PlaybookIssue(path: "$", message: "\(error)")])
        }
        issues += unknownNestedFields(in: data)
        issues += playbook.validate()
        guard issues.isEmpty else { throw PlaybookError(file: file, issues: issues) }
        return playbook
    }

    /// The decoding problem of each top-level section, each section decoded on its own, and the
    /// required fields that are missing.
    private static func decodingIssuesBySection(_ data: Data) -> [PlaybookIssue] {
        guard let top = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return [] }
        var issues: [PlaybookIssue] = []
        func check<Section: Decodable>(_ key: String, _ type: Section.Type) {
            guard let value = top[key] else { return }
            let bytes: Data
            do {
                bytes = try JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed)
            } catch {
                issues.append(PlaybookIssue(path: "$.\(key)", message: "\(error)"))
                return
            }
            do {
                _ = try JSONDecoder().decode(Section.self, from: bytes)
            } catch let error as DecodingError {
                var issue = PlaybookIssue(decodingError: located(error, decoding: Section.self, from: bytes))
                issue.path = "$.\(key)" + issue.path.dropFirst()
                issues.append(issue)
            } catch {
                issues.append(PlaybookIssue(path: "$.\(key)", message: "\(error)"))
            }
        }
        for key in ["name", "version"] where top[key] == nil {
            issues.append(PlaybookIssue(path: "$.\(key)", message: "required field is missing"))
        }
        check("name", String.self)
        check("version", String.self)
        check("owners", [PlaybookOwner].self)
        check("reviewCadence", ReviewCadence.self)
        check("stages", StagesSection.self)
        check("identity", StandardIdentityResolver.Configuration.self)
        check("reasonCodes", ReasonCodeTaxonomy.self)
        check("scoring", ScoringRules.self)
        check("qualification", QualificationPolicy.self)
        check("sla", SLAConfiguration.self)
        check("routing", RoutingRules.self)
        check("feedback", FeedbackPolicy.self)
        check("plugins", PluginsSection.self)
        check("accountMatching", AccountMatchingConfiguration.self)
        return issues
    }

    /// `error` with the path and reason of the bad value when `JSONDecoder` gave neither.
    ///
    /// `JSONDecoder` refuses a number that does not fit its field (`"maxRecycles": 1e20`, or
    /// `1.5` for a count) as "not valid JSON" at the document's root; decoding the same document
    /// with ``KeyRecordingDecoder`` finds the value, its JSON path and the allowed range.
    private static func located<T: Decodable>(_ error: DecodingError, decoding type: T.Type, from data: Data)
        -> DecodingError
    {
        guard case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
            let value = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return error }
        do {
            _ = try KeyRecordingDecoder.unknownKeys(decoding: type, from: value)
        } catch let precise as DecodingError {
            return precise
        } catch {}
        return error
    }

    /// Fields inside the sections that no part of the playbook reads (the top level is checked
    /// against ``knownKeys`` before decoding), each with the closest known field as a hint.
    private static func unknownNestedFields(in data: Data) -> [PlaybookIssue] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data),
            let unknown = try? KeyRecordingDecoder.unknownKeys(decoding: Playbook.self, from: value)
        else { return [] }
        return unknown.filter { $0.path != "$" }.map { item in
            let hint =
                NameSuggestion.closest(to: item.key, among: item.known).map { "did you mean '\($0)'?" }
                ?? (item.known.isEmpty ? nil : "known here: \(item.known.joined(separator: ", "))")
            return PlaybookIssue(path: "\(item.path).\(item.key)", message: "unknown field", hint: hint)
        }
    }

    /// Loads, decodes and validates a playbook file.
    ///
    /// - Throws: ``PlaybookError``; an unreadable file is reported at path `$`.
    public static func load(contentsOf url: URL) throws(PlaybookError) -> Playbook {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PlaybookError(
                file: url.path,
                issues: [PlaybookIssue(path: "$", message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try decode(from: data, file: url.path)
    }

    /// The playbook as pretty-printed JSON with sorted keys, as `accord init` writes it.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable values into JSON cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    private static func jsonMessage(_ error: any Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }

}

extension PlaybookIssue {
    /// An issue from a decoding error, with the JSON path of the failing value.
    init(decodingError error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("$") { result, key in
                if let index = key.intValue { return "\(result)[\(index)]" }
                return "\(result).\(key.stringValue)"
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(path: path(context.codingPath + [key]), message: "required field is missing")
        case .typeMismatch(let type, let context):
            self.init(path: path(context.codingPath), message: "expected \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(path: path(context.codingPath), message: "expected \(Self.describe(type)), found null")
        case .dataCorrupted(let context):
            self.init(path: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            self.init(path: "$", message: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }
}
