import Accord
import Foundation
import LeadModel
import Testing

struct ImportMappingTests {
    @Test func parsesCLIForm() throws {
        let mapping = try ImportMapping(
            parsing:
                " E-mail Address = email , Employees=attributes.employees:number,HubSpot=external:HubSpot,Notes=-"
        )
        #expect(mapping.columns["E-mail Address"] == ImportTarget(.lead(.email)))
        #expect(
            mapping.columns["Employees"]
                == ImportTarget(.attribute("employees"), valueType: .number))
        #expect(mapping.columns["HubSpot"] == ImportTarget(.externalID(system: "hubspot")))
        #expect(mapping.target(for: "Notes", kind: .leads) == nil)
        #expect(mapping.unmappedColumns == .automatic)
    }

    @Test func starIgnoresUnnamedColumns() throws {
        let mapping = try ImportMapping(parsing: "Mail=email,*=-")
        #expect(mapping.unmappedColumns == .ignore)
        #expect(mapping.target(for: "First Name", kind: .leads) == nil)
        #expect(mapping.target(for: "mail", kind: .leads) == ImportTarget(.lead(.email)))
    }

    @Test func parsesBothJSONForms() throws {
        let flat = try ImportMapping(json: Data(#"{"E-mail": "email", "When": "occurredAt"}"#.utf8))
        #expect(flat.columns["When"] == ImportTarget(.occurredAt))
        let structured = try ImportMapping(
            json: Data(#"{"columns": {"E-mail": "email"}, "unmappedColumns": "ignore"}"#.utf8))
        #expect(structured.columns == ["E-mail": ImportTarget(.lead(.email))])
        #expect(structured.unmappedColumns == .ignore)
    }

    @Test func readsMappingFile() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write("map.json", #"{"Kind of event": "kind"}"#)
        #expect(try ImportMapping(contentsOf: url).columns["Kind of event"] == ImportTarget(.kind))
    }

    @Test func roundTripsThroughCodable() throws {
        let mapping = try ImportMapping(parsing: "A=email,B=attributes.size:number,*=-")
        let decoded = try JSONDecoder().decode(
            ImportMapping.self, from: try JSONEncoder().encode(mapping))
        #expect(decoded == mapping)
    }

    @Test(arguments: ["Industry=industry", "Mail=emial", "X=attributes.size:money"])
    func unknownTargetIsNamed(text: String) throws {
        do {
            _ = try ImportMapping(parsing: text)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.code == .unknownTarget)
            let target = String(text.split(separator: "=")[1])
            #expect(
                error.description.contains(
                    target.split(separator: ":").last.map(String.init) ?? target))
            #expect(error.column == String(text.split(separator: "=")[0]))
        }
    }

    @Test func unknownTargetInJSONIsNamed() {
        #expect {
            _ = try ImportMapping(json: Data(#"{"Industry": "industry"}"#.utf8))
        } throws: { error in
            (error as? ImportError)?.code == .unknownTarget
                && (error as? ImportError)?.description.contains("\"industry\"") == true
        }
    }

    @Test(arguments: ["email", "Mail=email,Mail=phone", "=email", "*=email"])
    func malformedEntriesAreRejected(text: String) {
        #expect(throws: ImportError.self) { _ = try ImportMapping(parsing: text) }
    }

    @Test func reportsTargetsTheKindCannotFill() throws {
        let mapping = try ImportMapping(parsing: "Type=kind,Size=attributes.size")
        #expect(mapping.problems(for: .leads).map(\.column) == ["Type"])
        #expect(mapping.problems(for: .signals).map(\.column) == ["Size"])
    }

    @Test(arguments: [
        ("First Name", ImportTarget.Field.lead(.firstName)),
        ("first_name", .lead(.firstName)),
        ("FIRSTNAME", .lead(.firstName)),
        ("E-mail", .lead(.email)),
        ("Phone Number", .lead(.phone)),
        ("Job Title", .lead(.title)),
        ("Company Name", .lead(.company)),
        ("Lead Source", .lead(.source)),
        ("messageAngle", .lead(.messageAngle)),
        ("attributes.industry", .attribute("industry")),
        ("external:HubSpot", .externalID(system: "hubspot")),
        ("Employee Count", .attribute("employeeCount")),
        ("annualRevenue", .attribute("annualRevenue")),
        ("NPS", .attribute("nps")),
        ("kind", .attribute("kind")),
    ])
    func mapsLeadHeadersAutomatically(header: String, expected: ImportTarget.Field) {
        #expect(ImportMapping.automatic.target(for: header, kind: .leads)?.field == expected)
    }

    @Test(arguments: [
        ("Event Type", ImportTarget.Field.kind),
        ("timestamp", .occurredAt),
        ("occurred_at", .occurredAt),
        ("Email", .lead(.email)),
        ("event_id", .idempotencyKey),
        ("properties.page", .property("page")),
        ("Page URL", .property("pageUrl")),
        ("Lead ID", .id),
    ])
    func mapsSignalHeadersAutomatically(header: String, expected: ImportTarget.Field) {
        #expect(ImportMapping.automatic.target(for: header, kind: .signals)?.field == expected)
    }
}
