/// How Accord writes numbers for people: in evidence, reasons and the command line's tables.
public enum NumberText {
    /// A number as Accord prints points, scores and thresholds: whole numbers with thousands
    /// separators (`2,000`), others with up to two decimals (`7.07`, `49.98`).
    ///
    /// - Parameter value: the number; infinities and NaN print as Swift prints them.
    /// - Returns: the text.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        if value.rounded() == value, abs(value) < 1_000 { return String(Int(value)) }
        let rounded = (value * 100).rounded() / 100
        let negative = rounded < 0
        let magnitude = abs(rounded)
        guard magnitude < 1e15 else { return String(value) }
        var whole = UInt64(magnitude)
        var cents = Int(((magnitude - Double(whole)) * 100).rounded())
        if cents >= 100 {
            whole += 1
            cents -= 100
        }
        // At most 20 digits, 6 separators, a sign and 3 decimals: built right to left.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var end = 32
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            if cents > 0 {
                if cents % 10 != 0 { put(UInt8(48 + cents % 10)) }
                put(UInt8(48 + cents / 10))
                put(UInt8(ascii: "."))
            }
            var count = 0
            repeat {
                if count > 0, count % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(48 + whole % 10))
                whole /= 10
                count += 1
            } while whole > 0
            if negative { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end..<32]), as: UTF8.self)
        }
    }
}
