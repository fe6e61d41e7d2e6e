import Foundation

/// The local clocks of one decision, one per time zone, computed on first use: a pool of reps
/// in three zones asks the time zone database three times, not once per rep.
struct ZoneClocks {
    private var clocks: [LocalClock?]
    private var starts: [Date?]
    let now: Date

    init(zones: Int, now: Date) {
        clocks = Array(repeating: nil, count: zones)
        starts = Array(repeating: nil, count: zones)
        self.now = now
    }

    /// The wall clock in zone number `index`.
    mutating func clock(_ index: Int, _ zone: TimeZone) -> LocalClock {
        if let clock = clocks[index] { return clock }
        let clock = LocalClock(now, in: zone)
        clocks[index] = clock
        return clock
    }

    /// The start of the local day in zone number `index`.
    mutating func startOfDay(_ index: Int, _ zone: TimeZone) -> Date {
        if let start = starts[index] { return start }
        let start = clock(index, zone).startOfDay(in: zone)
        starts[index] = start
        return start
    }
}
