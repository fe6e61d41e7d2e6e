import Foundation
public import LeadModel

/// How the scoring section tells opens and clicks that machines made from those people made,
/// and how much a machine's signal still counts.
///
/// Privacy proxies (Apple Mail Privacy Protection, Gmail's image proxy) fetch every image of
/// every email they deliver, and security scanners follow every link seconds after delivery:
/// engagement rules that count them inflate scores. A signal carries the evidence in its
/// properties, when its source gives it:
///
/// | property | meaning |
/// | --- | --- |
/// | `userAgent` | the user agent that opened or clicked |
/// | `secondsSinceDelivery` | seconds between the email's delivery and the signal |
/// | `ipClass` | what the source says of the address: `residential`, `proxy`, `datacenter`, … |
///
/// A signal of one of ``kinds`` is a machine's when any test holds: its user agent contains one
/// of ``proxyUserAgents`` (case-insensitive); it came less than ``withinSecondsOfDelivery``
/// seconds after delivery; its IP class is one of ``machineIPClasses``; or at least
/// ``sameSecondSignals`` signals of these kinds share its second (a scanner clicking every
/// link). A machine's signal counts as ``weight`` of a signal towards `atLeast` and per-occurrence
/// points: 0 (the default) ignores it. Every rule that saw machine signals says so in its
/// evidence, with the reasons: `2 emails opened; 3 machine signals ignored (proxy user agent)`.
///
/// ```json
/// "machineSignals": {"withinSecondsOfDelivery": 10, "sameSecondSignals": 3, "weight": 0}
/// ```
public struct MachineSignals: Hashable, Sendable, Codable {
    /// Why a signal was judged a machine's.
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
        /// Its user agent is a known privacy proxy or scanner.
        case proxyUserAgent = "proxy user agent"
        /// It came sooner after delivery than a person reads.
        case soonAfterDelivery = "soon after delivery"
        /// Its IP class is a machine's.
        case machineIPClass = "machine IP class"
        /// Many signals of the judged kinds share its second.
        case sameSecond = "same-second burst"

        /// The reason's bit in a mask of reasons.
        var bit: UInt8 { 1 << UInt8(Self.allCases.firstIndex(of: self)!) }
    }

    /// User agents of privacy proxies and link scanners that fetch for machines, matched as
    /// case-insensitive substrings.
    public static let knownProxyUserAgents = [
        "GoogleImageProxy", "YahooMailProxy", "Apple Mail Privacy", "Mail Privacy Protection", "BingPreview",
        "Barracuda", "Mimecast", "Proofpoint", "Microsoft Office Protection", "SafeLinks", "python-requests",
        "curl/", "HeadlessChrome",
    ]

    /// The signal kinds judged; others always count in full. Opens and clicks by default.
    public var kinds: [SignalKind]
    /// User-agent substrings that mark a machine; ``knownProxyUserAgents`` by default, empty
    /// to turn the test off.
    public var proxyUserAgents: [String]
    /// Signals less than this many seconds after delivery are a machine's; `nil` turns the test
    /// off.
    public var withinSecondsOfDelivery: Double?
    /// IP classes that mark a machine (compared case-insensitively); `["proxy", "datacenter"]`
    /// by default.
    public var machineIPClasses: [String]
    /// This many signals of the judged kinds in one second or more are a machine's; `nil` turns
    /// the test off.
    public var sameSecondSignals: Int?
    /// How much a machine's signal counts, from 0 (ignored, the default) to 1 (in full).
    public var weight: Double

    /// Makes the section.
    ///
    /// - Parameters:
    ///   - kinds: the signal kinds judged.
    ///   - proxyUserAgents: user-agent substrings of machines.
    ///   - withinSecondsOfDelivery: the fastest a person acts after delivery; `nil`: not tested.
    ///   - machineIPClasses: IP classes of machines.
    ///   - sameSecondSignals: the burst that marks a scanner; `nil`: not tested.
    ///   - weight: what a machine's signal counts for, 0 to 1.
    public init(
        kinds: [SignalKind] = [.emailOpened, .linkClicked], proxyUserAgents: [String] = Self.knownProxyUserAgents,
        withinSecondsOfDelivery: Double? = 10, machineIPClasses: [String] = ["proxy", "datacenter"],
        sameSecondSignals: Int? = 3, weight: Double = 0
    ) {
        self.kinds = kinds
        self.proxyUserAgents = proxyUserAgents
        self.withinSecondsOfDelivery = withinSecondsOfDelivery
        self.machineIPClasses = machineIPClasses
        self.sameSecondSignals = sameSecondSignals
        self.weight = weight
    }

    /// Every problem with the section, with paths relative to `prefix` (`machineSignals`).
    public func problems(at prefix: String) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        if kinds.isEmpty { found.append(("\(prefix).kinds", "list at least one signal kind to judge")) }
        for (index, kind) in kinds.enumerated() where kind.rawValue.isEmpty {
            found.append(("\(prefix).kinds[\(index)]", "the kind is empty"))
        }
        for (index, agent) in proxyUserAgents.enumerated() where agent.trimmingCharacters(in: .whitespaces).isEmpty {
            found.append(
                ("\(prefix).proxyUserAgents[\(index)]", "the user agent is empty; it would match every signal"))
        }
        if let seconds = withinSecondsOfDelivery, !(seconds > 0 && seconds.isFinite) {
            found.append(("\(prefix).withinSecondsOfDelivery", "must be a positive number of seconds"))
        }
        if let count = sameSecondSignals, count < 2 {
            found.append(("\(prefix).sameSecondSignals", "must be 2 or more: one signal alone is no burst"))
        }
        if !(weight >= 0 && weight <= 1) {
            found.append(("\(prefix).weight", "must be from 0 (ignore machine signals) to 1 (count them in full)"))
        }
        return found
    }

    private enum CodingKeys: String, CodingKey {
        case kinds, proxyUserAgents, withinSecondsOfDelivery, machineIPClasses, sameSecondSignals, weight
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MachineSignals()
        kinds = try container.decodeIfPresent([SignalKind].self, forKey: .kinds) ?? defaults.kinds
        proxyUserAgents =
            try container.decodeIfPresent([String].self, forKey: .proxyUserAgents) ?? defaults.proxyUserAgents
        withinSecondsOfDelivery =
            container.contains(.withinSecondsOfDelivery)
            ? try container.decodeIfPresent(Double.self, forKey: .withinSecondsOfDelivery)
            : defaults.withinSecondsOfDelivery
        machineIPClasses =
            try container.decodeIfPresent([String].self, forKey: .machineIPClasses) ?? defaults.machineIPClasses
        sameSecondSignals =
            container.contains(.sameSecondSignals)
            ? try container.decodeIfPresent(Int.self, forKey: .sameSecondSignals) : defaults.sameSecondSignals
        weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? defaults.weight
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(proxyUserAgents, forKey: .proxyUserAgents)
        try container.encode(withinSecondsOfDelivery, forKey: .withinSecondsOfDelivery)
        try container.encode(machineIPClasses, forKey: .machineIPClasses)
        try container.encode(sameSecondSignals, forKey: .sameSecondSignals)
        try container.encode(weight, forKey: .weight)
    }
}
