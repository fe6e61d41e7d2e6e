public import Foundation

/// How often the owners review the agreement — the operating rhythm the playbook writes down.
public enum ReviewCadence: String, Hashable, Sendable, Codable, CaseIterable {
    case weekly, monthly, quarterly

    /// The review after one made on `date`, in `calendar`'s time zone.
    public func nextReview(after date: Date, in calendar: Calendar) -> Date {
        switch self {
        case .weekly: calendar.date(byAdding: .day, value: 7, to: date) ?? date
        case .monthly: calendar.date(byAdding: .month, value: 1, to: date) ?? date
        case .quarterly: calendar.date(byAdding: .month, value: 3, to: date) ?? date
        }
    }
}
