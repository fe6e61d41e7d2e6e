import Foundation

/// The first step of normalising a phone number: its digits and whether it was written with a
/// leading `+`, or why there are none.
///
/// The number is trimmed and lowercased, a `tel:` prefix dropped, and everything from the first
/// letter, `#`, `;` or `,` on cut off (an extension); after a leading `+`, a `(0)` is dropped.
/// Spaces, tabs, no-break spaces, dashes, dots, slashes and parentheses separate digits; any
/// other character makes the number unusable. ASCII input, by far the most common, is read byte
/// by byte; other input character by character, with the same rules.
enum PhoneReading: Equatable {
    case digits(String, international: Bool)
    /// A character that has no place in a phone number.
    case stray
    /// Not ASCII: read it with ``init(characters:)``.
    case notASCII

    /// Reads ASCII bytes; `.notASCII` when a byte is not ASCII.
    init(ascii bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            self = .notASCII
            return
        }
        func isSpaceOrNewline(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpaceOrNewline(bytes[start]) { start += 1 }
        while end > start, isSpaceOrNewline(bytes[end - 1]) { end -= 1 }
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        let tel: [UInt8] = Array("tel:".utf8)
        if end - start >= 4, (0..<4).allSatisfy({ lower(bytes[start + $0]) == tel[$0] }) { start += 4 }
        var cut = start
        while cut < end {
            let byte = lower(bytes[cut])
            if (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "#") || byte == UInt8(ascii: ";")
                || byte == UInt8(ascii: ",")
            {
                break
            }
            cut += 1
        }
        end = cut
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let international = start < end && bytes[start] == UInt8(ascii: "+")
        if international { start += 1 }
        var digits: [UInt8] = []
        digits.reserveCapacity(end - start)
        var position = start
        while position < end {
            let byte = bytes[position]
            if international, byte == UInt8(ascii: "("), end - position >= 3, bytes[position + 1] == UInt8(ascii: "0"),
                bytes[position + 2] == UInt8(ascii: ")")
            {
                position += 3
                continue
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte)
            case 0x20, 0x09, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "("),
                UInt8(ascii: ")"):
                break
            default:
                self = .stray
                return
            }
            position += 1
        }
        self = .digits(String(decoding: digits, as: UTF8.self), international: international)
    }

    /// Reads any text, character by character.
    init(characters phone: String) {
        var text = phone.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text.hasPrefix("tel:") { text.removeFirst(4) }
        if let cut = text.firstIndex(where: { $0.isLetter || $0 == "#" || $0 == ";" || $0 == "," }) {
            text = String(text[..<cut])
        }
        text = text.trimmingCharacters(in: .whitespaces)
        let international = text.hasPrefix("+")
        if international {
            text.removeFirst()
            text = text.replacingOccurrences(of: "(0)", with: "")
        }
        var digits = ""
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !" -./()\u{00A0}\t".contains(character) {
                self = .stray
                return
            }
        }
        self = .digits(digits, international: international)
    }
}
