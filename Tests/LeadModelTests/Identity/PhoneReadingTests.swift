import Foundation
import Testing

@testable import LeadModel

/// The byte-by-byte reading of ASCII phone numbers gives what the character-by-character
/// reading gives.
struct PhoneReadingTests {
    /// Pieces numbers are made of, including the awkward ones: prefixes, extensions, `(0)`,
    /// separators, line breaks and control characters.
    static let pieces = [
        "0", "1", "4", "7", "9", "00", "011", "+", "+44", "(0)", "(", ")", " ", "\t", "-", ".", "/", "#", ";", ",",
        "x", "ext.", "E", "tel:", "TEL:", "te", "l:", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{01}", "*", "_",
        "415", "555", "0100", "  ", "((0)0)",
    ]

    @Test func bytesAndCharactersReadAlike() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var digitsRead = 0
        for _ in 0..<20_000 {
            let phone = (0..<(1 + next(9))).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
            let fast = phone.utf8.withContiguousStorageIfAvailable(PhoneReading.init(ascii:))
            let reference = PhoneReading(characters: phone)
            #expect(fast == reference, "\(phone.debugDescription)")
            if case .digits = reference { digitsRead += 1 }
        }
        #expect(digitsRead > 2_000, "enough inputs reach the digits")
    }

    @Test(arguments: [
        ("+44 (0)20 7946 0958", PhoneReading.digits("442079460958", international: true)),
        ("  tel:+1-415-555-0100;ext=12 ", .digits("14155550100", international: true)),
        ("(415) 555-0100 x12", .digits("4155550100", international: false)),
        ("555*0100", .stray), ("415\r\n555", .stray),
        ("+49\u{00A0}30 1234567", .notASCII),
    ])
    func readsTheUsualShapes(phone: String, expected: PhoneReading) {
        let fast = phone.utf8.withContiguousStorageIfAvailable(PhoneReading.init(ascii:)) ?? .notASCII
        #expect(fast == expected)
        if expected != .notASCII { #expect(PhoneReading(characters: phone) == expected) }
    }

    @Test func nonASCIIIsReadByCharacters() {
        #expect(PhoneReading(characters: "+49\u{00A0}30 1234567") == .digits("49301234567", international: true))
        #expect(StandardIdentityResolver().normalizedPhone("+49\u{00A0}30 1234567") == "+49301234567")
    }
}
