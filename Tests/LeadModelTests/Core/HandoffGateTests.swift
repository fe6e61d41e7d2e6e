import LeadModel
import Testing

struct HandoffGateTests {
    let gates = HandoffGates([
        HandoffGate(stage: .sql, requiredFields: [.email, .company, "industry", "attributes.useCase"]),
        HandoffGate(stage: .sql, requiredFields: [.email, .source]),
    ])

    @Test func failingGateNamesEveryMissingFieldOnce() {
        let lead = Lead(id: "L1", email: "ana@acme.com", company: "  ")
        #expect {
            try gates.check(lead, entering: .sql)
        } throws: { error in
            let error = error as! LeadModelError
            return error.code == .handoffGateFailed
                && error.missingFields == [.company, "industry", "useCase", .source]
        }
    }

    @Test func completeLeadPasses() throws {
        let lead = Lead(
            id: "L1", email: "ana@acme.com", company: "Acme", source: "webinar",
            attributes: ["industry": "healthcare", "useCase": .string("payroll")])
        try gates.check(lead, entering: .sql)
        #expect(gates.missingFields(of: lead, entering: .sql).isEmpty)
    }

    @Test func stagesWithoutGatesAlwaysPass() throws {
        try gates.check(Lead(id: "L1"), entering: .mql)
    }

    @Test func blankAndEmptyValuesCountAsMissing() {
        let lead = Lead(id: "L1", attributes: ["industry": .string(" "), "tags": .list([])])
        #expect(lead["industry"] == nil)
        #expect(lead["tags"] == nil)
    }
}
