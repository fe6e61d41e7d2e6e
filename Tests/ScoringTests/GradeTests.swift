import Foundation
import LeadModel
import Scoring
import Testing

struct GradeTests {
    @Test(arguments: [
        (30.0, 50.0, "A1"), (29.99, 49.99, "B2"), (20, 25, "B2"), (19.99, 24.99, "C3"), (10, 10, "C3"),
        (9.99, 9.99, "D4"), (-50, -20, "D4"), (100, 0, "A4"),
    ])
    func standardScaleGradesAtInclusiveBoundaries(fit: Double, engagement: Double, grade: String) {
        #expect(GradeScale.standard.grade(fit: fit, engagement: engagement) == grade)
    }

    @Test func scorerGradesWithTheConfiguredScale() {
        let scale = GradeScale(fit: .init(10, 5, 1), engagement: .init(100, 50, 20))
        let rules = ScoringRules(
            fit: [FitRule("industry", field: "industry", .present, points: 10)],
            engagement: [EngagementRule("replied", kinds: [.replied], points: 25)], grades: scale)
        let state = Fixtures.state(attributes: ["industry": "x"], signals: [Fixtures.signal(.replied, daysAgo: 1)])
        #expect(Fixtures.score(rules, state).grade == "A3")
    }

    @Test(arguments: ["A1", "D4", "B3"])
    func gradeReadsBackFromText(text: String) {
        #expect(Grade(text)?.description == text)
    }

    @Test(arguments: ["E1", "A5", "A", "AA1", ""])
    func gradeRejectsMalformedText(text: String) {
        #expect(Grade(text) == nil)
    }
}
