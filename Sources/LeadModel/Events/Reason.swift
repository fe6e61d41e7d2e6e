/// One reason behind a decision, stored with the event so the decision can be explained later.
///
/// `rule` names the rule, policy or code that applied (`"mql-floor"`, `"gate:sql"`,
/// `"reason:wrong-persona"`); `detail` says in words what it found.
public struct Reason: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rule: String
    public var detail: String

    public init(rule: String, detail: String) {
        self.rule = rule
        self.detail = detail
    }

    public var description: String { "\(rule): \(detail)" }
}
