import Foundation
import Scoring

/// Deterministic training sets for the boosted-model tests.
enum BoostedFixtures {
    /// `count` rows of a pure interaction: a lead converts when `x` and `y` have different signs
    /// (with 5% of outcomes flipped); `noise` does nothing. Neither `x` nor `y` alone says
    /// anything, so a model additive in its inputs cannot rank these rows.
    static func exclusiveOr(count: Int, seed: UInt64 = 11) -> TrainingSet {
        var random = LearnedFixtures.Generator(state: seed)
        let rows = (0..<count).map { _ -> TrainingRow in
            let x = random.next() * 2 - 1
            let y = random.next() * 2 - 1
            let flip = random.next() < 0.05
            return TrainingRow(
                values: [.number(x), .number(y), .number(random.next())], converted: ((x > 0) != (y > 0)) != flip)
        }
        return try! TrainingSet(
            columns: [TrainingColumn("x", .numeric), TrainingColumn("y", .numeric), TrainingColumn("noise", .numeric)],
            rows: rows)
    }

    /// `count` rows whose outcome does not depend on the features at all (30% converted).
    static func noise(count: Int, seed: UInt64 = 5) -> TrainingSet {
        var random = LearnedFixtures.Generator(state: seed)
        let rows = (0..<count).map { _ -> TrainingRow in
            TrainingRow(
                values: [
                    .number(random.next()), .number(random.next()), .category(["a", "b", "c"][Int(random.next() * 3)]),
                ],
                converted: random.next() < 0.3)
        }
        return try! TrainingSet(
            columns: [TrainingColumn("u", .numeric), TrainingColumn("v", .numeric), TrainingColumn("w", .categorical)],
            rows: rows)
    }

    /// `count` rows with missing values and categories: a missing `visits` converts often, many
    /// visits convert, `source` "event" converts and "rare" (seen 3 times) is too rare for a bin.
    static func mixed(count: Int, seed: UInt64 = 3) -> TrainingSet {
        var random = LearnedFixtures.Generator(state: seed)
        let sources = ["web", "event", "partner", "ads"]
        let rows = (0..<count).map { index -> TrainingRow in
            let missing = random.next() < 0.25
            let visits = (random.next() * 20).rounded()
            let source = index < 3 ? "rare" : sources[Int(random.next() * 4)]
            var logit = -1.0 + (missing ? 2.5 : visits / 10) + (source == "event" ? 1.5 : 0)
            logit += random.next() < 0.1 ? 0 : 0.2 * (random.next() - 0.5)
            let hasIndustry = random.next() < 0.9
            return TrainingRow(
                values: [
                    missing ? .missing : .number(visits), .category(source),
                    hasIndustry ? .category(["fintech", "retail"][Int(random.next() * 2)]) : .missing,
                    .number(random.next() * 100),
                ],
                converted: random.next() < 1 / (1 + exp(-logit)))
        }
        return try! TrainingSet(
            columns: [
                TrainingColumn("visits", .numeric), TrainingColumn("source", .categorical),
                TrainingColumn("industry", .categorical), TrainingColumn("score", .numeric),
            ], rows: rows)
    }
}
