import Accord
import Foundation
import LeadModel
import Testing

struct ImportSendableTests {
    @Test func importValuesCrossTasks() async throws {
        let mapping = try ImportMapping(parsing: "Mail=email")
        let record = ImportRecord.lead(Lead(id: "x", email: "a@b.co"))
        let error = ImportError(.invalidValue, line: 2, column: "Mail", message: "expected …")
        let report = ImportValidationReport(errors: [error], errorCount: 1, validRecordCount: 0)
        let limits = ImportLimits(maxColumns: 7)
        let result = await Task.detached {
            (mapping.columns.count, record, error.line, report.isValid, limits.maxColumns)
        }.value
        #expect(result.0 == 1)
        #expect(result.1 == record)
        #expect(result.2 == 2)
        #expect(result.3 == false)
        #expect(result.4 == 7)
    }
}
