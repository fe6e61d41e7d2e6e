import Accord
import Foundation
import LeadModel
import Routing
import SLA
import Scoring
import Testing

/// The one wiring route: ``PluginRegistry/configuration(for:base:)`` turns a playbook's names and
/// sections into the instances an engine runs with.
struct EngineConfigurationResolutionTests {
    typealias FlatScorer = PluginRegistryTests.FlatScorer

    /// Sends every lead to one queue.
    struct QueueRouter: LeadRouter {
        var queue: String
        func route(_ input: RoutingInput) -> RoutingDecision? {
            RoutingDecision(owner: .queue(queue), router: "queue")
        }
    }

    /// Two reps sharing one pool.
    static let routing = try! JSONDecoder().decode(
        RoutingRules.self,
        from: Data(
            #"{"reps": [{"id": "ana"}, {"id": "bo"}], "pools": [{"name": "all", "members": [{"rep": "ana"}, {"rep": "bo"}]}], "rules": [], "default": {"pool": "all"}}"#
                .utf8))

    static var registry: PluginRegistry {
        var registry = PluginRegistryTests.registry
        registry.register(router: "queue") { plugin in
            struct Settings: Decodable { var queue: String }
            return QueueRouter(queue: try plugin.decode(Settings.self).queue)
        }
        return registry
    }

    /// The standard playbook with routing rules and the given plugins section.
    static func playbook(_ plugins: PluginsSection? = nil) -> Playbook {
        var playbook = Playbook.standard
        playbook.routing = routing
        playbook.plugins = plugins
        return playbook
    }

    @Test func builtInsAreMadeFromThePlaybooksSections() throws {
        let configuration = try PluginRegistry().configuration(for: Self.playbook())
        #expect(configuration.identity is StandardIdentityResolver)
        #expect(configuration.scorer is RuleScorer)
        #expect(configuration.router is RuleRouter)
        #expect(configuration.sla is TieredSLAPolicy)
        #expect(configuration.sinks.isEmpty)
    }

    @Test func aPlaybookWithoutSectionsLeavesThePoliciesOut() throws {
        let configuration = try PluginRegistry().configuration(for: .unscored)
        #expect(configuration.identity is StandardIdentityResolver)
        #expect(configuration.scorer == nil)
        #expect(configuration.router == nil)
    }

    @Test func namesResolveToTheRegisteredInstances() throws {
        let collector = NotificationSinkTests.Collector()
        var registry = Self.registry
        registry.register(sink: "collector") { _ in collector }
        let playbook = Self.playbook(
            PluginsSection(
                scorer: PluginReference(name: "flat", config: ["points": 42]),
                router: PluginReference(name: "queue", config: ["queue": "inbound"]),
                sinks: [PluginReference(name: "collector")]))
        let configuration = try registry.configuration(for: playbook)
        #expect((configuration.scorer as? FlatScorer)?.points == 42)
        #expect((configuration.router as? QueueRouter)?.queue == "inbound")
        #expect(configuration.sinks.count == 1)
        #expect(configuration.sla is TieredSLAPolicy, "no plugin replaces the playbook's tiers")
    }

    @Test func hostInstancesWinOverNamesAndSections() throws {
        let hostSink = NotificationSinkTests.Collector()
        let pluginSink = NotificationSinkTests.Collector()
        var registry = Self.registry
        registry.register(sink: "collector") { _ in pluginSink }
        let playbook = Self.playbook(
            PluginsSection(
                scorer: PluginReference(name: "flat", config: ["points": 42]),
                router: PluginReference(name: "queue", config: ["queue": "inbound"]),
                sinks: [PluginReference(name: "collector")]))
        let sla = TieredSLAPolicy(configuration: .standard)
        let base = EngineConfiguration(
            scorer: FlatScorer(points: 7), router: QueueRouter(queue: "host"), sla: sla, sinks: [hostSink],
            conflictRetries: 9)
        let configuration = try registry.configuration(for: playbook, base: base)
        #expect((configuration.scorer as? FlatScorer)?.points == 7)
        #expect((configuration.router as? QueueRouter)?.queue == "host")
        #expect(configuration.conflictRetries == 9)
        #expect(configuration.sinks.count == 2)
        #expect(configuration.sinks.first as? NotificationSinkTests.Collector === hostSink, "the host's sinks first")
        #expect(configuration.sinks.last as? NotificationSinkTests.Collector === pluginSink)
    }

    @Test func unknownNamesAreRefusedWithASuggestion() throws {
        let playbook = Self.playbook(
            PluginsSection(scorer: PluginReference(name: "flta"), router: PluginReference(name: "queu")))
        let error = #expect(throws: PlaybookError.self) {
            // A host scorer does not excuse a name nobody registered.
            _ = try Self.registry.configuration(for: playbook, base: EngineConfiguration(scorer: FlatScorer(points: 1)))
        }
        #expect(error?.issues.map(\.path) == ["$.plugins.scorer.name", "$.plugins.router.name"])
        #expect(error?.issues.map(\.hint) == ["did you mean 'flat'?", "did you mean 'queue'?"])
    }

    @Test func anInvalidPlaybookIsRefusedBeforeAnyPluginIsMade() throws {
        var playbook = Self.playbook()
        playbook.version = ""
        let error = #expect(throws: PlaybookError.self) {
            _ = try PluginRegistry().configuration(for: playbook)
        }
        #expect(error?.issues.map(\.path) == playbook.validate().map(\.path))
    }

    @Test func theEngineUsesAResolvedConfigurationAsItIs() async throws {
        let playbook = Self.playbook(PluginsSection(scorer: PluginReference(name: "flat", config: ["points": 42])))
        let engine = try await AlignmentEngine(
            playbook: playbook, store: InMemoryEventStore(),
            configuration: Self.registry.configuration(for: playbook))
        let result = try await engine.record(
            Signal(kind: .replied, occurredAt: Date(timeIntervalSince1970: 1_000)), from: Lead(id: "", email: "a@b.com")
        )
        #expect(result.state.score?.fit == 42)
    }

    @Test func theEngineRefusesNamesWhenGivenNoRegistry() async throws {
        let playbook = Self.playbook(PluginsSection(scorer: PluginReference(name: "flat")))
        let error = await #expect(throws: PlaybookError.self) {
            _ = try await AlignmentEngine(
                playbook: playbook, store: InMemoryEventStore(), configuration: EngineConfiguration())
        }
        #expect(error?.issues.map(\.path) == ["$.plugins.scorer.name"])
        #expect(error?.issues.first?.hint == "the host registered no scorer plugins; register one in a PluginRegistry")
    }
}
