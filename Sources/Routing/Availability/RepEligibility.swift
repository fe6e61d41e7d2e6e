import Foundation

/// Whether a rep may take a new lead from a rule or pool at an instant, and if not, why.
enum RepEligibility: Hashable, Sendable {
    case eligible
    case outOfOffice(String)
    case outsideHours(String)
    case atCapacity(String)

    /// Why the rep is skipped, for the trail; `nil` when eligible.
    var why: String? {
        switch self {
        case .eligible: return nil
        case .outOfOffice(let why), .outsideHours(let why), .atCapacity(let why): return why
        }
    }

    var isOutsideHours: Bool {
        if case .outsideHours = self { return true }
        return false
    }
}
