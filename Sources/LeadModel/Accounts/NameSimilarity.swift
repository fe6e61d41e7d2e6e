/// String similarities for company names, each in [0, 1] (1 = the same).
///
/// ``companyNames(_:_:)`` is the one account matching uses: a *soft token set* score over the
/// normalised words, where a word counts as shared when its Jaro–Winkler similarity to a word of
/// the other name is at least ``tokenThreshold``, weighted by word length. It keeps both things a
/// name match needs: typos inside a word still match (`Acme Wigdets` ≈ `Acme Widgets`, 0.98), and
/// a shared *first* word does not make two companies one (`Delta Airlines` vs `Delta Dental`,
/// 0.42) — where Jaro–Winkler over the whole string, which rewards a common prefix, gives 0.87.
/// On the fixture of `accord-bench account-matching`, whole-string Jaro–Winkler puts 20 of the
/// non-matching name pairs at 0.85 or above (`Deutsche Bank` / `Deutsche Bahn` at 0.97), the
/// soft token set 3: one name in two countries twice, which the matcher tells apart by country,
/// and `HPE` / `HP`, told apart by the email domain.
///
/// ```swift
/// NameSimilarity.jaroWinkler("martha", "marhta")                 // 0.961
/// NameSimilarity.companyNames(CompanyName("Acme Wigdets Inc"),
///                             CompanyName("ACME Widgets LLC"))    // 0.98
/// ```
public enum NameSimilarity {
    /// The Jaro–Winkler similarity a word needs to count as shared in ``softTokenSet(_:_:)``.
    public static let tokenThreshold = 0.88

    /// The Jaro similarity of two strings, over Unicode scalars.
    ///
    /// The share of characters that match within a window of half the longer length, less half
    /// the transpositions among them. Two empty strings are equal (1); an empty and a non-empty
    /// string share nothing (0).
    ///
    /// - Parameters:
    ///   - a: A string.
    ///   - b: Another string.
    /// - Returns: The similarity in [0, 1].
    public static func jaro(_ a: String, _ b: String) -> Double {
        jaro(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// The Jaro–Winkler similarity: ``jaro(_:_:)`` raised for a common prefix of up to four
    /// characters, by `prefixScale` per character.
    ///
    /// ```swift
    /// NameSimilarity.jaroWinkler("dixon", "dicksonx")   // 0.813
    /// ```
    ///
    /// - Parameters:
    ///   - a: A string.
    ///   - b: Another string.
    ///   - prefixScale: The weight of each common leading character, at most 0.25; 0.1 as in
    ///     Winkler's paper.
    /// - Returns: The similarity in [0, 1].
    public static func jaroWinkler(_ a: String, _ b: String, prefixScale: Double = 0.1) -> Double {
        jaroWinkler(Array(a.unicodeScalars), Array(b.unicodeScalars), prefixScale: prefixScale)
    }

    /// The soft token-set similarity of two word lists: the length-weighted share of words that
    /// pair up one to one with a word of the other list at Jaro–Winkler ≥ ``tokenThreshold``,
    /// each pair counting its similarity.
    ///
    /// Pairs are chosen greedily, most similar first (ties by position), so the result does not
    /// depend on word order: `["bank", "us"]` and `["us", "bank"]` give 1. Two empty lists give 1;
    /// an empty and a non-empty list give 0.
    ///
    /// - Parameters:
    ///   - a: Words of one name.
    ///   - b: Words of the other.
    /// - Returns: The similarity in [0, 1].
    public static func softTokenSet(_ a: [String], _ b: [String]) -> Double {
        softTokenSet(scalars: a.map { Array($0.unicodeScalars) }, b.map { Array($0.unicodeScalars) })
    }

    /// ``softTokenSet(_:_:)`` over words already split into Unicode scalars (the matcher keeps
    /// its accounts' words that way, so each comparison allocates less).
    static func softTokenSet(scalars left: [[Unicode.Scalar]], _ right: [[Unicode.Scalar]]) -> Double {
        if left.isEmpty || right.isEmpty { return left.isEmpty && right.isEmpty ? 1 : 0 }
        var pairs: [(similarity: Double, i: Int, j: Int)] = []
        for (i, x) in left.enumerated() {
            for (j, y) in right.enumerated() {
                let similarity = x == y ? 1 : jaroWinkler(x, y, prefixScale: 0.1)
                if similarity >= tokenThreshold { pairs.append((similarity, i, j)) }
            }
        }
        pairs.sort { ($0.similarity, -$0.i, -$0.j) > ($1.similarity, -$1.i, -$1.j) }
        var usedLeft = [Bool](repeating: false, count: left.count)
        var usedRight = [Bool](repeating: false, count: right.count)
        var shared = 0.0
        for pair in pairs where !usedLeft[pair.i] && !usedRight[pair.j] {
            usedLeft[pair.i] = true
            usedRight[pair.j] = true
            shared += pair.similarity * Double(left[pair.i].count + right[pair.j].count)
        }
        let total = left.reduce(0) { $0 + $1.count } + right.reduce(0) { $0 + $1.count }
        return total == 0 ? 0 : shared / Double(total)
    }

    /// How alike two company names are, after normalisation.
    ///
    /// 1 when the normalised names are equal or equal without spaces (`Coca-Cola` / `Cocacola`);
    /// otherwise the ``softTokenSet(_:_:)`` of their words. Empty names are like nothing (0).
    ///
    /// - Parameters:
    ///   - a: A name.
    ///   - b: Another name.
    /// - Returns: The similarity in [0, 1].
    public static func companyNames(_ a: CompanyName, _ b: CompanyName) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        if a.compact == b.compact { return 1 }
        return softTokenSet(a.tokens, b.tokens)
    }

    /// ``companyNames(_:_:)`` with each name's words already split into Unicode scalars.
    static func companyNames(
        _ a: CompanyName, words aWords: [[Unicode.Scalar]], _ b: CompanyName, words bWords: [[Unicode.Scalar]]
    ) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        if a.compact == b.compact { return 1 }
        return softTokenSet(scalars: aWords, bWords)
    }

    static func jaro(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty ? 1 : 0 }
        if a == b { return 1 }
        // Words are short: mark matched characters in bit sets on the stack, not in arrays.
        guard a.count <= 64, b.count <= 64 else { return jaroOfLongStrings(a, b) }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA: UInt64 = 0
        var matchedB: UInt64 = 0
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where matchedB & (1 << UInt64(j)) == 0 && a[i] == b[j] {
                matchedA |= 1 << UInt64(i)
                matchedB |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in a.indices where matchedA & (1 << UInt64(i)) != 0 {
            while matchedB & (1 << UInt64(j)) == 0 { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return jaro(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    /// ``jaro(_:_:)`` for strings longer than 64 scalars, with the matched flags in arrays.
    private static func jaroOfLongStrings(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA = [Bool](repeating: false, count: a.count)
        var matchedB = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !matchedB[j] && a[i] == b[j] {
                matchedA[i] = true
                matchedB[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in a.indices where matchedA[i] {
            while !matchedB[j] { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return jaro(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    private static func jaro(matches: Int, transpositions: Int, _ lengthA: Int, _ lengthB: Int) -> Double {
        let m = Double(matches)
        return (m / Double(lengthA) + m / Double(lengthB) + (m - Double(transpositions / 2)) / m) / 3
    }

    static func jaroWinkler(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], prefixScale: Double) -> Double {
        let similarity = jaro(a, b)
        var prefix = 0
        while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        let scale = min(max(prefixScale, 0), 0.25)
        return similarity + Double(prefix) * scale * (1 - similarity)
    }
}
