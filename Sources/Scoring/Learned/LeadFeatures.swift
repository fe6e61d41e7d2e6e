import Foundation
public import LeadModel

/// The raw features of a lead that a learned model sees, as of a time: lead attributes plus
/// aggregates of its signals.
///
/// | Feature | Kind | Value |
/// |---|---|---|
/// | `source`, `campaign`, `messageAngle` | categorical | the lead's field, missing when unset |
/// | `attr.KEY` | numeric or categorical | each custom attribute: numbers as numbers, text and booleans as categories, dates as days before the time, lists left out |
/// | `signals.total` | numeric | signals that occurred at or before the time |
/// | `count.KIND` | numeric | those signals of one kind (`count.email-opened`) |
/// | `days.sinceLastSignal` | numeric | days from the latest such signal to the time; missing without signals |
///
/// Signals after the time are not counted, so training rows built as of a lead's outcome do
/// not see what happened later, and scoring at `now` ignores signals from the future.
public enum LeadFeatures {
    /// The prefix of per-kind signal counts.
    public static let countPrefix = "count."
    /// The total signal count.
    public static let totalSignals = "signals.total"
    public static let daysSinceLastSignal = "days.sinceLastSignal"
    /// The prefix of custom attributes.
    public static let attributePrefix = "attr."

    /// The lead's raw features as of `time`.
    ///
    /// - Parameters:
    ///   - state: the lead as folded from the journal.
    ///   - time: the time to describe the lead at.
    /// - Returns: values by feature name; absent signal counts are simply not listed (see
    ///   ``value(_:in:)``).
    public static func extract(_ state: LeadState, asOf time: Date) -> [String: FeatureValue] {
        var features: [String: FeatureValue] = [:]
        let lead = state.lead
        features["source"] = lead.source.map(FeatureValue.category) ?? .missing
        features["campaign"] = lead.campaign.map(FeatureValue.category) ?? .missing
        features["messageAngle"] = lead.messageAngle.map(FeatureValue.category) ?? .missing
        for (key, value) in lead.attributes {
            let name = attributePrefix + key
            switch value {
            case .number(let number): features[name] = .number(number)
            case .string(let text): features[name] = .category(text)
            case .bool(let flag): features[name] = .category(flag ? "true" : "false")
            case .date(let date): features[name] = .number(time.timeIntervalSince(date) / 86_400)
            case .list: break
            }
        }
        var total = 0
        var latest: Date?
        var counts: [String: Int] = [:]
        for signal in state.signals where signal.occurredAt <= time {
            total += 1
            counts[signal.kind.rawValue, default: 0] += 1
            if latest.map({ signal.occurredAt > $0 }) ?? true { latest = signal.occurredAt }
        }
        features[totalSignals] = .number(Double(total))
        for (kind, count) in counts { features[countPrefix + kind] = .number(Double(count)) }
        features[daysSinceLastSignal] = latest.map { .number(time.timeIntervalSince($0) / 86_400) } ?? .missing
        return features
    }

    /// A feature's value in `features`, or its value when absent: 0 for signal counts (the lead
    /// had none of that kind), missing otherwise.
    public static func value(_ name: String, in features: [String: FeatureValue]) -> FeatureValue {
        if let value = features[name] { return value }
        return name.hasPrefix(countPrefix) || name == totalSignals ? .number(0) : .missing
    }

    /// Whether a feature describes engagement (signals) rather than fit (who the lead is).
    public static func isEngagement(_ column: String) -> Bool {
        column.hasPrefix(countPrefix) || column == totalSignals || column == daysSinceLastSignal
    }
}
