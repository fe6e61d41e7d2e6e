/// A lead's value for one slot, resolved once per decision, as plain numbers: the interned id of
/// its text (-1 for a text no condition lists), the ids of further texts of a list attribute in
/// a side buffer, and its number (NaN for none).
struct SlotValue: Sendable {
    static let unresolvedState: UInt8 = 0
    static let missingState: UInt8 = 1
    static let presentState: UInt8 = 2

    var state: UInt8
    var number: Double
    var first: Int32
    /// Further ids of a list attribute: a range of the side buffer.
    var moreStart: Int32
    var moreCount: Int32

    static let unresolved = SlotValue(state: unresolvedState, number: .nan, first: -1, moreStart: 0, moreCount: 0)
    static let missing = SlotValue(state: missingState, number: .nan, first: -1, moreStart: 0, moreCount: 0)

    /// A present value with one text id and an optional number.
    static func present(_ id: Int32, number: Double?) -> SlotValue {
        SlotValue(state: presentState, number: number ?? .nan, first: id, moreStart: 0, moreCount: 0)
    }

    var isMissing: Bool { state == Self.missingState }

    /// Whether any of the value's texts is among `ids`.
    @inline(__always)
    func matchesAny(_ ids: ArraySlice<Int32>, extra: ContiguousArray<Int32>) -> Bool {
        if first >= 0, ids.contains(first) { return true }
        guard moreCount > 0 else { return false }
        for index in Int(moreStart)..<Int(moreStart + moreCount) where extra[index] >= 0 && ids.contains(extra[index]) {
            return true
        }
        return false
    }
}
