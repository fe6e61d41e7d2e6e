import Feedback
import LeadModel
import Testing

/// The taxonomy's check, in the Feedback module's own tests: a disposition may cite only an
/// approved code that is allowed for its outcome.
struct ReasonCodeTaxonomyCheckTests {
    let taxonomy = ReasonCodeTaxonomy.standard

    @Test(arguments: [
        (Disposition.Outcome.rejected, "no-such-code"),
        (.recycled, "Poor-Timing"),
        (.rejected, ""),
        (.accepted, "made-up"),
    ])
    func refusesAnUnknownCode(_ outcome: Disposition.Outcome, _ code: String) {
        let error = #expect(throws: FeedbackError.self) {
            try taxonomy.check(Disposition(outcome: outcome, reasonCode: code), for: "L1")
        }
        #expect(error?.code == .unknownReason)
        #expect(error?.allowedCodes == taxonomy.codes(allowedFor: outcome).map(\.code))
    }

    @Test(arguments: [
        (Disposition.Outcome.recycled, "wrong-persona"),
        (.recycled, "out-of-icp"),
        (.rejected, "poor-timing"),
        (.rejected, "qualified"),
        (.accepted, "duplicate"),
    ])
    func refusesACodeNotAllowedForTheOutcome(_ outcome: Disposition.Outcome, _ code: String) {
        let error = #expect(throws: FeedbackError.self) {
            try taxonomy.check(Disposition(outcome: outcome, reasonCode: code), for: "L1")
        }
        #expect(error?.code == .reasonNotAllowed)
        #expect(error?.description.contains(code) == true)
    }

    @Test(arguments: Disposition.Outcome.allCases)
    func acceptsEveryCodeAllowedForTheOutcome(_ outcome: Disposition.Outcome) throws {
        for entry in taxonomy.codes(allowedFor: outcome) {
            let reason = try taxonomy.check(Disposition(outcome: outcome, reasonCode: entry.code), for: "L1")
            #expect(reason?.rule == "reason:\(entry.code)")
        }
    }

    @Test func aCustomTaxonomyAcceptsOnlyItsOwnCodes() {
        let custom = ReasonCodeTaxonomy([ReasonCode(code: "bad-fit", label: "Bad fit", allowedFor: [.rejected])])
        #expect(throws: Never.self) {
            try custom.check(Disposition(outcome: .rejected, reasonCode: "bad-fit"), for: "L1")
        }
        let error = #expect(throws: FeedbackError.self) {
            try custom.check(Disposition(outcome: .rejected, reasonCode: "wrong-persona"), for: "L1")
        }
        #expect(error?.code == .unknownReason)
    }
}
