import LeadModel

/// Allocation-free text helpers for the scoring hot path.
///
/// Rules compare text case-insensitively. For ASCII text (nearly every attribute value and URL)
/// the comparison runs over UTF-8 bytes without making new strings; other text falls back to
/// `lowercased()`.
enum TextMatching {
    /// The lowercase form of an ASCII letter byte; other bytes unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    /// Whether `text` equals `lowered` ignoring case; `lowered` must already be lowercase.
    static func equalsIgnoringCase(_ text: String, lowered: String) -> Bool {
        let result =
            text.utf8.withContiguousStorageIfAvailable { a in
                lowered.utf8.withContiguousStorageIfAvailable { b -> Bool? in
                    guard a.count == b.count else { return isASCII(a) && isASCII(b) ? false : nil }
                    for index in 0..<a.count {
                        let x = a[index]
                        if x >= 0x80 || b[index] >= 0x80 { return nil }
                        if lower(x) != b[index] { return false }
                    }
                    return true
                } ?? nil
            } ?? nil
        if let result { return result }
        return text.lowercased() == lowered
    }

    /// Whether `text` contains `lowered` ignoring case; `lowered` must already be lowercase.
    static func containsIgnoringCase(_ text: String, lowered: String) -> Bool {
        let result =
            text.utf8.withContiguousStorageIfAvailable { a in
                lowered.utf8.withContiguousStorageIfAvailable { b -> Bool? in
                    guard isASCII(b) else { return nil }
                    if b.isEmpty { return true }
                    guard a.count >= b.count else { return isASCII(a) ? false : nil }
                    let first = b[0]
                    var sawNonASCII = false
                    var start = 0
                    let last = a.count - b.count
                    while start <= last {
                        let x = a[start]
                        if x >= 0x80 { sawNonASCII = true }
                        if lower(x) == first {
                            var offset = 1
                            while offset < b.count, lower(a[start + offset]) == b[offset] { offset += 1 }
                            if offset == b.count { return true }
                        }
                        start += 1
                    }
                    if !sawNonASCII {
                        for index in (last + 1)..<a.count where a[index] >= 0x80 { sawNonASCII = true }
                    }
                    return sawNonASCII ? nil : false
                } ?? nil
            } ?? nil
        if let result { return result }
        return text.lowercased().contains(lowered)
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Whether the text is empty or only spaces, tabs and line breaks.
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 where !(byte == 32 || (byte >= 9 && byte <= 13)) {
            if byte >= 0x80 { return text.allSatisfy(\.isWhitespace) }
            return false
        }
        return true
    }

    /// A number as rules print it (see ``LeadModel/NumberText``).
    @inline(__always)
    static func format(_ value: Double) -> String { NumberText.format(value) }
}
