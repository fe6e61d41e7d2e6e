import Foundation

/// A time zone's UTC offsets as a sorted table of transitions, so converting between instants and
/// local wall-clock time is a binary search instead of a `TimeZone` call.
///
/// Covers 1970 to 2100 from the time zone's own rules; outside that range the nearest known
/// offset applies.
struct ZoneOffsetTable: Hashable, Sendable {
    /// Unix seconds at which the offset changes, ascending.
    private(set) var transitions: [Double]
    /// `offsets[i]` is in effect before `transitions[i]`; the last one after the last transition.
    private(set) var offsets: [Double]

    init(timeZone: TimeZone) {
        let first = Date(timeIntervalSince1970: 0)
        let last = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        var transitions: [Double] = []
        var offsets: [Double] = [Double(timeZone.secondsFromGMT(for: first))]
        var cursor = first
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < last, next > cursor {
            let offset = Double(timeZone.secondsFromGMT(for: next))
            if offset != offsets[offsets.count - 1] {
                transitions.append(next.timeIntervalSince1970)
                offsets.append(offset)
            }
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// The index of the first transition after `instant`.
    @inline(__always)
    private func upperBound(_ instant: Double) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The offset from UTC in seconds at an instant (Unix seconds).
    @inline(__always)
    func offset(at instant: Double) -> Double {
        offsets[upperBound(instant)]
    }

    /// Local wall-clock seconds (since 1970-01-01 00:00 local) at an instant.
    @inline(__always)
    func local(_ instant: Double) -> Double {
        instant + offset(at: instant)
    }

    /// The instant of a local wall-clock time. An ambiguous time (the repeated hour when clocks go
    /// back) gives its first occurrence; a skipped time (clocks go forward) gives the instant of
    /// the jump.
    @inline(__always)
    func instant(local: Double) -> Double {
        let earlier = upperBound(local - 86_400)
        let before = offsets[earlier]
        let after = offset(at: local + 86_400)
        if before == after { return local - before }
        let transition = transitions[earlier]
        let withBefore = local - before
        if withBefore < transition { return withBefore }
        let withAfter = local - after
        if withAfter >= transition { return withAfter }
        return transition
    }

    /// Transitions in `(from, to]`, with the offsets on either side.
    func transitions(from: Double, to: Double) -> [(at: Double, from: Double, to: Double)] {
        var result: [(at: Double, from: Double, to: Double)] = []
        var index = upperBound(from)
        while index < transitions.count, transitions[index] <= to {
            result.append((transitions[index], offsets[index], offsets[index + 1]))
            index += 1
        }
        return result
    }
}
