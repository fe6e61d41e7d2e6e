/// A lead's identifier in another system, such as a form tool or an outbound sequencer.
///
/// Two records carrying the same `ExternalID` are the same person, whatever else differs.
public struct ExternalID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The system that issued the identifier, for example `"hubspot"` or `"outreach"`.
    public var system: String
    /// The identifier within that system.
    public var value: String

    public init(system: String, value: String) {
        self.system = system
        self.value = value
    }

    public var description: String { "\(system):\(value)" }
}
