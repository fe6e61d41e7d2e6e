import Accord
import Foundation
import Scoreboard
import Testing

/// `SpendTable(csv:)` reads with the import's CSV reader.
struct SpendTableTests {
    @Test func spendTableReadsCSVAndNamesBadLines() throws {
        let table = try SpendTable(csv: "Source,Spend,notes\nwebinar,\"12,000\",x\nads,800.5,\nwebinar,1000,\n")
        #expect(table.bySource == ["webinar": 13_000, "ads": 800.5])
        #expect(table.total == 13_800.5)
        #expect {
            try SpendTable(csv: "source,spend\nads,lots\n", name: "spend.csv")
        } throws: { error in
            (error as? ScoreboardError)?.line == 2 && (error as? ScoreboardError)?.code == .invalidSpend
        }
        #expect(throws: ScoreboardError.self) { try SpendTable(csv: "channel,cost\n") }
        #expect(throws: ScoreboardError.self) { try SpendTable(csv: "") }
    }

    @Test func quotedFieldsBlankLinesAndCRLFAreRead() throws {
        let table = try SpendTable(
            csv: "\u{FEFF}spend , SOURCE\r\n\r\n 12.5 ,\"paid, search\"\r\n\"3\",\"say \"\"hi\"\"\"\r\n")
        #expect(table.bySource == ["paid, search": 12.5, "say \"hi\"": 3])
    }

    @Test(arguments: [
        ("source,spend\nads,1\nweb\n", 3),  // too few fields
        ("source,spend\nads,1\n\"web,2\n", 3),  // unterminated quote
        ("source,spend\nads,-1\n", 2),  // negative
        ("source,spend\nads,\n", 2),  // empty
    ])
    func aBadLineIsNamed(_ csv: String, _ line: Int) {
        #expect {
            try SpendTable(csv: csv, name: "spend.csv")
        } throws: { error in
            let error = error as? ScoreboardError
            return error?.code == .invalidSpend && error?.line == line && error?.field == "spend.csv"
        }
    }
}
