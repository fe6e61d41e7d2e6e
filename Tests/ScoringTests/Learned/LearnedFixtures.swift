import Foundation
import Scoring

/// Small deterministic training sets for the learned-scoring tests.
enum LearnedFixtures {
    static let createdAt = Date(timeIntervalSince1970: 1_795_000_000)

    /// A tiny generator so the data sets are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    /// `count` rows: `score` (numeric) drives the outcome through a logistic curve of slope
    /// `slope`, `industry` (categorical) adds to it for fintech, `noise` does nothing.
    static func noisy(count: Int, slope: Double = 2, seed: UInt64 = 7) -> TrainingSet {
        var random = Generator(state: seed)
        let industries = ["fintech", "retail", "health"]
        let rows = (0..<count).map { index -> TrainingRow in
            let score = random.next() * 4 - 2
            let industry = industries[index % 3]
            let logit = slope * score + (industry == "fintech" ? 1 : 0) - 0.5
            let converted = random.next() < 1 / (1 + exp(-logit))
            return TrainingRow(
                values: [.number(score), .category(industry), .number(random.next())], converted: converted,
                observedAt: createdAt + Double(index) * 3_600, origin: "row \(index + 1)")
        }
        return try! TrainingSet(
            columns: [
                TrainingColumn("score", .numeric), TrainingColumn("industry", .categorical),
                TrainingColumn("noise", .numeric),
            ], rows: rows)
    }

    /// Rows where `score` above 5 always converts and below never does.
    static func separable() -> TrainingSet {
        let rows = (0..<40).map { (index: Int) -> TrainingRow in
            let letter: FeatureValue = .category(index % 2 == 0 ? "a" : "b")
            return TrainingRow(values: [.number(Double(index % 10)), letter], converted: index % 10 > 5)
        }
        return try! TrainingSet(
            columns: [TrainingColumn("score", .numeric), TrainingColumn("letter", .categorical)], rows: rows)
    }
}
