import Accord
import Foundation
import LeadModel
import Testing

struct ImportReaderLeadTests {
    @Test func readsLeadsWithTypedAttributesAndPlaceholders() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write(
            "leads.csv",
            """
            First Name,Last Name,E-mail,Company,Employees,Zip,Opted In,Industry,Lead Source
            Ana,Silva,Ana@Acme.com,Acme,"1,200",02134,true,N/A,webinar
            Bo,,bo@beta.io,-,250,null,no,healthcare,

            """)
        let reader = try ImportReader(url: url, kind: .leads)
        let batch = try reader.nextBatch(max: 10)
        #expect(batch.map(\.line) == [2, 3])
        guard case .lead(let ana) = batch[0].record, case .lead(let bo) = batch[1].record else {
            Issue.record("expected leads")
            return
        }
        #expect(ana.id == "", "no id column: the engine finds or mints the id")
        #expect(ana.firstName == "Ana" && ana.lastName == "Silva" && ana.email == "Ana@Acme.com")
        #expect(ana.attributes["employees"] == .number(1200))
        #expect(ana.attributes["zip"] == .string("02134"))
        #expect(ana.attributes["optedIn"] == .bool(true))
        #expect(ana.attributes["industry"] == nil)
        #expect(ana.source == "webinar")
        #expect(bo.lastName == nil && bo.company == nil && bo.source == nil)
        #expect(bo.attributes["zip"] == nil)
        #expect(bo.attributes["optedIn"] == .string("no"))
        #expect(try reader.nextBatch(max: 10).isEmpty)
    }

    @Test func usesMappedIDsExternalIDsAndTypes() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write(
            "crm.csv",
            "Record,Mail,HS,Renewal,Notes\nL-9,a@b.co,123,2026-05-01,secret\n")
        let mapping = try ImportMapping(
            parsing: "Record=id,Mail=email,HS=external:HubSpot,Renewal=attributes.renewal:date,*=-")
        let reader = try ImportReader(url: url, kind: .leads, mapping: mapping)
        let record = try #require(try reader.nextBatch(max: 1).first?.record)
        guard case .lead(let lead) = record else {
            Issue.record("expected a lead")
            return
        }
        #expect(lead.id == "L-9")
        #expect(lead.externalIDs == [ExternalID(system: "hubspot", value: "123")])
        #expect(lead.attributes["renewal"] == .date(Date(timeIntervalSince1970: 1_777_593_600)))
        #expect(lead.attributes["notes"] == nil)
    }

    @Test func deliversInBatches() throws {
        var text = "email\n"
        for index in 1...25 { text += "p\(index)@acme.com\n" }
        let reader = try ImportReader(
            data: Data(text.utf8), name: "stdin", kind: .leads, format: .csv)
        var sizes: [Int] = []
        while case let batch = try reader.nextBatch(max: 10), !batch.isEmpty {
            sizes.append(batch.count)
        }
        #expect(sizes == [10, 10, 5])
    }

    @Test func readsLeadsFromJSONLines() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write(
            "leads.ndjson",
            #"""
            {"id":"x1","email":"a@b.co","phone":4155550100,"attributes":{"employees":250,"zip":"02134"}}
            {"email":"c@d.co","externalIDs":[{"system":"outreach","value":"9"}]}
            """#)
        let reader = try ImportReader(url: url, kind: .leads)
        #expect(reader.format == .jsonLines)
        let batch = try reader.nextBatch(max: 10)
        guard case .lead(let first) = batch[0].record, case .lead(let second) = batch[1].record
        else {
            Issue.record("expected leads")
            return
        }
        #expect(first.id == "x1" && first.phone == "4155550100")
        #expect(first.attributes == ["employees": .number(250), "zip": .string("02134")])
        #expect(second.id == "")
        #expect(second.externalIDs == [ExternalID(system: "outreach", value: "9")])
    }

    @Test func rejectsUnknownExtension() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write("leads.xlsx", "x")
        #expect {
            _ = try ImportReader(url: url, kind: .leads)
        } throws: { ($0 as? ImportError)?.code == .unsupportedFormat }
    }
}

struct ImportReaderSignalTests {
    @Test func readsSignalsWithPersonAndProperties() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write(
            "signals.csv",
            "email,kind,occurredAt,source,event_id,Page,Seconds\r\n"
                + "a@b.co,pricing-page-visited,2026-11-23T10:00:00Z,website,e1,/pricing,42\r\n")
        let reader = try ImportReader(url: url, kind: .signals)
        let record = try #require(try reader.nextBatch(max: 5).first?.record)
        guard case .signal(let row) = record else {
            Issue.record("expected a signal")
            return
        }
        #expect(row.person.email == "a@b.co")
        #expect(row.signal.kind == .pricingPageVisited)
        #expect(row.signal.occurredAt == Date(timeIntervalSince1970: 1_795_428_000))
        #expect(row.signal.source == "website")
        #expect(row.signal.idempotencyKey == "e1")
        #expect(row.signal.properties == ["page": .string("/pricing"), "seconds": .number(42)])
    }

    @Test func fileWithoutKindColumnIsReported() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write("s.csv", "email,occurredAt\na@b.co,2026-11-23\n")
        let reader = try ImportReader(url: url, kind: .signals)
        let report = try reader.validateAll()
        #expect(report.errors.map(\.code) == [.missingField])
        #expect(report.errors.first?.line == 1 && report.errors.first?.column == "kind")
        #expect(throws: ImportError.self) { _ = try reader.nextBatch(max: 5) }
    }

    @Test func missingKindAndBadDateAreReportedWithLines() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write(
            "s.csv",
            """
            email,kind,occurredAt
            a@b.co,replied,2026-11-23
            b@b.co,,2026-11-23
            c@b.co,replied,23/11/2026
            ,replied,2026-11-23

            """)
        let report = try ImportReader(url: url, kind: .signals).validateAll()
        #expect(report.errorCount == 3)
        #expect(report.validRecordCount == 1)
        #expect(report.errors.map(\.line) == [3, 4, 5])
        #expect(report.errors.map(\.code) == [.missingField, .invalidValue, .missingField])
        #expect(report.errors.map(\.column) == ["kind", "occurredAt", "email"])
        #expect(!report.errors.contains { $0.description.contains("b.co") })
    }

    @Test func jsonLinesBadLineHasLineAndPath() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write(
            "s.jsonl",
            #"""
            {"email":"a@b.co","kind":"replied","occurredAt":"2026-11-23T10:00:00Z"}
            {"email":"a@b.co","kind":"replied","occurredAt":"last tuesday"}
            {"email":"a@b.co","kind":"replied","occurredAt":"2026-11-23","properties":{"score":{"a":[{}]}}}
            not json
            {"email":"a@b.co","occurredAt":"2026-11-23"}
            """#)
        let report = try ImportReader(url: url, kind: .signals).validateAll()
        #expect(report.errors.map(\.line) == [2, 3, 4, 5])
        #expect(
            report.errors.map(\.column) == [
                "$.occurredAt", "$.properties.score.a", "$", "$.kind",
            ])
        #expect(
            report.errors[0].description.hasPrefix("line 2, $.occurredAt: expected an ISO 8601"))
        #expect(!report.errors.contains { $0.description.contains("tuesday") })
    }
}

struct ImportReaderValidationTests {
    @Test func collectsEveryProblemWithCap() throws {
        let fixtures = try ImportFixtures()
        var text = "email,Employees,Since\n"
        text += "ok@acme.com,10,2026-01-01\n"
        text += "not-an-email,10,2026-01-01\n"
        text += "a@acme.com,ten,2026-01-01\n"
        text += "b@acme.com,10,soon,extra\n"
        text += "c@acme.com,10,2026-01-01\n"
        let url = try fixtures.write("l.csv", text)
        let mapping = try ImportMapping(
            parsing: "Employees=attributes.employees:number,Since=attributes.since:date")
        let reader = try ImportReader(url: url, kind: .leads, mapping: mapping)
        let report = try reader.validateAll()
        #expect(report.errors.map(\.line) == [3, 4, 5])
        #expect(report.errors.map(\.code) == [.invalidValue, .invalidValue, .wrongFieldCount])
        #expect(report.errors.map(\.column) == ["email", "Employees", nil])
        #expect(report.validRecordCount == 2)
        #expect(!report.isValid)

        let capped = try reader.validateAll(maxReported: 2)
        #expect(capped.errors.count == 2)
        #expect(capped.errorCount == 3)
        #expect(capped.unreportedErrorCount == 1)

        #expect(try reader.nextBatch(max: 1).map(\.line) == [2])
        #expect {
            _ = try reader.nextBatch(max: 10)
        } throws: { ($0 as? ImportError)?.line == 3 }
    }

    @Test func reportsHeaderAndMappingProblems() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write(
            "l.csv", "Email,email,Mail,Kind\na@b.co,a@b.co,a@b.co,x\n")
        let mapping = try ImportMapping(parsing: "Missing Column=phone,Kind=kind")
        let report = try ImportReader(url: url, kind: .leads, mapping: mapping).validateAll()
        let codes = report.errors.map(\.code)
        #expect(codes.contains(.unknownTarget))
        #expect(codes.contains(.duplicateColumn))
        #expect(codes.contains(.unknownColumn))
        #expect(report.errors.first { $0.code == .unknownColumn }?.column == "Missing Column")
    }

    @Test func unterminatedQuoteEndsValidation() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write("l.csv", "email,name\na@b.co,\"Ana\nb@b.co,Bo\n")
        let report = try ImportReader(url: url, kind: .leads).validateAll()
        #expect(report.errors.map(\.code) == [.unterminatedQuote])
        #expect(report.errors.first?.line == 2)
    }

    @Test func emptyFileHasNoHeader() throws {
        let fixtures = try ImportFixtures()
        let url = try fixtures.write("l.csv", "")
        let report = try ImportReader(url: url, kind: .leads).validateAll()
        #expect(report.errors.map(\.code) == [.missingHeader])
    }
}
