import Foundation
import NIOCore
import NIOFoundationCompat
import Testing

@testable import AccordService

/// The byte scanner that gives a person without an id an empty one.
struct PersonIDDefaultTests {
    static func scanned(_ json: String, at key: String?) -> String? {
        PersonIDDefault.inserting(into: Array(json.utf8), at: key).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func insertsAnEmptyIDOnlyWhereNoneIs() throws {
        #expect(Self.scanned(#"{"email": "a@b.c"}"#, at: nil) == #"{"id":"","email": "a@b.c"}"#)
        #expect(Self.scanned(#" { } "#, at: nil) == #" {"id":"" } "#)
        #expect(Self.scanned(#"{"id": "L1", "email": "a@b.c"}"#, at: nil) == #"{"id": "L1", "email": "a@b.c"}"#)
        let signal = #"{"signal": {"kind": "x", "id": "s"}, "person": {"note": "{\"id\": 1}", "tags": [{"id": 2}]}}"#
        let expected =
            #"{"signal": {"kind": "x", "id": "s"}, "person": {"id":"","note": "{\"id\": 1}", "tags": [{"id": 2}]}}"#
        #expect(Self.scanned(signal, at: "person") == expected)
        #expect(Self.scanned(#"{"person": {"id": "L7"}}"#, at: "person") == #"{"person": {"id": "L7"}}"#)
        #expect(Self.scanned(#"{"lead": "L7"}"#, at: "person") == #"{"lead": "L7"}"#)
    }

    @Test func leavesWhatItIsNotSureAboutToTheParser() throws {
        #expect(Self.scanned(#"{"person": {"i\u0064": "L7"}}"#, at: "person") == nil)
        #expect(Self.scanned(#"{"email": "#, at: nil) == nil)
        #expect(Self.scanned("email=a@b.c", at: nil) == nil)
        // Either way the body decodes as the parser's version does.
        let escaped = #"{"person": {"i\u0064": "L7", "email": "a@b.c"}}"#
        let parsed = try AccordAPI.defaultingID(ByteBuffer(string: escaped), at: "person")
        let object = try JSONSerialization.jsonObject(with: Data(buffer: parsed)) as? [String: Any]
        #expect((object?["person"] as? [String: Any])?["id"] as? String == "L7")
    }
}
