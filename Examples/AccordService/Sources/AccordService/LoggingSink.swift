import Accord
import Foundation
import LeadModel
import Logging

/// Logs every notification the engine publishes, with structured metadata: the lead, the kind of
/// decision, and what it decided (stage, owner, clock, escalation step, missing fields).
///
/// A `NotificationSink`: the engine awaits it after the facts are stored, so it only formats
/// and hands the line to the logger. The metadata never holds personal data, only ids, stage
/// names, owners and clock tiers. The full reasons of each decision stay in the journal
/// (`GET /v1/leads/{id}/explain`).
public struct LoggingSink: NotificationSink {
    /// The logger the lines go to.
    public let logger: Logger

    /// Makes a sink.
    /// - Parameter logger: the logger the lines go to.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs one notification: SLA breaches and escalations as warnings, the rest as info.
    /// - Parameter notification: what the engine published.
    public func deliver(_ notification: EngineNotification) async {
        let (level, message, metadata) = Self.line(for: notification)
        logger.log(level: level, "\(message)", metadata: metadata)
    }

    /// The kind of a notification, as its log line's `kind` metadata names it
    /// (`stage-changed`, `sla-breached`, …), without formatting the line.
    static func kind(of notification: EngineNotification) -> String {
        switch notification {
        case .leadCaptured: "lead-captured"
        case .leadsMerged: "leads-merged"
        case .stageChanged: "stage-changed"
        case .assigned: "assigned"
        case .slaStarted: "sla-started"
        case .slaWarned: "sla-warned"
        case .slaBreached: "sla-breached"
        case .slaEscalated: "sla-escalated"
        case .leadErased: "lead-erased"
        case .qualificationBlocked: "qualification-blocked"
        }
    }

    /// The level, message and metadata of a notification's log line; the metadata's `kind` is
    /// ``kind(of:)``.
    static func line(for notification: EngineNotification) -> (Logger.Level, String, Logger.Metadata) {
        var (level, message, metadata) = details(of: notification)
        metadata["kind"] = "\(kind(of: notification))"
        return (level, message, metadata)
    }

    private static func details(of notification: EngineNotification) -> (Logger.Level, String, Logger.Metadata) {
        switch notification {
        case .leadCaptured(let lead):
            return (.info, "lead captured", ["lead": "\(lead)"])
        case .leadsMerged(let survivor, let absorbed):
            return (
                .info, "leads merged",
                ["lead": "\(survivor)", "absorbed": "\(absorbed)"]
            )
        case .stageChanged(let lead, let change):
            return (
                .info, "stage changed",
                ["lead": "\(lead)", "from": "\(change.from)", "to": "\(change.to)"]
            )
        case .assigned(let lead, let owner):
            return (.info, "assigned", ["lead": "\(lead)", "owner": "\(owner)"])
        case .slaStarted(let lead, let clock):
            return (
                .info, "response clock started",
                [
                    "lead": "\(lead)", "clock": "\(clock.id)", "tier": "\(clock.tier)",
                    "deadline": "\(clock.deadline.formatted(.iso8601))",
                ]
            )
        case .slaWarned(let lead, let clock):
            return (.info, "response clock warning", ["lead": "\(lead)", "clock": "\(clock)"])
        case .slaBreached(let lead, let clock):
            return (
                .warning, "response clock breached", ["lead": "\(lead)", "clock": "\(clock)"]
            )
        case .slaEscalated(let lead, let escalation):
            var metadata: Logger.Metadata = [
                "lead": "\(lead)", "clock": "\(escalation.clockID)",
                "step": "\(escalation.step)",
            ]
            if let target = escalation.target { metadata["target"] = "\(target)" }
            return (.warning, "response clock escalated", metadata)
        case .leadErased(let lead):
            return (.info, "personal data erased", ["lead": "\(lead)"])
        case .qualificationBlocked(let lead, let stage, let missing):
            return (
                .info, "handoff gate blocked qualification",
                [
                    "lead": "\(lead)", "to": "\(stage)",
                    "missing": .array(missing.map { "\($0.rawValue)" }),
                ]
            )
        }
    }
}
