import Foundation

extension StandardIdentityResolver {
    /// Why `email` is not an email address a lead may carry, or `nil` when it is one.
    ///
    /// The one rule every entry point uses (the import, `accord capture`, `accord signal`):
    /// exactly one `@` with a non-empty local part, a domain with a dot that neither starts nor
    /// ends with one, and no whitespace inside. Surrounding whitespace is ignored, as
    /// ``normalizedEmail(_:)`` ignores it.
    ///
    /// The reason never repeats the address, so it is safe to print or log.
    ///
    /// - Parameter email: The address as entered.
    /// - Returns: What was expected, such as `"expected an email address such as name@example.com"`,
    ///   or `nil` when the address is acceptable.
    public static func emailProblem(_ email: String) -> String? {
        if let acceptable = plainASCIIEmailIsAcceptable(email) {
            return acceptable ? nil : "expected an email address such as name@example.com"
        }
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let acceptable =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: \.isWhitespace)
        return acceptable ? nil : "expected an email address such as name@example.com"
    }

    /// ``emailProblem(_:)``'s test in one pass over the bytes, for an address written in ASCII
    /// (the usual case in an import of a million rows); `nil` for any other text, which is
    /// tested character by character.
    private static func plainASCIIEmailIsAcceptable(_ email: String) -> Bool? {
        let result = email.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            var start = 0
            var end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            var at = -1
            var dotInDomain = false
            for index in start..<end {
                let byte = bytes[index]
                if byte >= 0x80 { return nil }
                if isSpace(byte) { return false }
                if byte == UInt8(ascii: "@") {
                    if at >= 0 { return false }
                    at = index
                } else if byte == UInt8(ascii: "."), at >= 0 {
                    dotInDomain = true
                }
            }
            guard at > start, dotInDomain else { return false }
            return bytes[at + 1] != UInt8(ascii: ".") && bytes[end - 1] != UInt8(ascii: ".")
        }
        return result ?? nil
    }

    /// Why `phone` is not a phone number this resolver can match on, or `nil` when it is one.
    ///
    /// A number is acceptable when ``normalizedPhone(_:)`` gives it a key: digits with spaces,
    /// dashes, dots, slashes or parentheses, an optional leading `+` and extension, at least
    /// ``Configuration/minimumPhoneDigits`` significant digits and at most 15 in all.
    ///
    /// The reason never repeats the number, so it is safe to print or log.
    ///
    /// - Parameter phone: The number as entered.
    /// - Returns: What was expected, or `nil` when the number is acceptable.
    public func phoneProblem(_ phone: String) -> String? {
        guard normalizedPhone(phone) == nil else { return nil }
        return "expected a phone number such as +1 415 555 0100: digits (spaces, dashes, dots and "
            + "parentheses allowed), \(configuration.minimumPhoneDigits) to 15 of them, no letters"
    }
}
