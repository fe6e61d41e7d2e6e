/// A person who owns the agreement for their team and signs its versions off.
///
/// ```json
/// {"name": "Maria Díaz", "team": "sales"}
/// ```
public struct PlaybookOwner: Hashable, Sendable, Codable {
    /// The team a playbook version needs sign-off from: at least one owner of each.
    public static let signingTeams = ["marketing", "sales"]

    /// How the owner signs (`accord playbook sign VERSION --owner NAME`).
    public var name: String
    /// `marketing`, `sales`, or another team (such as `revops`) whose sign-off is welcome but
    /// not required.
    public var team: String

    public init(name: String, team: String) {
        self.name = name
        self.team = team
    }
}
