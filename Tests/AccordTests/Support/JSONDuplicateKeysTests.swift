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

    @Test(arguments: [
        (#"{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}"#, [String]()),
        (#"{"a": 1, "a": 2, "a": 3}"#, ["$.a", "$.a"]),
        (#"{"s": "{\"a\": 1, \"a\": 2}", "t": "]}"}"#, []),
        (#"[{"x": 1}, {"y": [1, {"k": 1, "k": 2}]}]"#, ["$[1].y[1].k"]),
        (#"{"odd key": 1, "odd key": 2}"#, [#"$["odd key"]"#]),
        (#"{"\ud83d\ude00": 1, "😀": 2}"#, [#"$["😀"]"#]),
        (#"{"a": {"b": 1}, "a": {"b": 1}}"#, ["$.a"]),
    ])
    func findsEveryRepeatedKeyWithItsPath(_ json: String, _ paths: [String]) {
        #expect(JSONDuplicateKeys.duplicates(in: Data(json.utf8)).map(\.path) == paths)
    }

    @Test(arguments: [
        "", "{", #"{"a": "#, #"{"a": "unterminated"#, "}}]]", #"{"\u12"#, String(repeating: "[", count: 100_000),
    ])
    func malformedInputEndsTheScanWithoutTrapping(_ json: String) {
        _ = JSONDuplicateKeys.duplicates(in: Data(json.utf8))
    }

    @Test(arguments: [
        #"{"1a": 1, "1a": 2}"#, #"{"a": {"é": 1, "é": 2}}"#, #"[{"k": 1}, {"x": {"k": 1, "k": 2}, "x": 3}]"#,
        #"{"a": 1}"#,
    ])
    func theFirstPathIsTheFirstOfEveryDuplicate(_ json: String) {
        #expect(
            JSONDuplicateKeys.firstPath(in: Array(json.utf8))
                == JSONDuplicateKeys.duplicates(in: Data(json.utf8)).first?.path)
    }

    @Test func keysThatAreNoIdentifierAreQuotedAsTheImportQuotesThem() {
        #expect(JSONDuplicateKeys.firstPath(in: Array(#"{"1a": 1, "1a": 2}"#.utf8)) == #"$["1a"]"#)
        #expect(JSONDuplicateKeys.firstPath(in: Array(#"{"a\"b": 1, "a\"b": 2}"#.utf8)) == #"$["a\"b"]"#)
    }
}
