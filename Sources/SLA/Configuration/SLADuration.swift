import Foundation

/// A length of time written the way people write it: `"15m"`, `"2h"`, `"1h30m"`, `"10d"`, `"45s"`.
///
/// Units are `d` (24 hours), `h`, `m` and `s`, largest first. In a business-time target a day is
/// not 24 working hours, so ``SLAConfiguration/problems(pluginCalendars:)`` rejects `d` there: write `"8h"`.
public struct SLADuration: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: TimeInterval
    /// Whether the text used the `d` unit.
    public var usesDays: Bool

    /// Makes a duration from seconds.
    ///
    /// - Parameter seconds: the length.
    public init(seconds: TimeInterval) {
        self.seconds = seconds
        self.usesDays = false
    }

    /// A number of minutes.
    public static func minutes(_ value: Double) -> SLADuration { SLADuration(seconds: value * 60) }
    /// A number of hours.
    public static func hours(_ value: Double) -> SLADuration { SLADuration(seconds: value * 3600) }
    /// A number of 24-hour days.
    public static func days(_ value: Double) -> SLADuration {
        var duration = SLADuration(seconds: value * 86_400)
        duration.usesDays = true
        return duration
    }

    /// Parses `"1h30m"`; `nil` when malformed.
    ///
    /// - Parameter text: numbers each followed by `d`, `h`, `m` or `s`, largest unit first.
    public init?(_ text: String) {
        var total = 0.0
        var number = ""
        var lastRank = 5
        var usesDays = false
        for character in text {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            let (unit, rank): (Double, Int)
            switch character {
            case "d": (unit, rank) = (86_400, 4)
            case "h": (unit, rank) = (3600, 3)
            case "m": (unit, rank) = (60, 2)
            case "s": (unit, rank) = (1, 1)
            default: return nil
            }
            guard let value = Double(number), rank < lastRank else { return nil }
            if rank == 4 { usesDays = true }
            total += value * unit
            lastRank = rank
            number = ""
        }
        guard number.isEmpty, lastRank < 5 else { return nil }
        self.seconds = total
        self.usesDays = usesDays
    }

    /// The text form, `"1h30m"`.
    public var description: String {
        if usesDays, seconds.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(seconds / 86_400))d" }
        let total = Int(seconds.rounded())
        var text = ""
        if total / 3600 > 0 { text += "\(total / 3600)h" }
        if (total % 3600) / 60 > 0 { text += "\((total % 3600) / 60)m" }
        if total % 60 > 0 || text.isEmpty { text += "\(total % 60)s" }
        return text
    }

    /// Shorter first.
    public static func < (lhs: SLADuration, rhs: SLADuration) -> Bool { lhs.seconds < rhs.seconds }

    /// Decodes `"1h30m"`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the text is not a duration.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let duration = SLADuration(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a duration like \"15m\", \"2h\" or \"1h30m\"")
        }
        self = duration
    }

    /// Encodes the text form.
    ///
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Which time a target counts: working time on a calendar, or plain elapsed time.
public enum SLAClockKind: String, Hashable, Sendable, Codable {
    /// Business time on the tier's calendar: a lead arriving out of hours waits for the next window.
    case business
    /// Wall-clock time: the clock runs nights and weekends (for a 24/7 team or a hot quote request).
    case wall
}

/// A time limit: `{ "within": "15m", "clock": "business" }`; `clock` defaults to `business`.
public struct SLATarget: Hashable, Sendable, Codable {
    /// How long.
    public var within: SLADuration
    /// Which time counts.
    public var clock: SLAClockKind

    /// Makes a target.
    ///
    /// - Parameters:
    ///   - within: how long.
    ///   - clock: which time counts.
    public init(within: SLADuration, clock: SLAClockKind = .business) {
        self.within = within
        self.clock = clock
    }

    private enum CodingKeys: String, CodingKey { case within, clock }

    /// Decodes the target; `clock` may be absent (business).
    ///
    /// - Throws: `DecodingError` when `within` is missing or malformed, or `clock` is unknown.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        within = try container.decode(SLADuration.self, forKey: .within)
        clock = try container.decodeIfPresent(SLAClockKind.self, forKey: .clock) ?? .business
    }
}
