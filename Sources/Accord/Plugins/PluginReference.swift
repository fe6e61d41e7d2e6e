/// A plugin named in the playbook, with its own configuration.
///
/// ```json
/// {"name": "propensity-model", "config": {"threshold": 0.7}}
/// ```
public struct PluginReference: Hashable, Sendable, Codable {
    /// The name the host registered the plugin's factory under.
    public var name: String
    /// The plugin's own settings, handed to its factory as written; `null` when left out.
    public var config: JSONValue

    public init(name: String, config: JSONValue = .null) {
        self.name = name
        self.config = config
    }

    private enum CodingKeys: String, CodingKey { case name, config }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        config = try container.decodeIfPresent(JSONValue.self, forKey: .config) ?? .null
    }
}
