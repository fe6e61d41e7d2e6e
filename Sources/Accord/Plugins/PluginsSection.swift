/// The playbook's `plugins` section: which of the host's registered plugins this agreement uses.
///
/// Each entry names a factory the host registered in a ``PluginRegistry`` and gives it its own
/// configuration. A name nobody registered is an error when the engine opens — never at the
/// first lead.
///
/// ```json
/// "plugins": {
///   "scorer": {"name": "propensity-model", "config": {"threshold": 0.7}},
///   "router": {"name": "territory-service"},
///   "calendars": {"apac": {"name": "holiday-service", "config": {"region": "SG"}}},
///   "sinks": [{"name": "slack", "config": {"channel": "#sales-alerts"}}],
///   "store": {"name": "file"}
/// }
/// ```
public struct PluginsSection: Hashable, Sendable, Codable {
    /// Replaces the playbook's `scoring` rules.
    public var scorer: PluginReference?
    /// Replaces the playbook's `routing` rules.
    public var router: PluginReference?
    /// Business calendars by name, for SLA tiers to use besides the `sla` section's own.
    public var calendars: [String: PluginReference]
    /// Receivers of the engine's notifications.
    public var sinks: [PluginReference]
    /// The journal's store, for hosts that open it from the playbook
    /// (``PluginRegistry/makeStore(for:)``).
    public var store: PluginReference?

    public init(
        scorer: PluginReference? = nil, router: PluginReference? = nil, calendars: [String: PluginReference] = [:],
        sinks: [PluginReference] = [], store: PluginReference? = nil
    ) {
        self.scorer = scorer
        self.router = router
        self.calendars = calendars
        self.sinks = sinks
        self.store = store
    }

    private enum CodingKeys: String, CodingKey { case scorer, router, calendars, sinks, store }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scorer = try container.decodeIfPresent(PluginReference.self, forKey: .scorer)
        router = try container.decodeIfPresent(PluginReference.self, forKey: .router)
        calendars = try container.decodeIfPresent([String: PluginReference].self, forKey: .calendars) ?? [:]
        sinks = try container.decodeIfPresent([PluginReference].self, forKey: .sinks) ?? []
        store = try container.decodeIfPresent(PluginReference.self, forKey: .store)
    }

    /// Every reference with its JSON path, in a stable order.
    var references: [(path: String, kind: PluginKind, reference: PluginReference)] {
        var all: [(path: String, kind: PluginKind, reference: PluginReference)] = []
        if let scorer { all.append(("$.plugins.scorer", .scorer, scorer)) }
        if let router { all.append(("$.plugins.router", .router, router)) }
        for name in calendars.keys.sorted() { all.append(("$.plugins.calendars.\(name)", .calendar, calendars[name]!)) }
        for (index, sink) in sinks.enumerated() { all.append(("$.plugins.sinks[\(index)]", .sink, sink)) }
        if let store { all.append(("$.plugins.store", .store, store)) }
        return all
    }
}

/// The kinds of plugin a host can register.
public enum PluginKind: String, Hashable, Sendable, CaseIterable {
    case scorer, router, calendar, sink, store
}
