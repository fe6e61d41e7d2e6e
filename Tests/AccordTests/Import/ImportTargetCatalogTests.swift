import Accord
import Foundation
import LeadModel
import Testing

/// The catalog that `accord import --help` and the guide print lists exactly the targets the
/// importer accepts.
struct ImportTargetCatalogTests {
    @Test(arguments: ImportKind.allCases)
    func everyListedNamedTargetIsAcceptedByThatKind(kind: ImportKind) throws {
        for entry in ImportTargetCatalog.targets(for: kind) where !entry.name.contains("<") && entry.name != "-" {
            let target = try ImportTarget(parsing: entry.name)
            #expect(target.isAllowed(in: kind), "\(entry.name) listed for \(kind)")
            #expect(!entry.summary.isEmpty)
        }
    }

    @Test(arguments: ImportKind.allCases)
    func everyAcceptedNamedTargetIsListed(kind: ImportKind) {
        let listed = Set(ImportTargetCatalog.targets(for: kind).map(\.name))
        var named: [ImportTarget.Field] = [
            .id, .kind, .occurredAt, .idempotencyKey, .createdAt, .stage, .stageEnteredAt,
        ]
        named += LeadField.standard.map { .lead($0) }
        for field in named where ImportTarget(field).isAllowed(in: kind) {
            #expect(listed.contains(ImportTarget(field).description), "\(field) missing for \(kind)")
        }
        #expect(listed.contains("external:<system>") && listed.contains("-"))
        #expect(listed.contains(kind == .leads ? "attributes.<name>[:type]" : "properties.<name>[:type]"))
        #expect(!listed.contains(kind == .leads ? "properties.<name>[:type]" : "attributes.<name>[:type]"))
    }

    @Test func everyOpportunityFieldIsListedWithWhatItMeans() {
        let entries = ImportTargetCatalog.opportunityTargets
        #expect(entries.map(\.name) == OpportunityField.allCases.map(\.rawValue) + ["-"])
        for entry in entries { #expect(!entry.summary.isEmpty, "\(entry.name) has no summary") }
    }

    @Test func signalsListThePersonsFieldsAsWhoseSignalItIs() {
        let email = ImportTargetCatalog.targets(for: .signals).first { $0.name == "email" }
        #expect(email?.summary.contains("whose signal") == true)
        let signals = ImportTargetCatalog.targets(for: .signals)
        #expect(!signals.contains { $0.name == "createdAt" })
        let company = signals.first { $0.name == "company" }
        #expect(company?.summary.contains("when the mapping names it") == true)
    }
}
