import Accord
import Foundation
import LeadModel
import Testing

/// The standard exports of people from HubSpot and Salesforce import without a map.
///
/// The headers below are written from the vendors' public documentation of their exports, from
/// memory: this machine has no internet access, so they could not be checked against a live
/// export. Column sets vary with each account's properties; the tests hold the standard ones.
struct ImportExportProfileTests {
    /// HubSpot: CRM → Contacts → Export (all properties trimmed to the default columns).
    static let hubSpotContacts = """
        Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Lifecycle Stage,Lead Status,Contact owner,Create Date,Last Activity Date,Original Source,Marketing contact status
        51,Ana,Silva,ana@acme.com,+1 415 555 0100,Acme,VP Finance,Marketing Qualified Lead,Open,Rep One,2018-01-15 10:30,2018-02-01 09:00,Organic Search,Marketing contact
        52,Bo,Berg,bo@beta.io,,Beta,Controller,customer,Connected,Rep Two,2018-02-20 16:05,,Paid Search,Non-marketing contact

        """

    /// Salesforce: a Leads report exported as CSV ("Details Only"), dates as the user's locale
    /// writes them (en_US: M/D/YYYY h:mm A).
    static let salesforceLeads = """
        Lead ID,First Name,Last Name,Title,Company / Account,Email,Phone,Mobile,Lead Source,Lead Status,Lead Owner,Created Date,Rating
        00Q5e00000AbCdE,Ana,Silva,VP Finance,Acme,ana@acme.com,(415) 555-0100,(415) 555-0199,Web,Working - Contacted,Rep One,1/15/2018 10:30 AM,Hot
        00Q5e00000FgHiJ,Bo,Berg,Controller,Beta,bo@beta.io,,,Trade Show,Open - Not Contacted,Rep Two,2/20/2018 4:05 PM,Warm

        """

    /// Salesforce: a Contacts & Accounts report exported as CSV.
    static let salesforceContacts = """
        Contact ID,First Name,Last Name,Title,Account Name,Email,Phone,Mobile,Lead Source,Contact Owner,Created Date,Mailing City
        0035e00000KlMnO,Ana,Silva,VP Finance,Acme,ana@acme.com,(415) 555-0100,,Web,Rep One,1/15/2018,Boston
        0035e00000PqRsT,Bo,Berg,Controller,Beta,bo@beta.io,,(415) 555-0199,Partner Referral,Rep Two,2/20/2018,Austin

        """

    private static func read(_ text: String, pattern: String? = nil) throws -> (ImportReader, [ImportRecord]) {
        let reader = try ImportReader(
            data: Data(text.utf8), name: "export.csv", kind: .leads, format: .csv,
            dateFormat: ImportDateFormat(pattern: pattern),
            history: ImportHistoryOptions(stageGraph: .standard))
        let report = try reader.validateAll()
        #expect(report.errors.isEmpty, "\(report.errors)")
        return (reader, try reader.nextBatch(max: 10).map(\.record))
    }

    private static func targets(_ reader: ImportReader) throws -> [String: String] {
        let report = try reader.validateAll()
        return Dictionary(uniqueKeysWithValues: report.columns.map { ($0.name, $0.target?.description ?? "-") })
    }

    @Test func hubSpotContactsMapWithoutAMap() throws {
        let (reader, records) = try Self.read(Self.hubSpotContacts, pattern: "YYYY-MM-DD HH:mm")
        #expect(reader.recognisedExport == .hubSpotContacts)
        let targets = try Self.targets(reader)
        #expect(targets["Record ID"] == "external:hubspot")
        #expect(targets["First Name"] == "firstName" && targets["Last Name"] == "lastName")
        #expect(targets["Email"] == "email" && targets["Phone Number"] == "phone")
        #expect(targets["Company Name"] == "company" && targets["Job Title"] == "title")
        #expect(targets["Lifecycle Stage"] == "stage" && targets["Create Date"] == "createdAt")
        #expect(targets["Original Source"] == "source")
        #expect(targets["Lead Status"] == "attributes.leadStatus")
        let (ana, anaHistory) = try #require(records[0].historical)
        let (bo, boHistory) = try #require(records[1].historical)
        #expect(ana.externalIDs == [ExternalID(system: "hubspot", value: "51")])
        #expect(ana.company == "Acme" && ana.title == "VP Finance" && ana.source == "Organic Search")
        #expect(anaHistory.stage == .mql)
        #expect(anaHistory.createdAt == Date(timeIntervalSince1970: 1_516_012_200))  // 2018-01-15T10:30Z
        #expect(boHistory.stage == .won)
        #expect(bo.phone == nil)
    }

    @Test func salesforceLeadsMapWithoutAMap() throws {
        let (reader, records) = try Self.read(Self.salesforceLeads, pattern: "M/D/YYYY h:mm A")
        #expect(reader.recognisedExport == .salesforceLeads)
        let targets = try Self.targets(reader)
        #expect(targets["Lead ID"] == "external:salesforce")
        #expect(targets["Company / Account"] == "company" && targets["Title"] == "title")
        #expect(targets["Lead Source"] == "source" && targets["Created Date"] == "createdAt")
        #expect(targets["Phone"] == "phone" && targets["Mobile"] == "attributes.mobile")
        #expect(targets["Lead Status"] == "attributes.leadStatus")
        let (ana, history) = try #require(records[0].historical)
        #expect(ana.externalIDs == [ExternalID(system: "salesforce", value: "00Q5e00000AbCdE")])
        #expect(ana.id.rawValue.isEmpty)
        #expect(ana.company == "Acme" && ana.source == "Web")
        #expect(history.createdAt == Date(timeIntervalSince1970: 1_516_012_200))
        #expect(history.stage == nil)
    }

    @Test func salesforceContactsMapWithoutAMap() throws {
        let (reader, records) = try Self.read(Self.salesforceContacts, pattern: "M/D/YYYY")
        #expect(reader.recognisedExport == .salesforceContacts)
        let targets = try Self.targets(reader)
        #expect(targets["Contact ID"] == "external:salesforce")
        #expect(targets["Account Name"] == "company" && targets["Lead Source"] == "source")
        #expect(targets["Created Date"] == "createdAt" && targets["Mobile"] == "attributes.mobile")
        let (bo, history) = try #require(records[1].historical)
        #expect(bo.externalIDs == [ExternalID(system: "salesforce", value: "0035e00000PqRsT")])
        #expect(bo.company == "Beta" && bo.source == "Partner Referral")
        #expect(bo.attributes["mobile"] == .string("(415) 555-0199"))
        #expect(history.createdAt == JSONDate.day("2018-02-20"))
    }

    @Test func aSalesforceExportWithoutADateFormatIsRefusedNamingTheOption() throws {
        let reader = try ImportReader(
            data: Data(Self.salesforceContacts.utf8), name: "contacts.csv", kind: .leads, format: .csv)
        let report = try reader.validateAll()
        #expect(report.errorCount == 2)
        #expect(report.errors.map(\.line) == [2, 3])
        #expect(report.errors.allSatisfy { $0.column == "Created Date" })
        #expect(report.errors[0].message.contains("--date-format MM/DD/YYYY"))
    }

    @Test func aFileThatIsNoKnownExportKeepsTheGenericRules() throws {
        // `Lead ID` alone is Accord's lead id, as before.
        let reader = try ImportReader(
            data: Data("Lead ID,Email\nL1,ana@acme.com\n".utf8), name: "leads.csv", kind: .leads, format: .csv)
        #expect(reader.recognisedExport == nil)
        #expect(try Self.targets(reader)["Lead ID"] == "id")
    }

    @Test func aNamedColumnWinsOverTheExportsOwnTarget() throws {
        let reader = try ImportReader(
            data: Data(Self.hubSpotContacts.utf8), name: "export.csv", kind: .leads, format: .csv,
            mapping: ImportMapping(parsing: "Record ID=-,Create Date=attributes.created"))
        let targets = try Self.targets(reader)
        #expect(targets["Record ID"] == "-" && targets["Create Date"] == "attributes.created")
    }

    @Test(arguments: [
        ("subscriber", Stage.lead), ("lead", .lead), ("marketingqualifiedlead", .mql),
        ("Marketing Qualified Lead", .mql),
        ("salesqualifiedlead", .sql), ("SQL", .sql), ("opportunity", .opportunity), ("customer", .won),
        ("evangelist", .won), ("other", .lead), ("Recycled", .recycled),
    ])
    func lifecycleWordsNameStartingStages(word: String, stage: Stage) {
        #expect(ImportHistoryOptions(stageGraph: .standard).stage(named: word) == stage)
    }

    @Test func aLifecycleWordTheGraphLacksIsNoStage() {
        let graph = StageGraph(stages: [.lead, .sql], initial: .lead, transitions: [.lead: [.sql]], terminal: [.sql])
        #expect(ImportHistoryOptions(stageGraph: graph).stage(named: "marketingqualifiedlead") == nil)
        #expect(ImportHistoryOptions(stageGraph: graph).stage(named: "nurture") == nil)
        #expect(ImportHistoryOptions().stage(named: "nurture") == Stage("nurture"))
    }
}

extension ImportRecord {
    /// The lead and its history, when the record is a lead with history.
    var historical: (lead: Lead, history: LeadHistory)? {
        guard case .historicalLead(let lead, let history) = self else { return nil }
        return (lead, history)
    }
}
