/// Writes RFC 4180 CSV: the one CSV writer of the package (the scoreboard's `--format csv`, the
/// feedback training export).
///
/// A field holding a comma, a double quote or a line break (`\n`, `\r`, `\r\n`, or another
/// Unicode line separator) is put in double quotes, with its quotes doubled; every other field is written as it is. Lines are joined by
/// the caller (the package writes `\n`). Fields are not guarded against spreadsheet formulas
/// (a leading `=`, `+`, `-` or `@` is written as it is).
package enum CSVText {
    /// One field, quoted when needed.
    ///
    /// - Parameter text: the field's value.
    /// - Returns: the field as it goes between the commas.
    package static func field(_ text: String) -> String {
        // `\r\n` is one Character, equal to neither `\r` nor `\n`: ask for any line break.
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// One record: the fields, each quoted when needed, joined by commas; no line break.
    ///
    /// - Parameter fields: the values.
    /// - Returns: the line.
    package static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
