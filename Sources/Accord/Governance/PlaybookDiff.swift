import Foundation

/// What changed between two playbooks: every changed value with its JSON path, before and after.
///
/// ```swift
/// let diff = PlaybookDiff(from: active, to: proposed)
/// for change in diff.changes { print(change) }   // $.qualification.thresholds[0].score: 50 → 60
/// diff.needsReview                                // true: qualification changed
/// ```
public struct PlaybookDiff: Hashable, Sendable {
    /// One changed value.
    public struct Change: Hashable, Sendable, CustomStringConvertible {
        /// The JSON path (`$.scoring.fit[2].points`).
        public var path: String
        /// The value before, as compact JSON; `nil` when it was added.
        public var before: String?
        /// The value after, as compact JSON; `nil` when it was removed.
        public var after: String?

        public var description: String {
            switch (before, after) {
            case (nil, let after?): return "\(path): added \(after)"
            case (let before?, nil): return "\(path): removed (was \(before))"
            default: return "\(path): \(before ?? "") → \(after ?? "")"
            }
        }
    }

    /// Sections whose changes decide who gets what: they go live only with both teams' sign-off.
    public static let reviewedSections: Set<String> = [
        "scoring", "qualification", "routing", "sla", "plugins", "accountMatching",
    ]

    /// Every change, in path order.
    public var changes: [Change]

    /// The top-level sections with changes, sorted (the version itself left out: it always
    /// changes).
    public var sections: [String] {
        Set(
            changes.map { change in
                let trimmed = change.path.dropFirst(2)
                return String(trimmed.prefix { $0 != "." && $0 != "[" })
            }
        ).subtracting(["version"]).sorted()
    }

    /// Whether a reviewed section (scoring, qualification, routing, SLA, plugins, account matching)
    /// changed.
    public var needsReview: Bool { sections.contains { Self.reviewedSections.contains($0) } }

    /// Compares two playbooks value by value (arrays by position).
    public init(from old: Playbook, to new: Playbook) {
        let before = (try? JSONSerialization.jsonObject(with: old.jsonData())) ?? [:]
        let after = (try? JSONSerialization.jsonObject(with: new.jsonData())) ?? [:]
        var changes: [Change] = []
        Self.compare(before, after, at: "$", into: &changes)
        self.changes = changes
    }

    private static func compare(_ old: Any?, _ new: Any?, at path: String, into changes: inout [Change]) {
        switch (old, new) {
        case (let old as [String: Any], let new as [String: Any]):
            for key in Set(old.keys).union(new.keys).sorted() {
                compare(old[key], new[key], at: "\(path).\(key)", into: &changes)
            }
        case (let old as [Any], let new as [Any]):
            for index in 0..<max(old.count, new.count) {
                compare(
                    index < old.count ? old[index] : nil, index < new.count ? new[index] : nil, at: "\(path)[\(index)]",
                    into: &changes)
            }
        default:
            let before = old.map(render)
            let after = new.map(render)
            if before != after { changes.append(Change(path: path, before: before, after: after)) }
        }
    }

    private static func render(_ value: Any) -> String {
        if value is [Any] || value is [String: Any],
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        {
            return String(decoding: data, as: UTF8.self)
        }
        if let data = try? JSONSerialization.data(
            withJSONObject: [value], options: [.sortedKeys, .withoutEscapingSlashes])
        {
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        return "\(value)"
    }
}
