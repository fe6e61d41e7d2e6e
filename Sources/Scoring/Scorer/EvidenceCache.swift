import Foundation

/// Evidence texts a rule has written, by a key that determines the text: leads scored on the
/// same day see the same counts, ages and decay over and over, and looking a text up costs a
/// fraction of writing it. It holds at most ``capacity`` texts; once full, it only serves what
/// it holds.
final class EvidenceCache: @unchecked Sendable {
    /// The most texts one rule keeps.
    static let capacity = 4_096

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var texts: [Int: String] = [:]

    /// The text kept for `key`, if any.
    @inline(__always)
    func text(for key: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return texts[key]
    }

    /// Keeps `text` for `key`, unless the cache is full.
    func keep(_ text: String, for key: Int) {
        lock.lock()
        defer { lock.unlock() }
        if texts.count < Self.capacity { texts[key] = text }
    }
}
