import Foundation
import LeadModel
import Routing
import SLA
import Scoring

extension PluginRegistry {
    /// The engine configuration a playbook asks for: the one route from the playbook's names and
    /// sections to the instances an ``AlignmentEngine`` runs with.
    ///
    /// Each policy the host set in `base` is kept; each one left `nil` is made from the
    /// playbook:
    ///
    /// - identity: a ``LeadModel/StandardIdentityResolver`` with the playbook's `identity` rules;
    /// - scorer: the `plugins.scorer` this registry makes, else a `RuleScorer` of the `scoring`
    ///   rules, else none;
    /// - router: the `plugins.router` this registry makes, else a `RuleRouter` of the `routing`
    ///   rules, else none;
    /// - SLA policy: a `TieredSLAPolicy` of the `sla` tiers, with the calendars `plugins.calendars`
    ///   names, else none;
    /// - sinks: `base`'s sinks, then the `plugins.sinks` this registry makes.
    ///
    /// Every plugin the playbook names is made (except the store, see ``makeStore(for:)``), even
    /// when `base` replaces it, so a name nobody registered is refused here — the same check the
    /// engine makes when it opens.
    ///
    /// ```swift
    /// var registry = PluginRegistry.builtIn(relativeTo: dataDirectory)
    /// registry.register(sink: "slack") { plugin in try SlackSink(plugin.decode(SlackSink.Settings.self)) }
    /// let configuration = try registry.configuration(for: playbook, base: EngineConfiguration(now: { clock.now }))
    /// let engine = try await AlignmentEngine(playbook: playbook, store: store, configuration: configuration)
    /// ```
    ///
    /// The engine uses the result as it is; it resolves a configuration that did not come from
    /// here against an empty registry, so a host without named plugins need not call this.
    ///
    /// - Parameters:
    ///   - playbook: the playbook the engine will open with.
    ///   - base: the clock, retries and the host's own instances; they win over the playbook.
    /// - Returns: `base` with every policy filled in.
    /// - Throws: ``PlaybookError`` for an invalid playbook, a plugin name this registry does not
    ///   have (with a suggestion), or a `config` its factory rejects — each with its JSON path.
    public func configuration(
        for playbook: Playbook, base: EngineConfiguration = EngineConfiguration()
    ) throws(PlaybookError) -> EngineConfiguration {
        let issues = playbook.validate()
        guard issues.isEmpty else { throw PlaybookError(issues: issues) }
        let plugins = try resolve(playbook)
        var configuration = base
        configuration.identity = base.identity ?? StandardIdentityResolver(configuration: playbook.identity)
        configuration.scorer = base.scorer ?? plugins.scorer ?? playbook.scoring.map { RuleScorer($0) }
        configuration.sla =
            base.sla ?? playbook.sla.map { TieredSLAPolicy(configuration: $0, calendars: plugins.calendars) }
        configuration.sinks = base.sinks + plugins.sinks
        if let router = base.router ?? plugins.router {
            configuration.router = router
        } else if let rules = playbook.routing {
            do {
                configuration.router = try RuleRouter(rules: rules)
            } catch {
                throw PlaybookError(
                    issues: error.problems.map { PlaybookIssue(path: "$.routing.\($0.path)", message: $0.message) })
            }
        }
        configuration.isResolved = true
        return configuration
    }
}

extension EngineConfiguration {
    /// This configuration ready to run `playbook`: as it is when a registry already resolved it
    /// (after checking the playbook), otherwise resolved against an empty ``PluginRegistry``.
    func resolved(for playbook: Playbook) throws(PlaybookError) -> EngineConfiguration {
        guard isResolved else { return try PluginRegistry().configuration(for: playbook, base: self) }
        let issues = playbook.validate()
        guard issues.isEmpty else { throw PlaybookError(issues: issues) }
        return self
    }
}
