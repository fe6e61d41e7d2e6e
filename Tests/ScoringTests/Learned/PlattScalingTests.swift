import Foundation
import Scoring
import Testing

struct PlattScalingTests {
    /// Outcomes drawn from σ(z), scored 3z by an over-confident model: the fit finds slope ≈ 1/3.
    @Test func undoesAnOverconfidentScale() {
        var random = LearnedFixtures.Generator(state: 11)
        var scores: [Double] = []
        var outcomes: [Bool] = []
        for _ in 0..<20_000 {
            let z = random.next() * 6 - 3
            outcomes.append(random.next() < 1 / (1 + exp(-z)))
            scores.append(3 * z + 0.5)
        }
        let platt = PlattScaling.fit(scores: scores, outcomes: outcomes)
        #expect(abs(platt.slope - 1.0 / 3) < 0.02, "\(platt)")
        #expect(abs(platt.intercept + 0.5 / 3) < 0.05, "\(platt)")
    }

    @Test func noRowsChangeNothingAndOneSidedRowsStayFinite() {
        #expect(PlattScaling.fit(scores: [], outcomes: []) == PlattScaling(slope: 1, intercept: 0))
        let allConverted = PlattScaling.fit(scores: [0.5, 1, 2], outcomes: [true, true, true])
        #expect(allConverted.slope.isFinite && allConverted.intercept.isFinite)
        let constant = PlattScaling.fit(scores: [1, 1, 1, 1], outcomes: [true, false, false, true])
        #expect(abs(1 / (1 + exp(-constant.logOdds(1))) - 0.5) < 1e-6)
    }

    @Test func aCalibratedBoostedModelIsBetterCalibratedOutOfFoldAndSavesItsCurve() throws {
        let set = LearnedFixtures.noisy(count: 1_500)
        let model = try BoostedModel.train(set, createdAt: LearnedFixtures.createdAt)
        let (calibrated, check) = try model.calibrated(on: set)
        let platt = try #require(calibrated.calibration)
        #expect(platt.slope > 0 && platt.slope < 1, "trees on noisy data are over-confident: \(platt)")
        #expect(check.after.expectedCalibrationError < check.before.expectedCalibrationError)
        let row: [String: FeatureValue] = ["score": .number(1), "industry": .category("retail")]
        #expect(calibrated.probability(of: row) == 1 / (1 + exp(-platt.logOdds(model.rawScore(of: row)))))
        let again = try BoostedModel.decode(try calibrated.encoded())
        #expect(again == calibrated)
        let total = ConversionModel.boosted(calibrated).explain(row).reduce(0) { $0 + $1.contribution }
        let baseline = platt.logOdds(calibrated.expectedValue)
        #expect(abs(ConversionModel.boosted(calibrated).logOdds(of: row) - baseline - total) < 1e-9)
    }
}
