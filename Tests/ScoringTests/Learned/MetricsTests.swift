import Foundation
import Testing

@testable import Scoring

struct MetricsTests {
    @Test func areaUnderROCMatchesAHandComputedExampleWithTies() {
        // Positives 0.4 and 0.8; negatives 0.1, 0.35, 0.4. Pairs won: 0.4 beats 0.1 and 0.35 and
        // ties 0.4 (one half); 0.8 beats all three: (2 + 0.5 + 3) / (2 × 3) = 11/12.
        let auc = ClassificationMetrics.areaUnderROC(
            predictions: [0.1, 0.4, 0.35, 0.8, 0.4], outcomes: [false, true, false, true, false])
        #expect(abs(auc! - 11.0 / 12.0) < 1e-12)
    }

    @Test func areaUnderROCOfAllTiesIsOneHalfAndOfOneClassUndefined() {
        #expect(
            ClassificationMetrics.areaUnderROC(predictions: [0.3, 0.3, 0.3], outcomes: [true, false, true]) == 0.5)
        #expect(ClassificationMetrics.areaUnderROC(predictions: [0.1, 0.9], outcomes: [true, true]) == nil)
        #expect(ClassificationMetrics.areaUnderROC(predictions: [], outcomes: []) == nil)
        #expect(ClassificationMetrics.areaUnderROC(predictions: [0.9, 0.1], outcomes: [false, true]) == 0)
    }

    @Test func logLossMatchesAHandComputedExampleAndClips() {
        let loss = ClassificationMetrics.logLoss(predictions: [0.5, 0.9], outcomes: [true, false])
        #expect(abs(loss - (log(2.0) + log(10.0)) / 2) < 1e-12)
        let clipped = ClassificationMetrics.logLoss(predictions: [0], outcomes: [true])
        #expect(abs(clipped - -log(1e-15)) < 1e-9)
        #expect(ClassificationMetrics.logLoss(predictions: [], outcomes: []) == 0)
    }

    @Test func calibrationTableCutsDecilesOfPrediction() {
        let predictions = (1...20).map { Double($0) / 21 }
        let outcomes = (1...20).map { $0 > 16 }
        let table = CalibrationTable(predictions: predictions.reversed(), outcomes: outcomes.reversed())
        #expect(table.bins.count == 10)
        #expect(table.bins.allSatisfy { $0.rows == 2 })
        #expect(table.bins.first!.minimumPrediction == 1.0 / 21)
        #expect(table.bins.last!.actualRate == 1)
        #expect(table.bins[7].actualRate == 0)
        #expect(table.bins[8].converted == 2)
        #expect(abs(table.bins[0].meanPrediction - 1.5 / 21) < 1e-12)
    }

    @Test func calibrationOfFewerRowsThanBinsHasOneRowPerBin() {
        let table = CalibrationTable(predictions: [0.2, 0.8, 0.5], outcomes: [false, true, true])
        #expect(table.bins.map(\.rows) == [1, 1, 1])
        #expect(CalibrationTable(predictions: [], outcomes: []).bins.isEmpty)
        #expect(CalibrationTable.groups(23, 10).map(\.count) == [3, 3, 3, 2, 2, 2, 2, 2, 2, 2])
    }

    @Test func liftTableRanksHighestFirstAndCapturesEveryConversion() {
        let predictions = (0..<100).map { Double($0) / 100 }
        let outcomes = (0..<100).map { $0 >= 80 || $0 == 5 }
        let table = LiftTable(predictions: predictions, outcomes: outcomes)
        #expect(table.baseRate == 0.21)
        #expect(table.deciles[0].rate == 1)
        #expect(abs(table.deciles[0].lift - 1 / 0.21) < 1e-12)
        #expect(table.deciles[2].converted == 0)
        #expect(table.deciles[9].converted == 1)
        #expect(abs(table.deciles[1].cumulativeCapture - 20.0 / 21) < 1e-12)
        #expect(table.deciles[9].cumulativeCapture == 1)
    }

    @Test(arguments: [2, 3, 5, 10])
    func stratifiedFoldsBalanceBothClasses(folds: Int) {
        let outcomes = (0..<103).map { $0 % 4 == 0 }
        let assignment = StratifiedFolds.assign(outcomes, folds: folds, seed: 42)
        #expect(assignment.count == outcomes.count)
        #expect(assignment.allSatisfy { (0..<folds).contains($0) })
        var sizes = [Int](repeating: 0, count: folds)
        var positives = [Int](repeating: 0, count: folds)
        for (row, fold) in assignment.enumerated() {
            sizes[fold] += 1
            if outcomes[row] { positives[fold] += 1 }
        }
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(positives.max()! - positives.min()! <= 1)
        #expect(StratifiedFolds.assign(outcomes, folds: folds, seed: 42) == assignment)
    }

    @Test func stratifiedFoldsDependOnTheSeedAndHandleEmptyInput() {
        let outcomes = (0..<50).map { $0 % 3 == 0 }
        #expect(
            StratifiedFolds.assign(outcomes, folds: 5, seed: 1) != StratifiedFolds.assign(outcomes, folds: 5, seed: 2))
        #expect(StratifiedFolds.assign([], folds: 5).isEmpty)
    }

    @Test func crossValidationReportsOutOfFoldMetrics() throws {
        let set = LearnedFixtures.noisy(count: 1_000)
        let report = try CrossValidation.run(set, folds: 5)
        #expect(report.folds == 5)
        #expect(report.rows == 1_000)
        #expect(report.foldAUCs.count == 5)
        #expect(report.meanAUC! > 0.85)
        #expect(report.logLoss < report.baselineLogLoss)
        #expect(report.calibration.bins.count == 10)
        #expect(report.lift.deciles[0].lift > 1.5)
        #expect(report.converged)
        #expect(try CrossValidation.run(set, folds: 5) == report)
    }

    @Test func crossValidationRefusesTooFewFoldsOrRows() throws {
        let set = LearnedFixtures.noisy(count: 3)
        #expect(throws: LearnedModelError.self) { try CrossValidation.run(set, folds: 1) }
        #expect(throws: LearnedModelError.self) { try CrossValidation.run(set, folds: 4) }
        #expect(throws: LearnedModelError.self) { try CrossValidation.run(set, assignment: [0, 0, 0]) }
    }

    @Test func driftCheckFlagsACohortWhoseOutcomesChanged() throws {
        let set = LearnedFixtures.noisy(count: 2_000)
        let model = try LearnedModel.train(set.subset(0..<1_500), createdAt: LearnedFixtures.createdAt)
        let same = DriftReport(model: model, cohort: set.subset(1_500..<2_000))
        #expect(!same.drifted)
        #expect(same.deciles.count == 10)
        let flipped = try TrainingSet(
            columns: set.columns,
            rows: set.rows[1_500...].map { TrainingRow(values: $0.values, converted: !$0.converted) })
        let changed = DriftReport(model: model, cohort: flipped)
        #expect(changed.drifted)
        let recent = try DriftReport.recentCohort(of: set)
        #expect(recent.cohortRows == 400)
        #expect(recent.trainedRows == 1_600)
        #expect(!recent.drifted)
    }
}
