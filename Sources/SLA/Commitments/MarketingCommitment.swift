import Foundation
public import LeadModel

/// Marketing's side of the agreement: a volume of ICP-fit leads per period, or a quality floor.
///
/// Exactly one of ``volume`` and ``acceptanceRate`` is set (``SLAConfiguration/problems(pluginCalendars:)`` checks).
///
/// ```json
/// { "name": "icp-mqls", "per": "week", "volume": { "atLeast": 40, "stage": "mql", "fitAtLeast": 30 } }
/// { "name": "quality", "per": "month", "acceptanceRate": { "atLeast": 0.6 } }
/// ```
public struct MarketingCommitment: Hashable, Sendable, Codable {
    /// A calendar period, in the section's `commitmentTimeZone`.
    public enum Period: String, Hashable, Sendable, Codable {
        /// An ISO week, Monday to Sunday.
        case week
        /// A calendar month.
        case month
    }

    /// At least `atLeast` distinct leads entering `stage` per period with a fit score of at least
    /// `fitAtLeast` (when set) at the time they entered it.
    public struct Volume: Hashable, Sendable, Codable {
        /// The leads promised per period.
        public var atLeast: Int
        /// The stage they must enter.
        public var stage: Stage
        /// The least fit score that counts as ICP fit; `nil` counts every lead.
        public var fitAtLeast: Double?

        /// Makes a volume commitment.
        ///
        /// - Parameters:
        ///   - atLeast: the leads promised per period.
        ///   - stage: the stage they must enter (`mql`).
        ///   - fitAtLeast: the least fit score that counts as ICP fit; `nil` counts every lead.
        public init(atLeast: Int, stage: Stage = .mql, fitAtLeast: Double? = nil) {
            self.atLeast = atLeast
            self.stage = stage
            self.fitAtLeast = fitAtLeast
        }

        private enum CodingKeys: String, CodingKey { case atLeast, stage, fitAtLeast }

        /// Decodes a volume; `stage` defaults to `mql`.
        ///
        /// - Throws: `DecodingError` for a missing `atLeast` or a mistyped field.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            atLeast = try container.decode(Int.self, forKey: .atLeast)
            stage = try container.decodeIfPresent(Stage.self, forKey: .stage) ?? .mql
            fitAtLeast = try container.decodeIfPresent(Double.self, forKey: .fitAtLeast)
        }
    }

    /// Accepted ÷ (accepted + rejected) dispositions recorded in the period is at least `atLeast`.
    /// Recycled leads are counted apart, in neither.
    public struct AcceptanceRate: Hashable, Sendable, Codable {
        /// The floor, 0–1.
        public var atLeast: Double

        /// Makes a quality floor.
        ///
        /// - Parameter atLeast: the floor, 0–1.
        public init(atLeast: Double) { self.atLeast = atLeast }
    }

    /// The commitment's name, used in reasons.
    public var name: String
    /// The period the promise is per.
    public var per: Period
    /// A volume promise.
    public var volume: Volume?
    /// A quality floor.
    public var acceptanceRate: AcceptanceRate?

    /// Makes a commitment.
    ///
    /// - Parameters:
    ///   - name: the commitment's name.
    ///   - per: the period.
    ///   - volume: a volume promise.
    ///   - acceptanceRate: a quality floor.
    public init(name: String, per: Period, volume: Volume? = nil, acceptanceRate: AcceptanceRate? = nil) {
        self.name = name
        self.per = per
        self.volume = volume
        self.acceptanceRate = acceptanceRate
    }
}

/// How one commitment did in one period.
public struct CommitmentResult: Hashable, Sendable {
    /// The commitment's name.
    public var commitment: String
    /// The first instant of the period.
    public var periodStart: Date
    /// Leads counted (volume), or the acceptance rate (quality; `nil` with no dispositions).
    public var actual: Double?
    /// The promise.
    public var target: Double
    /// Whether the actual reached the target.
    public var isMet: Bool
    /// The figures in words.
    public var reasons: [Reason]
}
