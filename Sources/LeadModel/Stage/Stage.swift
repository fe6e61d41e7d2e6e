/// A lifecycle stage. Teams define their own stages, so a stage is a name, not an enum case;
/// the well-known ones are provided as constants.
public struct Stage: StringIdentifier {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let lead: Stage = "lead"
    public static let mql: Stage = "mql"
    public static let sql: Stage = "sql"
    public static let opportunity: Stage = "opportunity"
    public static let won: Stage = "won"
    public static let lost: Stage = "lost"
    public static let recycled: Stage = "recycled"
    public static let disqualified: Stage = "disqualified"
}
