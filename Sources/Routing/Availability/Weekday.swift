/// A day of the week, as working hours name it in JSON (`"monday"` … `"sunday"`).
public enum Weekday: String, Hashable, Sendable, Codable, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Monday is 0, Sunday is 6.
    public var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
