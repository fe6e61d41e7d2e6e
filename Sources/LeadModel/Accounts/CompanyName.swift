import Foundation

/// A company name reduced to the form in which names are compared.
///
/// Two spellings of one company normalise to the same tokens: case, accents, punctuation and
/// spacing are ignored, `&` reads as `and`, dotted acronyms close up (`U.S. Bank` → `us bank`),
/// a leading `The` is dropped, common abbreviations are written out (`Intl` → `international`,
/// `Mfg` → `manufacturing`), and legal forms in many languages are cut from the end (`Inc`,
/// `Corporation`, `LLC`, `Ltd`, `GmbH`, `S.A.`, `SpA`, `B.V.`, `Pty Ltd`, `K.K.`, `Sp. z o.o.`
/// …; see ``legalSuffixes``).
///
/// A name is never cut to nothing: `"Company Inc"` keeps `company`, and a name of one legal form
/// (`"AG"`) stays as it is. The original spelling is kept for display.
///
/// ```swift
/// CompanyName("The ACME Corporation, Inc.").normalized   // "acme"
/// CompanyName("U.S. Bank N.A.").normalized                // "us bank na"
/// CompanyName("AT&T Inc.").normalized                     // "at and t"
/// CompanyName("Société Générale S.A.").normalized         // "societe generale"
/// CompanyName("Acme Intl Mfg GmbH & Co. KG").normalized   // "acme international manufacturing"
/// CompanyName("International Business Machines").acronym  // "ibm"
/// ```
///
/// A value type holding only its strings; safe to share between tasks.
public struct CompanyName: Hashable, Sendable, CustomStringConvertible {
    /// The name as given.
    public let original: String
    /// The normalised words, in order: `["us", "bank"]`.
    public let tokens: [String]
    /// The tokens joined by single spaces: `"us bank"`. Empty when the name has no letter or digit.
    public let normalized: String
    /// The tokens joined without spaces (`"cocacola"` for both `Coca-Cola` and `Cocacola`).
    public let compact: String
    /// The initials of the significant words (not `and`, `of`, `the` …), when there are at least
    /// two: `"ibm"` for `International Business Machines`; `nil` otherwise.
    public let acronym: String?

    /// Normalises a company name.
    ///
    /// - Parameter name: The name as entered, such as `"ACME, Inc."`.
    public init(_ name: String) {
        original = name
        tokens = Self.tokens(of: name)
        normalized = tokens.joined(separator: " ")
        compact = tokens.joined()
        let initials = tokens.filter { !Self.acronymStopWords.contains($0) }.compactMap(\.first)
        acronym = initials.count >= 2 ? String(initials) : nil
    }

    /// Whether the name has no letter or digit at all (`""`, `"---"`).
    public var isEmpty: Bool { tokens.isEmpty }

    /// The normalised name, for printing.
    public var description: String { normalized }

    /// The normalised form of `name`, as ``normalized`` gives it.
    ///
    /// - Parameter name: The name as entered.
    /// - Returns: The normalised words joined by spaces: `"Acme GmbH"` → `"acme"`.
    public static func normalize(_ name: String) -> String { CompanyName(name).normalized }

    /// The normalised words of `name`.
    static func tokens(of name: String) -> [String] {
        var words = rawWords(folded(name)).flatMap(splitWord)
        words = mergeSingleLetters(words)
        words = words.map { abbreviations[$0] ?? $0 }
        if words.count > 1, let first = words.first, leadingWords.contains(first) { words.removeFirst() }
        return strippingLegalSuffixes(words)
    }

    /// Lowercased, without accents, with letters that have no decomposition spelled out.
    private static func folded(_ name: String) -> String {
        let folded = name.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil
        ).lowercased()
        guard folded.unicodeScalars.contains(where: { !$0.isASCII }) else { return folded }
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        for character in folded {
            if let replacement = letterSpellings[character] {
                out += replacement
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Splits on whitespace after reading `&` and `+` as `and` and dropping apostrophes.
    private static func rawWords(_ text: String) -> [Substring] {
        var spaced = ""
        spaced.reserveCapacity(text.utf8.count + 8)
        for character in text {
            switch character {
            case "&", "+": spaced += " and "
            case "'", "\u{2019}", "\u{2018}", "`", "\u{00B4}": continue
            default: spaced.append(character)
            }
        }
        return spaced.split(whereSeparator: \.isWhitespace)
    }

    /// One raw word as tokens: a dotted or slashed run of single letters (`u.s.`, `a/s`, `s.p.a.`)
    /// closes up; any other punctuation separates tokens (`coca-cola` → `coca`, `cola`).
    private static func splitWord(_ word: Substring) -> [String] {
        let parts = word.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        if parts.count >= 2, parts.allSatisfy({ $0.count == 1 }), word.contains(where: { $0 == "." || $0 == "/" }) {
            return [parts.joined()]
        }
        return parts.map(String.init)
    }

    /// Closes up runs of two or more one-letter words (`j p morgan` → `jp morgan`), as a dotted
    /// acronym written with spaces (`U. S. Bank`) should read like `U.S. Bank`.
    private static func mergeSingleLetters(_ words: [String]) -> [String] {
        var out: [String] = []
        var run = ""
        func flush() {
            if !run.isEmpty { out.append(run) }
            run = ""
        }
        for word in words {
            if word.count == 1, let letter = word.first, letter.isLetter {
                run += word
            } else {
                flush()
                out.append(word)
            }
        }
        flush()
        return out
    }

    /// Cuts legal forms from the end while more than one word would remain, and an `and` left
    /// before a cut form (`Smith & Co.` → `smith`).
    private static func strippingLegalSuffixes(_ words: [String]) -> [String] {
        var words = words
        var cut = true
        while cut {
            cut = false
            for suffix in legalSuffixSequences where words.count > suffix.count && words.ends(with: suffix) {
                words.removeLast(suffix.count)
                if words.count > 1, words.last == "and" { words.removeLast() }
                cut = true
                break
            }
        }
        return words
    }

    /// Words ignored when forming an ``acronym``.
    static let acronymStopWords: Set<String> = ["and", "of", "the", "for", "de", "des", "du", "der", "und", "et", "y"]

    /// Words dropped from the start of a name: the article and legal forms written first
    /// (Sweden's `AB Volvo`, Indonesia's `PT`, Russia's `OOO`).
    static let leadingWords: Set<String> = ["the", "ab", "pt", "ooo", "oao", "zao", "pao"]

    /// Letters that `folding` leaves alone, spelled in ASCII.
    private static let letterSpellings: [Character: String] = [
        "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]
}

extension Array where Element == String {
    /// Whether the array's last elements are `suffix`.
    fileprivate func ends(with suffix: [String]) -> Bool {
        guard suffix.count <= count else { return false }
        return zip(self[(count - suffix.count)...], suffix).allSatisfy { $0 == $1 }
    }
}
