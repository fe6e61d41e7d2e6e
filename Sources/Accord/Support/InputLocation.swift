/// How errors about an input file name the place: `line 12, column "Employees": …`. A column
/// that is a JSON path (`$.attributes.employees`) is shown as it is.
enum InputLocation {
    /// `message`, prefixed by its line and column when known.
    static func describe(_ message: String, line: Int?, column: String?) -> String {
        var place: [String] = []
        if let line { place.append("line \(line)") }
        if let column { place.append(column.hasPrefix("$") ? column : "column \"\(column)\"") }
        return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
    }
}
