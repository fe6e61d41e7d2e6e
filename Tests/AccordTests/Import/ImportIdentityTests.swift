import Accord
import Foundation
import LeadModel
import Testing

/// Identity and idempotency of imported rows come from the rows' content, never from the file's
/// name or the row's line.
struct ImportIdentityTests {
    private static func engine() async throws -> AlignmentEngine {
        try await AlignmentEngine(
            playbook: .unscored, store: InMemoryEventStore(), configuration: EngineConfiguration())
    }

    private static func ingest(
        _ text: String, named name: String, kind: ImportKind = .leads, format: ImportFormat = .csv,
        mapping: ImportMapping = .automatic, into engine: AlignmentEngine
    ) async throws -> IngestSummary {
        let reader = try ImportReader(
            data: Data(text.utf8), name: name, kind: kind, format: format, mapping: mapping)
        var summary = IngestSummary()
        while case let batch = try reader.nextBatch(max: 100), !batch.isEmpty {
            summary.add(try await engine.ingest(batch.map(\.record.ingestItem)))
        }
        return summary
    }

    @Test func twoDifferentFilesWithTheSameNameImportEveryPerson() async throws {
        let engine = try await Self.engine()
        let week1 = "email,First Name\nana@acme.com,Ana\nbo@beta.io,Bo\ncy@gamma.org,Cy\n"
        let week2 =
            "email,First Name\ndi@delta.com,Di\ned@eps.io,Ed\nfa@zeta.org,Fa\ngu@eta.net,Gu\n"
        let first = try await Self.ingest(week1, named: "leads.csv", into: engine)
        let second = try await Self.ingest(week2, named: "leads.csv", into: engine)
        #expect(first.created == 3)
        #expect(second.created == 4)
        #expect(second.matched == 0 && second.merged == 0)
    }

    @Test func reExportWithANewRowOnTopAddsOnlyThatPersonAndMergesNobody() async throws {
        let engine = try await Self.engine()
        let original = "email,First Name\nana@acme.com,Ana\nbo@beta.io,Bo\n"
        let reExport = "email,First Name\nnew@delta.com,New\nana@acme.com,Ana\nbo@beta.io,Bo\n"
        _ = try await Self.ingest(original, named: "leads.csv", into: engine)
        let again = try await Self.ingest(reExport, named: "leads.csv", into: engine)
        #expect(again.created == 1)
        #expect(again.matched == 2)
        #expect(again.merged == 0)
    }

    @Test(arguments: [ImportFormat.csv, .jsonLines])
    func sameFileTwiceAddsNothing(format: ImportFormat) async throws {
        let engine = try await Self.engine()
        let text =
            format == .csv
            ? "email,phone\nana@acme.com,\n,+1 415 555 0100\n"
            : "{\"email\":\"ana@acme.com\"}\n{\"phone\":\"+1 415 555 0100\"}\n"
        let first = try await Self.ingest(text, named: "a", format: format, into: engine)
        let second = try await Self.ingest(text, named: "b", format: format, into: engine)
        #expect(first.created == 2)
        #expect(second.created == 0 && second.merged == 0 && second.matched == 2)
    }

    @Test func leadRowWithoutIdentityIsARowError() throws {
        let text = "First Name,Company,email\nAna,Acme,\nBo,Beta,bo@beta.io\nCy,Gamma,\n"
        let reader = try ImportReader(data: Data(text.utf8), name: "l.csv", kind: .leads, format: .csv)
        let report = try reader.validateAll()
        #expect(report.errors.map(\.line) == [2, 4])
        #expect(report.errors.map(\.code) == [.missingField, .missingField])
        #expect(report.errors.first?.description.contains("identify the person") == true)
        #expect(report.validRecordCount == 1)
    }

    @Test func leadRowsKeepTheirMappedIDAndOtherwiseLeaveItToTheEngine() throws {
        let text = "id,email\nL-9,a@b.co\n,c@d.co\n"
        let reader = try ImportReader(data: Data(text.utf8), name: "l.csv", kind: .leads, format: .csv)
        let ids = try reader.nextBatch(max: 5).map { entry -> String in
            guard case .lead(let lead) = entry.record else { return "?" }
            return lead.id.rawValue
        }
        #expect(ids == ["L-9", ""])
    }

    @Test func signalsWithoutAKeyColumnAreRecordedOnceWhateverTheFileOrOrder() async throws {
        let engine = try await Self.engine()
        let rows = [
            "ana@acme.com,webinar-attended,2026-11-20T10:00:00Z,/a",
            "ana@acme.com,webinar-attended,2026-11-21T10:00:00Z,/a",
            "ana@acme.com,pricing-page-visited,2026-11-20T10:00:00Z,/a",
            "ana@acme.com,pricing-page-visited,2026-11-20T10:00:00Z,/b",
            "bo@beta.io,webinar-attended,2026-11-20T10:00:00Z,/a",
        ]
        let header = "email,kind,occurredAt,Page\n"
        let first = try await Self.ingest(
            header + rows.joined(separator: "\n"), named: "s.csv", kind: .signals, into: engine)
        #expect(first.signalsRecorded == 5)
        let reordered = [" ANA@acme.com,webinar-attended,2026-11-20T10:00:00Z,/a"] + rows.reversed()
        let again = try await Self.ingest(
            header + reordered.joined(separator: "\n"), named: "other.csv", kind: .signals,
            into: engine)
        #expect(again.signalsRecorded == 0)
        #expect(again.duplicateSignals == 6)
    }

    @Test func signalRowsFillTheLeadOnlyWhenTheMappingSaysSoAndStayOneSignal() async throws {
        let engine = try await Self.engine()
        let id = try await engine.capture(Lead(id: "", email: "ana@acme.com")).leadID
        let file =
            "email,kind,occurredAt,Company,Job Title\nana@acme.com,webinar-attended,2026-11-20T10:00:00Z,Acme,VP\n"
        let first = try await Self.ingest(file, named: "s.csv", kind: .signals, into: engine)
        #expect(first.signalsRecorded == 1)
        var state = try #require(await engine.state(of: id))
        #expect(state.lead.company == nil && state.lead.title == nil)
        #expect(state.signals.first?.properties["company"] == "Acme")
        #expect(state.signals.first?.properties["jobTitle"] == "VP")

        let mapped = try ImportMapping(parsing: "Company=company,Job Title=title")
        let again = try await Self.ingest(file, named: "s.csv", kind: .signals, mapping: mapped, into: engine)
        #expect(again.signalsRecorded == 0, "mapping the columns to the lead makes no second signal")
        #expect(again.duplicateSignals == 1)
        state = try #require(await engine.state(of: id))
        #expect(state.lead.company == "Acme" && state.lead.title == "VP")
        #expect(state.signals.count == 1)
    }

    @Test(arguments: [("Company", LeadField.company), ("Job Title", .title), ("first_name", .firstName)])
    func columnsNamingLeadFieldsAreSignalPropertiesUnlessMapped(_ column: String, _ field: LeadField) throws {
        #expect(ImportMapping.leadField(namedBy: column) == field)
        guard case .property = ImportMapping.automaticTarget(for: column, kind: .signals).field else {
            Issue.record("\(column) is not a property by default")
            return
        }
        #expect(ImportTarget(.lead(field)).isAllowed(in: .signals))
        #expect(ImportMapping.leadField(namedBy: "email") == nil)
        #expect(ImportMapping.leadField(namedBy: "utm_campaign") == nil)
    }
}
