import Foundation
import LeadModel
import SLA
import Testing

struct StandardConfigurationTests {
    @Test func theDefaultAgreementIsValidAndRoundTrips() throws {
        #expect(SLAConfiguration.standard.problems().isEmpty)
        let data = try JSONEncoder().encode(SLAConfiguration.standard)
        #expect(try JSONDecoder().decode(SLAConfiguration.self, from: data) == .standard)
        #expect(SLAConfiguration.standard.tiers.map(\.name) == ["hot", "warm"])
    }
}
