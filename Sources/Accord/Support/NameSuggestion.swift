/// "Did you mean …?" for mistyped names: the playbook's unknown fields, the CLI's commands and
/// options.
package enum NameSuggestion {
    /// The candidate closest to `name`, when it is at most `maximumEdits` edits away.
    ///
    /// ```swift
    /// NameSuggestion.closest(to: "stagse", among: ["stages", "scoring"])   // "stages"
    /// ```
    package static func closest(to name: String, among candidates: some Sequence<String>, maximumEdits: Int = 2)
        -> String?
    {
        var best: (candidate: String, edits: Int)?
        for candidate in candidates {
            let edits = distance(candidate, name)
            if edits <= maximumEdits, edits < best?.edits ?? .max { best = (candidate, edits) }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between two names, ignoring case.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
