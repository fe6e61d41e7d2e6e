import Accord
import Foundation
import Testing

struct JSONLinesReaderTests {
    @Test func flattensObjectsAndKeepsPaths() throws {
        let line =
            #"{"email":"a@b.co","attributes":{"employees":250,"tags":["x","y"],"since":{"date":"2026-01-02"}},"externalIDs":[{"system":"HubSpot","value":"7"}],"odd key":null}"#
        let reader = JSONLinesReader(data: Data((line + "\n").utf8))
        let row = try #require(try reader.next())
        #expect(row.line == 1)
        let cells = Dictionary(uniqueKeysWithValues: row.cells.map { ($0.name, $0) })
        #expect(cells["email"]?.value == .string("a@b.co"))
        #expect(cells["attributes.employees"]?.value == .number(250))
        #expect(cells["attributes.employees"]?.path == "$.attributes.employees")
        #expect(cells["attributes.tags"]?.value == .list(["x", "y"]))
        #expect(
            cells["attributes.since"]?.value == .date(Date(timeIntervalSince1970: 1_767_312_000)))
        #expect(cells["external:hubspot"]?.value == .string("7"))
        #expect(cells["external:hubspot"]?.path == "$.externalIDs[0].value")
        #expect(cells["odd key"]?.path == #"$["odd key"]"#)
        #expect(try reader.next() == nil)
    }

    @Test func reportsBadLineWithNumberAndCarriesOn() throws {
        let text = "{\"email\":\"a@b.co\"}\r\n\n{\"email\": \n[1,2]\n{\"email\":\"c@d.co\"}"
        let reader = JSONLinesReader(data: Data(text.utf8))
        #expect(try reader.next()?.line == 1)
        #expect {
            _ = try reader.next()
        } throws: { error in
            let error = error as? ImportError
            return error?.code == .invalidJSON && error?.line == 3 && error?.column == "$"
        }
        #expect {
            _ = try reader.next()
        } throws: { error in
            let error = error as? ImportError
            return error?.code == .invalidJSON && error?.line == 4
                && error?.message.contains("an array") == true
        }
        #expect(try reader.next()?.line == 5)
    }

    @Test func skipsByteOrderMark() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(#"{"kind":"replied"}"#.utf8))
        #expect(try JSONLinesReader(data: data).next()?.cells.first?.value == .string("replied"))
    }
}
