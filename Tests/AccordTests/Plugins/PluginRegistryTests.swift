import Accord
import Foundation
import Journal
import LeadModel
import SLA
import Scoring
import Testing

/// A host's plugins, named by the playbook with their own configuration.
struct PluginRegistryTests {
    /// Scores every lead with the points its configuration gives.
    struct FlatScorer: LeadScorer {
        struct Settings: Decodable { var points: Double }
        let points: Double

        func score(_ input: ScoringInput) -> ScoreCard? {
            ScoreCard(
                scorer: "flat", fit: points, engagement: 0,
                contributions: [.init(rule: "flat", axis: .fit, points: points, evidence: "configured")])
        }
    }

    /// A calendar with no business hours at all: business durations never end.
    struct AlwaysClosed: BusinessCalendar {
        func adding(_ duration: TimeInterval, to start: Date) -> Date { .distantFuture }
        func businessTime(from start: Date, to end: Date) -> TimeInterval { 0 }
    }

    static var registry: PluginRegistry {
        var registry = PluginRegistry()
        registry.register(scorer: "flat") { plugin in
            FlatScorer(points: try plugin.decode(FlatScorer.Settings.self).points)
        }
        registry.register(calendar: "always-closed") { _ in AlwaysClosed() }
        return registry
    }

    static func playbook(_ plugins: PluginsSection) -> Playbook {
        var playbook = Playbook.unscored
        playbook.plugins = plugins
        return playbook
    }

    @Test func theNamedScorerIsMadeWithItsConfig() async throws {
        let playbook = Self.playbook(PluginsSection(scorer: PluginReference(name: "flat", config: ["points": 42])))
        let engine = try await AlignmentEngine(
            playbook: playbook, store: InMemoryEventStore(), configuration: Self.registry.configuration(for: playbook))
        let result = try await engine.record(
            Signal(kind: .replied, occurredAt: Date(timeIntervalSince1970: 1_000)), from: Lead(id: "", email: "a@b.com")
        )
        #expect(result.state.score?.scorer == "flat")
        #expect(result.state.score?.fit == 42)
    }

    @Test func anUnknownNameFailsWhenTheEngineOpensWithAHint() async throws {
        let playbook = Self.playbook(PluginsSection(scorer: PluginReference(name: "flta")))
        let error = await #expect(throws: PlaybookError.self) {
            _ = try await AlignmentEngine(
                playbook: playbook, store: InMemoryEventStore(),
                configuration: Self.registry.configuration(for: playbook))
        }
        #expect(error?.issues.map(\.path) == ["$.plugins.scorer.name"])
        #expect(error?.issues.first?.hint == "did you mean 'flat'?")
    }

    @Test func aRejectedConfigNamesThePathInsideIt() async throws {
        let playbook = Self.playbook(
            PluginsSection(
                scorer: PluginReference(name: "flat", config: ["points": "many"]),
                sinks: [PluginReference(name: "slack")]))
        let issues = playbook.validate(plugins: Self.registry)
        #expect(issues.map(\.path) == ["$.plugins.scorer.config.points", "$.plugins.sinks[0].name"])
        #expect(issues.first?.message == "expected a number")
        #expect(issues.last?.hint == "the host registered no sink plugins; register one in a PluginRegistry")
    }

    @Test func sinkPluginsReceiveNotifications() async throws {
        let collector = NotificationSinkTests.Collector()
        var registry = PluginRegistry()
        registry.register(sink: "collector") { _ in collector }
        let playbook = Self.playbook(PluginsSection(sinks: [PluginReference(name: "collector")]))
        let engine = try await AlignmentEngine(
            playbook: playbook, store: InMemoryEventStore(), configuration: registry.configuration(for: playbook))
        let result = try await engine.capture(Lead(id: "", email: "ana@acme.com"))
        #expect(await collector.received == [.leadCaptured(result.leadID)])
    }

    @Test func tiersMayNameAPluginCalendar() throws {
        var sla = SLAConfiguration.standard
        sla.tiers[0].calendar = "apac"
        var playbook = Self.playbook(
            PluginsSection(calendars: ["apac": PluginReference(name: "always-closed")]))
        playbook.sla = sla
        #expect(playbook.validate().isEmpty, "the section declares the calendar")
        #expect(playbook.validate(plugins: Self.registry).isEmpty)
        #expect(playbook.validate(plugins: PluginRegistry()).map(\.path) == ["$.plugins.calendars.apac.name"])
        playbook.plugins = nil
        #expect(playbook.validate().map(\.path) == ["$.sla.tiers[0].calendar"])
    }

    @Test func builtInStoresOpenFromThePlaybook() async throws {
        let memory = try await PluginRegistry.builtIn().makeStore(
            for: Self.playbook(PluginsSection(store: PluginReference(name: "memory"))))
        #expect(memory is InMemoryEventStore)
        #expect(try await PluginRegistry.builtIn().makeStore(for: .unscored) == nil)
        let directory = FileManager.default.temporaryDirectory.appending(path: "accord-plugin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try await PluginRegistry.builtIn().makeStore(
            for: Self.playbook(
                PluginsSection(store: PluginReference(name: "file", config: ["directory": .string(directory.path)]))))
        #expect(file is FileEventStore)
        try await (file as? FileEventStore)?.close()
        await #expect(throws: PlaybookError.self) {
            _ = try await PluginRegistry.builtIn().makeStore(
                for: Self.playbook(PluginsSection(store: PluginReference(name: "postgres"))))
        }
    }

    @Test func thePluginsSectionRoundTripsThroughJSON() throws {
        let json = """
            {"name": "A", "version": "1",
             "plugins": {"scorer": {"name": "flat", "config": {"points": 5, "tags": ["a", null, true]}},
                         "sinks": [{"name": "slack"}]}}
            """
        let playbook = try Playbook.decode(from: Data(json.utf8))
        #expect(playbook.plugins?.scorer?.config == ["points": 5, "tags": ["a", nil, true]])
        #expect(playbook.plugins?.sinks == [PluginReference(name: "slack")])
        let again = try Playbook.decode(from: playbook.jsonData())
        #expect(again == playbook)
        let blank = Self.playbook(PluginsSection(router: PluginReference(name: " ")))
        #expect(blank.validate().map(\.path) == ["$.plugins.router.name"])
    }
}
