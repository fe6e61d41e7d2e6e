/// Assigns rows to cross-validation folds so that each fold has the same share of converted
/// rows, deterministically.
///
/// The converted rows are shuffled with a seeded generator (SplitMix64 then Fisher–Yates) and
/// dealt to folds 0, 1, …, k−1, 0, 1, … in turn; then the other rows, continuing the deal where
/// the converted rows stopped. Fold sizes differ by at most one, and each fold's count of
/// converted rows differs from another's by at most one.
public enum StratifiedFolds {
    /// The fold of each row.
    ///
    /// - Parameters:
    ///   - outcomes: the rows' outcomes.
    ///   - folds: the number of folds, at least 2.
    ///   - seed: the shuffle's seed; the same seed gives the same folds.
    /// - Returns: one fold index in `0..<folds` per row.
    public static func assign(_ outcomes: [Bool], folds: Int, seed: UInt64 = 0x5EED) -> [Int] {
        precondition(folds >= 1, "at least one fold")
        var generator = SplitMix64(seed: seed)
        var assignment = [Int](repeating: 0, count: outcomes.count)
        var next = 0
        for wanted in [true, false] {
            var members = outcomes.indices.filter { outcomes[$0] == wanted }
            if members.count > 1 {
                for index in stride(from: members.count - 1, to: 0, by: -1) {
                    let other = Int(generator.next() % UInt64(index + 1))
                    members.swapAt(index, other)
                }
            }
            for row in members {
                assignment[row] = next
                next = (next + 1) % folds
            }
        }
        return assignment
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seedable generator for reproducible shuffles.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
