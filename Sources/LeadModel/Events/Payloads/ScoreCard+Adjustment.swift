extension ScoreCard {
    /// What decay or a cap did to a rule's points, as numbers; a contribution's evidence tells
    /// it in words after what the rule matched.
    public enum Adjustment: Hashable, Sendable {
        /// Points given once, kept in part because the newest signal has aged:
        /// `, newest 12 days ago, kept 76%`.
        case decayed(newestDays: Int, keptPercent: Int)
        /// Points given per occurrence, after decay when it changed them and within the cap
        /// when one applied: `, 2.4 after decay, capped at 2`.
        case perOccurrence(afterDecay: Double?, cappedAt: Double?)

        /// The adjustment in words, to follow what the rule matched.
        public var text: String {
            switch self {
            case .decayed(let days, let percent):
                let age =
                    switch days {
                    case 0: ", newest today"
                    case 1: ", newest 1 day ago"
                    default: ", newest \(days) days ago"
                    }
                return age + ", kept \(percent)%"
            case .perOccurrence(let afterDecay, let cappedAt):
                var text = ""
                if let afterDecay { text += ", " + NumberText.format(afterDecay) + " after decay" }
                if let cappedAt { text += ", capped at " + NumberText.format(cappedAt) }
                return text
            }
        }
    }
}
