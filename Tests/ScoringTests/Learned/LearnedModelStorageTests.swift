import Foundation
import Testing

@testable import Scoring

struct LearnedModelStorageTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("learned-\(UUID().uuidString)")

    @Test func roundTripsThroughAFile() throws {
        let model = try LearnedModel.train(
            LearnedFixtures.noisy(count: 300), name: "inbound", version: 3, createdAt: LearnedFixtures.createdAt)
        let url = directory.appendingPathComponent("models/inbound.json")
        defer { try? FileManager.default.removeItem(at: directory) }
        try model.save(to: url)
        let loaded = try LearnedModel.load(contentsOf: url)
        #expect(loaded == model)
        #expect(loaded.identifier == "learned:inbound:v3")
        #expect(loaded.formatVersion == LearnedModel.formatVersion)
    }

    @Test func aMissingFileIsAMissingModel() {
        do {
            _ = try LearnedModel.load(contentsOf: directory.appendingPathComponent("none.json"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .missingModel)
        }
    }

    @Test(arguments: [
        ("not json", "model: $"),
        (#"{"name": "x"}"#, "missing $."),
    ])
    func corruptFilesAreRefused(text: String, expected: String) {
        do {
            _ = try LearnedModel.decode(Data(text.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .corruptModel)
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func mismatchedShapesAndNewerFormatsAreRefused() throws {
        var model = try LearnedModel.train(LearnedFixtures.separable(), createdAt: LearnedFixtures.createdAt)
        model.coefficients.removeLast()
        do {
            _ = try LearnedModel.decode(try model.encoded())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .corruptModel)
            #expect(error.message.contains("$.coefficients"))
        }
        model.formatVersion = LearnedModel.formatVersion + 1
        do {
            _ = try LearnedModel.decode(try model.encoded())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedFormat)
        }
    }
}
