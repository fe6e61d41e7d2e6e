import Accord
import Foundation
import LeadModel
import Logging
import Testing

@testable import AccordService

/// The metrics sink counts notifications by the kind the log lines name, without formatting them.
struct NotificationKindTests {
    static let kinds: [(EngineNotification, String)] = [
        (.leadCaptured("L1"), "lead-captured"), (.leadsMerged(survivor: "L1", absorbed: "L2"), "leads-merged"),
        (.stageChanged("L1", StageChange(from: .lead, to: .sql)), "stage-changed"),
        (.assigned("L1", .queue("inbound")), "assigned"), (.slaWarned("L1", SLAClockID("c1")), "sla-warned"),
        (.slaBreached("L1", SLAClockID("c1")), "sla-breached"), (.leadErased("L1"), "lead-erased"),
        (.qualificationBlocked("L1", to: .sql, missing: [.email]), "qualification-blocked"),
    ]

    @Test(arguments: kinds) func kindIsTheLogLinesKind(_ notification: EngineNotification, _ kind: String) {
        let (_, _, metadata) = LoggingSink.line(for: notification)
        #expect(LoggingSink.kind(of: notification) == kind)
        #expect(metadata["kind"]?.description == kind)
    }
}
