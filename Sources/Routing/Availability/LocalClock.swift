import Foundation

/// An instant seen on a wall clock in one time zone: weekday, minute of the day, and the start of
/// the local day. DST-correct: the offset is the zone's offset at that very instant.
struct LocalClock: Hashable, Sendable {
    /// Monday is 0, Sunday is 6.
    var weekday: Int
    /// Minutes after local midnight.
    var minute: Int
    /// The local day as days since 1970-01-01 in local time.
    var day: Int
    /// The zone's offset from UTC at the instant, in seconds.
    var offset: Int

    private static let secondsPerDay = 86_400

    init(_ date: Date, in zone: TimeZone) {
        offset = zone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        day = Self.floorDivide(local, Self.secondsPerDay)
        minute = (local - day * Self.secondsPerDay) / 60
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        weekday = ((day + 3) % 7 + 7) % 7
    }

    /// The instant the local day began: local midnight, or the instant of the DST jump when the
    /// clocks skip midnight.
    func startOfDay(in zone: TimeZone) -> Date {
        let midnight = day * Self.secondsPerDay
        // Take the zone's offset near midnight, not now's: a DST change may have happened since.
        let guess = Date(timeIntervalSince1970: TimeInterval(midnight - offset))
        return Date(timeIntervalSince1970: TimeInterval(midnight - zone.secondsFromGMT(for: guess)))
    }

    /// `Mon 17:45`.
    var text: String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let hour = minute / 60
        let minutes = minute % 60
        return "\(names[weekday]) \(hour < 10 ? "0" : "")\(hour):\(minutes < 10 ? "0" : "")\(minutes)"
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
