import Accord
import Foundation
import LeadModel
import Logging
import Testing

@testable import AccordService

/// The metrics sink counts notifications by the kind the log lines name, without formatting them.
struct NotificationKindTests {
    static let notifications: [EngineNotification] = [
        .leadCaptured("L1"), .leadsMerged(survivor: "L1", absorbed: "L2"),
        .stageChanged("L1", StageChange(from: .lead, to: .sql)), .assigned("L1", .queue("inbound")),
        .slaWarned("L1", SLAClockID("c1")), .slaBreached("L1", SLAClockID("c1")),
        .leadErased("L1"), .qualificationBlocked("L1", to: .sql, missing: [.email]),
    ]

    @Test(arguments: notifications) func kindIsTheLogLinesKind(_ notification: EngineNotification) {
        let (_, _, metadata) = LoggingSink.line(for: notification)
        #expect(LoggingSink.kind(of: notification) == metadata["kind"]?.description)
    }
}
