import Foundation
import Scoreboard
import Testing

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
    }
}
