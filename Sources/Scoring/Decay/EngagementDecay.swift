import Foundation

/// How engagement fades with age, computed at the `now` a lead is scored at.
///
/// Two models, or none:
/// - **Half-life**: a signal `age` days old keeps `0.5^(age / halfLifeDays)` of its points.
/// - **Steps**: a signal keeps the `factor` of the first step whose `upToDays` is at least its
///   age; older than the last step, it keeps nothing.
///
/// ```json
/// {"halfLifeDays": 30}
/// {"steps": [{"upToDays": 7, "factor": 1}, {"upToDays": 30, "factor": 0.5}]}
/// ```
///
/// With a 30-day half-life, a reply worth 25 points is worth 25 today, 12.5 after 30 days and
/// 6.25 after 60, so the same journal scored at two times gives two honest answers.
public struct EngagementDecay: Hashable, Sendable, Codable {
    /// One step: signals up to `upToDays` old keep `factor` of their points.
    public struct Step: Hashable, Sendable, Codable {
        /// The oldest age, in days, this step covers (inclusive).
        public var upToDays: Double
        /// The share of points kept, from 0 to 1.
        public var factor: Double

        /// Makes a step.
        public init(upToDays: Double, factor: Double) {
            self.upToDays = upToDays
            self.factor = factor
        }
    }

    /// The half-life in days, for exponential decay.
    public var halfLifeDays: Double?
    /// The steps, youngest first, for step decay.
    public var steps: [Step]?

    /// Makes a decay model; give at most one of the two.
    public init(halfLifeDays: Double? = nil, steps: [Step]? = nil) {
        self.halfLifeDays = halfLifeDays
        self.steps = steps
    }

    /// No decay: engagement keeps its points forever.
    public static let none = EngagementDecay()

    /// Exponential decay with the given half-life in days.
    public static func halfLife(days: Double) -> EngagementDecay { EngagementDecay(halfLifeDays: days) }

    /// The share of points a signal `age` seconds old keeps, from 0 to 1.
    @inline(__always)
    public func factor(age: Double) -> Double {
        if let halfLifeDays {
            return age <= 0 ? 1 : exp2(-age / (halfLifeDays * 86_400))
        }
        if let steps {
            let days = age / 86_400
            for step in steps where days <= step.upToDays { return step.factor }
            return 0
        }
        return 1
    }

    /// Every problem with the model, with paths relative to `prefix` (such as `decay`).
    public func problems(at prefix: String) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        if halfLifeDays != nil, steps != nil {
            found.append((prefix, "give either halfLifeDays or steps, not both"))
        }
        if let halfLifeDays, !(halfLifeDays > 0 && halfLifeDays.isFinite) {
            found.append(("\(prefix).halfLifeDays", "the half-life must be a positive number of days"))
        }
        if let steps {
            if steps.isEmpty { found.append(("\(prefix).steps", "list at least one step, or leave steps out")) }
            var previous = -Double.infinity
            for (index, step) in steps.enumerated() {
                if !(step.upToDays >= 0 && step.upToDays.isFinite) {
                    found.append(("\(prefix).steps[\(index)].upToDays", "upToDays must be 0 or more days"))
                } else if step.upToDays <= previous {
                    found.append(("\(prefix).steps[\(index)].upToDays", "steps must be in increasing upToDays order"))
                }
                previous = step.upToDays
                if !(step.factor >= 0 && step.factor <= 1) {
                    found.append(("\(prefix).steps[\(index)].factor", "the factor must be between 0 and 1"))
                }
            }
        }
        return found
    }
}
