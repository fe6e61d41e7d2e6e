import Foundation
import Testing

@testable import Accord

struct JSONDuplicateKeysTests {
    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "$.a"),
        (#"{"a": {"b": 1, "c": {"d": 1}, "b": 2}}"#, "$.a.b"),
        (#"{"x": [{"s": 1}, {"s": 1, "s": 2}]}"#, "$.x[1].s"),
        (#"{"email": 1, "\u0065mail": 2}"#, "$.email"),
        (#"{"odd key": 1, "odd key": 2}"#, #"$["odd key"]"#),
        (#"[1, {"k": [], "k": {}}]"#, "$[1].k"),
    ])
    func findsTheFirstKeyWrittenTwice(json: String, path: String) {
        #expect(JSONDuplicateKeys.firstPath(in: Array(json.utf8)) == path)
    }

    @Test(arguments: [
        #"{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}"#,
        #"{"a\"b": 1, "a": "a", "ab": "\"a\""}"#,
        #"["a", "a"]"#,
        "",
        #"{"a": "#,
        #"{"a\"#,
    ])
    func acceptsDistinctKeysAndNeverTrapsOnBrokenText(json: String) {
        #expect(JSONDuplicateKeys.firstPath(in: Array(json.utf8)) == nil)
    }
}
