import Foundation
import Testing

@testable import Scoring

struct BoostedModelStorageTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boosted-\(UUID().uuidString)")

    func trained() throws -> BoostedModel {
        try BoostedModel.train(
            BoostedFixtures.mixed(count: 800), name: "inbound", version: 2, createdAt: LearnedFixtures.createdAt,
            options: BoostedOptions(maxIterations: 15))
    }

    @Test func roundTripsThroughAFile() throws {
        let model = try trained()
        let url = directory.appendingPathComponent("models/inbound.json")
        defer { try? FileManager.default.removeItem(at: directory) }
        try model.save(to: url)
        let loaded = try BoostedModel.load(contentsOf: url)
        #expect(loaded == model)
        #expect(loaded.kind == "boosted")
        #expect(loaded.formatVersion == BoostedModel.formatVersion)
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(text.contains(#""kind" : "boosted""#))
        let row: [FeatureValue] = [.number(4), .category("event"), .missing, .number(50)]
        #expect(loaded.probability(ofRow: row) == model.probability(ofRow: row))
    }

    @Test func refusesANewerFormat() throws {
        var model = try trained()
        model.formatVersion = BoostedModel.formatVersion + 1
        do {
            _ = try BoostedModel.decode(try model.encoded(), source: "inbound.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedFormat)
            #expect(error.message.contains("inbound.json has boosted model format 2"), "\(error.message)")
        }
    }

    @Test func refusesAnotherKindOfModel() throws {
        let logistic = try LearnedModel.train(LearnedFixtures.separable(), createdAt: LearnedFixtures.createdAt)
        do {
            _ = try BoostedModel.decode(try logistic.encoded(), source: "logistic.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedFormat)
            #expect(
                error.message.contains("logistic.json holds a logistic model, not a 'boosted' one"), "\(error.message)")
        }
        var model = try trained()
        model.kind = "forest"
        do {
            _ = try BoostedModel.decode(try model.encoded())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedFormat)
            #expect(error.message.contains("'forest'"), "\(error.message)")
        }
    }

    @Test func refusesInconsistentTrees() throws {
        var model = try trained()
        model.trees[3].left[0] = 500
        do {
            _ = try BoostedModel.decode(try model.encoded())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .corruptModel)
            #expect(error.message.contains("$.trees[3]"), "\(error.message)")
        }
        model = try trained()
        model.binner.columns[0].thresholds = [2, 1]
        do {
            _ = try BoostedModel.decode(try model.encoded())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .corruptModel)
            #expect(error.message.contains("$.binner.columns[0]"), "\(error.message)")
        }
    }

    @Test(arguments: [
        ("not json", "model"),
        (#"{"kind": "boosted", "formatVersion": 1}"#, "missing $."),
    ])
    func refusesCorruptFiles(text: String, expected: String) {
        do {
            _ = try BoostedModel.decode(Data(text.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .corruptModel)
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func aMissingFileIsAMissingModel() {
        do {
            _ = try BoostedModel.load(contentsOf: directory.appendingPathComponent("none.json"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .missingModel)
        }
    }
}
