import Foundation

/// What a plugin factory is given: the name it was registered under, its `config` from the
/// playbook, and the playbook itself.
///
/// ```swift
/// struct ModelSettings: Decodable { var threshold: Double }
/// registry.register(scorer: "propensity-model") { plugin in
///     let settings = try plugin.decode(ModelSettings.self)
///     return PropensityScorer(threshold: settings.threshold)
/// }
/// ```
public struct PluginConfiguration: Sendable {
    /// The plugin's registered name.
    public var name: String
    /// The `config` value the playbook gave it.
    public var config: JSONValue
    /// The playbook naming the plugin, for plugins that read its other sections.
    public var playbook: Playbook

    public init(name: String, config: JSONValue, playbook: Playbook) {
        self.name = name
        self.config = config
        self.playbook = playbook
    }

    /// Decodes `config` into the plugin's own settings type.
    ///
    /// - Parameter type: the settings type.
    /// - Returns: the decoded settings.
    /// - Throws: ``PluginConfigurationError`` naming the path inside `config` and what was
    ///   expected.
    public func decode<Settings: Decodable>(_ type: Settings.Type) throws(PluginConfigurationError) -> Settings {
        do {
            let data = try JSONEncoder().encode(config)
            return try JSONDecoder().decode(Settings.self, from: data)
        } catch let error as DecodingError {
            throw PluginConfigurationError(decoding: error)
        } catch {
            throw PluginConfigurationError(path: "", message: "\(error)")
        }
    }
}

/// A plugin's `config` does not fit its settings: where and why.
public struct PluginConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path inside `config` (`threshold`, `tags[2]`); empty for `config` itself.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The error of a decoding failure inside `config`, worded as playbook issues are.
    init(decoding error: DecodingError) {
        let issue = PlaybookIssue(decodingError: error)
        var path = Substring(issue.path.dropFirst())  // the "$" of the root
        if path.hasPrefix(".") { path = path.dropFirst() }
        self.init(path: String(path), message: issue.message)
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
