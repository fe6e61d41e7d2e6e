import Foundation
public import LeadModel
public import Routing
public import Scoring

/// Where a host registers its own scorers, routers, calendars, notification sinks and stores by
/// name, so a playbook's `plugins` section can choose among them with their own configuration.
///
/// ``configuration(for:base:)`` turns the playbook's names into the instances an
/// ``EngineConfiguration`` holds: a name nobody registered, or a factory that rejects its
/// `config`, fails right there with the JSON path of the reference — before the engine opens,
/// never at the first lead.
///
/// ```swift
/// var plugins = PluginRegistry()
/// plugins.register(scorer: "propensity-model") { plugin in
///     PropensityScorer(settings: try plugin.decode(PropensityScorer.Settings.self))
/// }
/// let engine = try await AlignmentEngine(
///     playbook: playbook, store: store, configuration: try plugins.configuration(for: playbook))
/// ```
///
/// A registry is a value: no global registration, each engine gets the registry it is given.
public struct PluginRegistry: Sendable {
    /// Makes a plugin from its configuration; throwing rejects the configuration.
    public typealias Factory<Plugin> = @Sendable (PluginConfiguration) throws -> Plugin
    /// Makes a store from its configuration.
    public typealias StoreFactory = @Sendable (PluginConfiguration) async throws -> any EventStore

    private var scorers: [String: Factory<any LeadScorer>] = [:]
    private var routers: [String: Factory<any LeadRouter>] = [:]
    private var calendars: [String: Factory<any BusinessCalendar>] = [:]
    private var sinks: [String: Factory<any NotificationSink>] = [:]
    private var stores: [String: StoreFactory] = [:]

    /// An empty registry.
    public init() {}

    /// A registry with Accord's own plugins:
    ///
    /// - store `memory`: an ``LeadModel/InMemoryEventStore``;
    /// - store `file`: a ``Journal/FileEventStore``, config `{"directory": "journal"}`;
    /// - scorer `learned`: a ``Scoring/LearnedScorer`` from a model file `accord model train` wrote,
    ///   config `{"model": "models/conversion.json"}` — the card's total is 100 × the conversion
    ///   probability, so qualification thresholds read as percentages.
    ///
    /// - Parameter baseDirectory: what relative paths in the configs are relative to (the data
    ///   directory, for the command line); the working directory by default.
    public static func builtIn(relativeTo baseDirectory: URL? = nil) -> PluginRegistry {
        @Sendable func resolve(_ path: String) -> URL {
            guard let baseDirectory, !path.hasPrefix("/") else { return URL(fileURLWithPath: path) }
            return baseDirectory.appendingPathComponent(path)
        }
        var registry = PluginRegistry()
        registry.register(store: "memory") { _ in InMemoryEventStore() }
        registry.register(store: "file") { plugin in
            struct Settings: Decodable { var directory: String }
            let settings = try plugin.decode(Settings.self)
            return try await FileEventStore(directory: resolve(settings.directory))
        }
        registry.register(scorer: "learned") { plugin in
            struct Settings: Decodable { var model: String }
            let settings = try plugin.decode(Settings.self)
            do {
                return try LearnedScorer(contentsOf: resolve(settings.model))
            } catch let error as LearnedModelError {
                throw PluginConfigurationError(path: "model", message: error.message)
            }
        }
        return registry
    }

    /// Registers a scorer factory; a later registration under the same name replaces it.
    public mutating func register(scorer name: String, _ factory: @escaping Factory<any LeadScorer>) {
        scorers[name] = factory
    }

    /// Registers a router factory.
    public mutating func register(router name: String, _ factory: @escaping Factory<any LeadRouter>) {
        routers[name] = factory
    }

    /// Registers a business-calendar factory, for SLA tiers that name the calendar.
    public mutating func register(calendar name: String, _ factory: @escaping Factory<any BusinessCalendar>) {
        calendars[name] = factory
    }

    /// Registers a notification-sink factory.
    public mutating func register(sink name: String, _ factory: @escaping Factory<any NotificationSink>) {
        sinks[name] = factory
    }

    /// Registers a store factory.
    public mutating func register(store name: String, _ factory: @escaping StoreFactory) {
        stores[name] = factory
    }

    /// The registered names of one kind of plugin, sorted.
    public func names(of kind: PluginKind) -> [String] {
        switch kind {
        case .scorer: scorers.keys.sorted()
        case .router: routers.keys.sorted()
        case .calendar: calendars.keys.sorted()
        case .sink: sinks.keys.sorted()
        case .store: stores.keys.sorted()
        }
    }

    /// The plugins a playbook names, made by their factories.
    struct Resolved {
        var scorer: (any LeadScorer)?
        var router: (any LeadRouter)?
        var calendars: [String: any BusinessCalendar] = [:]
        var sinks: [any NotificationSink] = []
    }

    /// Makes every plugin the playbook names (except the store, which is opened before the
    /// engine).
    ///
    /// - Throws: ``PlaybookError`` with one issue per unknown name or rejected configuration.
    func resolve(_ playbook: Playbook) throws(PlaybookError) -> Resolved {
        var resolved = Resolved()
        var issues: [PlaybookIssue] = []
        for (path, kind, reference) in playbook.plugins?.references ?? [] {
            guard isRegistered(reference.name, kind) else {
                issues.append(unknown(reference.name, kind, at: path))
                continue
            }
            let plugin = PluginConfiguration(name: reference.name, config: reference.config, playbook: playbook)
            do {
                switch kind {
                case .scorer: resolved.scorer = try scorers[reference.name]?(plugin)
                case .router: resolved.router = try routers[reference.name]?(plugin)
                case .calendar:
                    let name = String(path.dropFirst("$.plugins.calendars.".count))
                    resolved.calendars[name] = try calendars[reference.name]?(plugin)
                case .sink:
                    if let sink = try sinks[reference.name]?(plugin) { resolved.sinks.append(sink) }
                case .store:
                    continue  // opened before the engine, by makeStore(for:)
                }
            } catch let error as PluginConfigurationError {
                let suffix = error.path.isEmpty ? "" : ".\(error.path)"
                issues.append(
                    PlaybookIssue(
                        path: "\(path).config\(suffix)", message: error.message,
                        hint: "the \(kind.rawValue) plugin '\(reference.name)' rejected its config"))
            } catch {
                issues.append(
                    PlaybookIssue(
                        path: "\(path).config", message: "\(error)",
                        hint: "the \(kind.rawValue) plugin '\(reference.name)' rejected its config"))
            }
        }
        guard issues.isEmpty else { throw PlaybookError(issues: issues) }
        return resolved
    }

    /// Opens the store the playbook's `plugins.store` names.
    ///
    /// - Parameter playbook: the playbook.
    /// - Returns: the store, or `nil` when the playbook names none.
    /// - Throws: ``PlaybookError`` for an unknown name or a rejected configuration; whatever the
    ///   factory throws when the store cannot be opened.
    public func makeStore(for playbook: Playbook) async throws -> (any EventStore)? {
        guard let reference = playbook.plugins?.store else { return nil }
        guard let factory = stores[reference.name] else {
            throw PlaybookError(issues: [unknown(reference.name, .store, at: "$.plugins.store")])
        }
        let plugin = PluginConfiguration(name: reference.name, config: reference.config, playbook: playbook)
        do {
            return try await factory(plugin)
        } catch let error as PluginConfigurationError {
            let suffix = error.path.isEmpty ? "" : ".\(error.path)"
            throw PlaybookError(issues: [
                PlaybookIssue(path: "$.plugins.store.config\(suffix)", message: error.message)
            ])
        }
    }

    private func isRegistered(_ name: String, _ kind: PluginKind) -> Bool {
        names(of: kind).contains(name)
    }

    private func unknown(_ name: String, _ kind: PluginKind, at path: String) -> PlaybookIssue {
        let registered = names(of: kind)
        let hint: String
        if let close = NameSuggestion.closest(to: name, among: registered) {
            hint = "did you mean '\(close)'?"
        } else if registered.isEmpty {
            hint = "the host registered no \(kind.rawValue) plugins; register one in a PluginRegistry"
        } else {
            hint = "registered: \(registered.joined(separator: ", "))"
        }
        return PlaybookIssue(path: "\(path).name", message: "no \(kind.rawValue) plugin named '\(name)'", hint: hint)
    }
}
