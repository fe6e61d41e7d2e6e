import Accord
import Foundation
import Testing

struct CSVReaderTests {
    private func records(_ text: String, chunkSize: Int = 64 * 1024) throws -> [CSVRecord] {
        let fixtures = try ImportFixtures()
        let reader = try CSVReader(url: try fixtures.write("t.csv", text), chunkSize: chunkSize)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    @Test func readsPlainRecordsWithLineNumbers() throws {
        let records = try records("a,b\n1,2\n3,4\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func readsQuotedFieldsWithEscapesCommasAndNewlines() throws {
        let text = "name,note\n\"Silva, Ana\",\"said \"\"hi\"\"\nthen left\"\nBo,plain\n"
        let records = try records(text)
        #expect(records[1].fields == ["Silva, Ana", "said \"hi\"\nthen left"])
        #expect(records[2].fields == ["Bo", "plain"])
    }

    @Test func quotedNewlinesMoveTheNextRecordsLine() throws {
        let text = "a,b\n\"x\ny\nz\",1\nq,2\n"
        #expect(try records(text).map(\.line) == [1, 2, 5])
    }

    @Test func acceptsCRLFAndKeepsLineNumbers() throws {
        let text = "a,b\r\n1,2\r\n\"multi\r\nline\",3\r\n4,5\r\n"
        let records = try records(text)
        #expect(records.map(\.line) == [1, 2, 3, 5])
        #expect(records[2].fields == ["multi\r\nline", "3"])
        #expect(records[3].fields == ["4", "5"])
    }

    @Test func skipsByteOrderMark() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("email,name\na@b.co,Ana\n".utf8))
        let reader = try CSVReader(data: data)
        #expect(try reader.next()?.fields == ["email", "name"])
    }

    @Test func handlesMissingOrExtraTrailingNewlineAndBlankLines() throws {
        #expect(try records("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        let padded = try records("a,b\n\n1,2\n\n\n")
        #expect(padded.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(padded.map(\.line) == [1, 3])
    }

    @Test func keepsEmptyAndQuotedEmptyFields() throws {
        let records = try records("a,b,c\n,\"\",x\n")
        #expect(records[1].fields == ["", "", "x"])
    }

    @Test func readsAcrossTinyChunks() throws {
        let text = "a,b\r\n\"x\"\"y\r\nz\",2\r\n3,4"
        let small = try records(text, chunkSize: 1)
        let large = try records(text)
        #expect(small == large)
        #expect(small.map(\.line) == [1, 2, 4])
    }

    @Test func reportsUnterminatedQuoteAtRecordStart() throws {
        let fixtures = try ImportFixtures()
        let reader = try CSVReader(url: try fixtures.write("t.csv", "a,b\n1,2\n\"open,3\n4,5\n"))
        _ = try reader.next()
        _ = try reader.next()
        #expect {
            _ = try reader.next()
        } throws: { error in
            let error = error as? ImportError
            return error?.code == .unterminatedQuote && error?.line == 3
        }
        #expect(try reader.next() == nil)
    }

    @Test func reportsWrongFieldCountAndCarriesOn() throws {
        let reader = try CSVReader(data: Data("a,b\n1,2,3\n4,5\n".utf8))
        _ = try reader.next()
        do {
            _ = try reader.next()
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.code == .wrongFieldCount)
            #expect(error.line == 2)
            #expect(
                error.description
                    == "line 2: expected 2 fields, found 3; check for an unquoted delimiter or a missing field"
            )
        }
        #expect(try reader.next() == CSVRecord(line: 3, fields: ["4", "5"]))
    }

    @Test func supportsOtherDelimiters() throws {
        let reader = try CSVReader(data: Data("a;b\n\"1;x\";2\n".utf8), delimiter: ";")
        _ = try reader.next()
        #expect(try reader.next()?.fields == ["1;x", "2"])
    }

    @Test func keepsQuoteInsideUnquotedFieldLiterally() throws {
        let reader = try CSVReader(data: Data("a,b\n5\" screen,2\n".utf8))
        _ = try reader.next()
        #expect(try reader.next()?.fields == ["5\" screen", "2"])
    }

    @Test func reportsInvalidUTF8WithLine() throws {
        var data = Data("a,b\n".utf8)
        data.append(contentsOf: [0xC3, 0x28, 0x2C, 0x31, 0x0A])
        data.append(Data("x,y\n".utf8))
        let reader = try CSVReader(data: data)
        _ = try reader.next()
        #expect(throws: ImportError.self) { _ = try reader.next() }
        #expect(try reader.next()?.fields == ["x", "y"])
    }

    @Test func streamsALargeFile() throws {
        var text = "id,email\n"
        for index in 0..<20_000 { text += "\(index),p\(index)@acme.com\n" }
        let records = try records(text, chunkSize: 4096)
        #expect(records.count == 20_001)
        #expect(records.last?.line == 20_001)
    }
}
