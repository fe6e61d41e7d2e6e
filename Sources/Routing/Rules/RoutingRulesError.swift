/// The routing section cannot make a router: it has problems, each with its JSON path.
///
/// Thrown by ``RuleRouter/init(rules:name:)``; the playbook reports the same problems earlier,
/// from ``RoutingRules/problems()``, with `$.routing.` in front of each path.
public struct RoutingRulesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One problem: where in the section, and what is wrong.
    public struct Problem: Hashable, Sendable {
        /// The JSON path relative to the section (`rules[2].target`).
        public var path: String
        /// What is wrong, in words.
        public var message: String
    }

    /// Every problem found.
    public var problems: [Problem]

    /// Lists the problems, one per line, with paths under `routing`.
    public var description: String {
        "the routing section has problems:\n"
            + problems.map { "  routing.\($0.path): \($0.message)" }.joined(separator: "\n")
    }
}
