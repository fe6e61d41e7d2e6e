import LeadModel
import Testing

/// The one CSV writer: RFC 4180 quoting.
struct CSVTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("windows\r\nline", "\"windows\r\nline\""),
        ("  spaces kept  ", "  spaces kept  "),
        ("=SUM(A1:A2)", "=SUM(A1:A2)"),
        ("+1", "+1"),
        ("Zürich; ok", "Zürich; ok"),
    ])
    func quotesAFieldOnlyWhenItMust(_ text: String, _ written: String) {
        #expect(CSVText.field(text) == written)
    }

    @Test func aLineJoinsQuotedFieldsWithCommas() {
        #expect(CSVText.line(["lead_id", "a,b", "", "x\"y"]) == "lead_id,\"a,b\",,\"x\"\"y\"")
        #expect(CSVText.line([]) == "")
        #expect(CSVText.line([""]) == "")
    }
}
