import Accord
import Foundation
import LeadModel
import Testing

/// The deal exports people have map themselves, without `--map`.
///
/// The headers are written from memory of the vendors' public documentation (HubSpot's "Deal
/// properties" export, Salesforce's standard "Opportunities" report): this machine has no
/// internet to check them against a live export.
struct CRMDealHeaderTests {
    @Test func aHubSpotDealsExportMapsItself() throws {
        let csv = """
            Record ID,Deal Name,Pipeline,Deal Stage,Amount,Close Date,Create Date,Deal owner,Associated Company,\
            Deal Type,Last Modified Date
            9012345678,Acme renewal,Sales Pipeline,Closed Won,12000,2025-03-20,2025-01-15,Maria Lopez,Acme Inc,\
            existingbusiness,2025-03-21
            9012345679,Beta pilot,Sales Pipeline,Appointment Scheduled,,2025-06-30,2025-04-02,Jo Smith,Beta GmbH,\
            newbusiness,2025-04-03

            """
        let reader = try OpportunityImportReader(data: Data(csv.utf8), name: "hubspot-deals.csv")
        let fields = Set(reader.columns.values)
        #expect(fields == [.id, .dealStage, .amount, .closeDate, .openedAt, .owner, .account])
        let rows = try reader.rows()
        #expect(rows.map(\.opportunity.id) == ["9012345678", "9012345679"])
        #expect(rows.map(\.status) == [.won, .open])
        #expect(rows.map(\.account) == ["Acme Inc", "Beta GmbH"])
        #expect(rows[1].opportunity.dealStage == "Appointment Scheduled")
        #expect(rows[0].opportunity.owner == .rep("Maria Lopez"))
    }

    @Test func aSalesforceOpportunitiesReportMapsItself() throws {
        let csv = """
            Opportunity Owner,Account Name,Opportunity Name,Stage,Fiscal Period,Amount,Probability (%),\
            Age,Close Date,Created Date,Next Step,Lead Source,Type,Won,Closed,Opportunity ID
            Ana Diaz,Acme Corp,Acme - 200 seats,Closed Won,Q1-2025,"24,000.00",100,45,2025-03-01,2025-01-15,,Web,\
            New Customer,1,1,0065g00000AbCdE
            Ana Diaz,Globex,Globex - pilot,Needs Analysis,Q2-2025,,20,10,2025-06-30,2025-04-01,Demo,\
            Partner,New Customer,0,0,0065g00000AbCdF
            Bo Lee,Initech,Initech - expansion,Closed Lost,Q1-2025,8000,0,30,2025-02-10,2025-01-10,,Phone,\
            Existing Customer,0,1,0065g00000AbCdG

            """
        let reader = try OpportunityImportReader(data: Data(csv.utf8), name: "salesforce-opportunities.csv")
        let fields = Set(reader.columns.values)
        #expect(fields == [.owner, .account, .dealStage, .amount, .closeDate, .openedAt, .id])
        let rows = try reader.rows()
        #expect(rows.map(\.status) == [.won, .open, .lost])
        #expect(rows.map(\.opportunity.amount) == [24_000, nil, 8_000])
        #expect(rows.map(\.account) == ["Acme Corp", "Globex", "Initech"])
        #expect(rows[0].opportunity.id == "0065g00000AbCdE")
    }

    @Test func theIssuesAccountLevelExportMapsItself() throws {
        let header = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value"
        let reader = try OpportunityImportReader(data: Data((header + "\nD1,ana,GTX,Acme,Prospecting,,,\n").utf8))
        #expect(
            reader.header.compactMap { title in reader.columns.first { reader.header[$0.key] == title }?.value }
                == [.id, .owner, .product, .account, .dealStage, .openedAt, .closeDate, .amount])
    }

    @Test func aFileWithNeitherLeadNorAccountColumnIsRefused() {
        #expect {
            try OpportunityImportReader(data: Data("Opportunity ID,Amount\nD1,5\n".utf8))
        } throws: { error in
            (error as? ImportError)?.code == .missingField
                && (error as? ImportError)?.description.contains("account") == true
        }
    }
}
