import Feedback
import LeadModel
import Testing

struct ReasonCodeTaxonomyTests {
    let taxonomy = ReasonCodeTaxonomy.standard

    @Test(arguments: [
        (Disposition(outcome: .rejected), FeedbackError.Code.missingReason),
        (Disposition(outcome: .rejected, reasonCode: "nope"), .unknownReason),
        (Disposition(outcome: .rejected, reasonCode: "poor-timing"), .reasonNotAllowed),
        (Disposition(outcome: .recycled, reasonCode: "wrong-persona"), .reasonNotAllowed),
    ])
    func badDispositionsFailWithTheAllowedCodes(disposition: Disposition, code: FeedbackError.Code) {
        #expect {
            _ = try taxonomy.check(disposition, for: "L1")
        } throws: { error in
            let error = error as! FeedbackError
            return error.code == code
                && error.allowedCodes == taxonomy.codes(allowedFor: disposition.outcome).map(\.code)
        }
    }

    @Test func approvedReasonBecomesTheEventReason() throws {
        let reason = try taxonomy.check(Disposition(outcome: .recycled, reasonCode: "poor-timing"), for: "L1")
        #expect(reason == Reason(rule: "reason:poor-timing", detail: "Poor timing"))
        #expect(try taxonomy.check(Disposition(outcome: .accepted), for: "L1") == nil)
    }

    @Test func noteRequiredCodesRejectBlankNotes() {
        let strict = ReasonCodeTaxonomy([
            ReasonCode(code: "other", label: "Other", allowedFor: [.rejected], requiresNote: true)
        ])
        #expect(throws: FeedbackError.self) {
            _ = try strict.check(Disposition(outcome: .rejected, reasonCode: "other", note: "  "), for: "L1")
        }
    }
}
