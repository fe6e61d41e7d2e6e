import Foundation
import LeadModel

/// Every mapping target of each kind of import, with what it means: the table that
/// `accord import --help` and the command-line guide print, so that they list exactly what the
/// importer accepts.
///
/// ```swift
/// for entry in ImportTargetCatalog.targets(for: .leads) { print(entry.name, entry.summary) }
/// ```
public enum ImportTargetCatalog {
    /// One target: how a mapping writes it, and what it fills.
    public struct Entry: Hashable, Sendable {
        /// The target as written in a mapping, such as `email` or `attributes.<name>[:type]`.
        public var name: String
        /// What the target fills.
        public var summary: String
    }

    /// The targets a leads or signals import accepts, in the order the guide lists them.
    ///
    /// - Parameter kind: The kind of import.
    /// - Returns: Every target ``ImportTarget/isAllowed(in:)`` accepts for `kind`: each standard
    ///   field by name, then the patterns (`attributes.<name>`, `external:<system>`, `-`).
    public static func targets(for kind: ImportKind) -> [Entry] {
        entries.filter { $0.target.map { $0.isAllowed(in: kind) } ?? $0.kinds.contains(kind) }
            .map { Entry(name: $0.name, summary: kind == .signals ? $0.signalSummary ?? $0.summary : $0.summary) }
    }

    /// The targets an opportunities import accepts (``OpportunityField``), in declaration order.
    public static var opportunityTargets: [Entry] {
        OpportunityField.allCases.map { field in
            Entry(name: field.rawValue, summary: opportunitySummaries[field] ?? "")
        } + [Entry(name: "-", summary: "ignore the column")]
    }

    /// A catalog line: a target (or, for patterns, the kinds that accept it) and its meaning.
    private struct Line {
        var name: String
        var target: ImportTarget?
        var kinds: [ImportKind] = []
        var summary: String
        var signalSummary: String?
    }

    private static let leadFieldSummaries: [LeadField: (String, String?)] = [
        .email: ("the person's email; identifies them", "the person's email; tells whose signal it is"),
        .phone: ("the person's phone, any formatting; identifies them", "the person's phone; tells whose signal it is"),
        .firstName: ("first name", nil),
        .lastName: ("last name", nil),
        .title: ("job title", nil),
        .company: ("company name", nil),
        .account: ("account id (default: from the work-email domain); also accountID", nil),
        .source: ("the channel the lead came from", "the signal's source"),
        .campaign: ("the campaign", "the signal's campaign"),
        .messageAngle: ("the message or offer that produced the response", nil),
    ]

    private static let entries: [Line] = {
        var lines = [
            Line(
                name: "id", target: ImportTarget(.id),
                summary: "the lead's Accord id (else matched by email, phone or external id)",
                signalSummary: "the Accord id of the lead the signal belongs to")
        ]
        for field in LeadField.standard {
            var (summary, signal) = leadFieldSummaries[field] ?? (field.rawValue, nil)
            if !ImportTarget.signalRowLeadFields.contains(field) {
                signal =
                    summary + ", filled on the signal's person when the mapping names it "
                    + "(a column of that name alone is a signal property)"
            }
            lines.append(
                Line(name: field.rawValue, target: ImportTarget(.lead(field)), summary: summary, signalSummary: signal))
        }
        lines += [
            Line(
                name: "createdAt", target: ImportTarget(.createdAt),
                summary: "when the lead was created in the source: its capture, and its cohort, are dated then"),
            Line(
                name: "stage", target: ImportTarget(.stage),
                summary:
                    "the stage the lead stood in: a playbook stage or a lifecycle word (marketingqualifiedlead → mql, salesqualifiedlead → sql, customer → won)"
            ),
            Line(
                name: "stageDate", target: ImportTarget(.stageEnteredAt),
                summary: "when the lead entered that stage (default: createdAt)"),
            Line(
                name: "kind", target: ImportTarget(.kind), summary: "the signal kind, such as quote-requested; required"
            ),
            Line(
                name: "occurredAt", target: ImportTarget(.occurredAt),
                summary: "when the signal happened; required"),
            Line(
                name: "idempotencyKey", target: ImportTarget(.idempotencyKey),
                summary: "the source's event id; the signal is recorded once per key (default: from the row's content)"),
            Line(
                name: "attributes.<name>[:type]", kinds: [.leads],
                summary: "a custom attribute; type auto, string, number, bool or date"),
            Line(
                name: "properties.<name>[:type]", kinds: [.signals],
                summary: "a custom signal property; type auto, string, number, bool or date"),
            Line(
                name: "external:<system>", kinds: [.leads, .signals],
                summary: "the person's id in another system, such as external:hubspot"),
            Line(
                name: "-", kinds: [.leads, .signals],
                summary: "ignore the column ('*=-' ignores every column not named)"),
        ]
        return lines
    }()

    private static let opportunitySummaries: [OpportunityField: String] = [
        .leadID: "the Accord id of the deal's lead (leadId, email or account is required)",
        .email: "the email of the deal's lead",
        .account: "the account's domain or company name; without a contact, the account's own deal",
        .id: "the deal's id in the CRM; required",
        .amount: "the deal's amount, such as 24000 or 24,000.50; empty when not known",
        .currency: "a three-letter currency code (default USD)",
        .product: "the product or product line",
        .owner: "the rep who owns the deal",
        .dealStage: "the CRM's pipeline stage, kept as the deal stage",
        .status: "open, won or lost (also Closed Won, Closed Lost and pipeline stage names)",
        .openedAt: "when the CRM created the deal",
        .closeDate: "the expected close date of an open deal, the close date of a closed one",
        .reason: "why the deal was won or lost",
    ]

    /// The catalog as help text: one `  name  summary` line per target.
    ///
    /// - Parameter entries: The entries, from ``targets(for:)`` or ``opportunityTargets``.
    /// - Returns: The lines, the names padded to one column.
    public static func lines(_ entries: [Entry]) -> [String] {
        let width = (entries.map(\.name.count).max() ?? 0) + 2
        return entries.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + $0.summary }
    }
}
