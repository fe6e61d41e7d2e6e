import Foundation
public import LeadModel

extension AccountMatchDecision {
    /// The decision in one line: `account acme matched (0.97)`, `account review: acme (0.62),
    /// acme-labs (0.55)`, `account acme accepted by a reviewer` — what `accord lead timeline`
    /// and `accord lead show` print.
    public var line: String {
        func confidence(_ candidate: AccountCandidate) -> String { String(format: "%.2f", candidate.confidence) }
        let account = self.account?.rawValue ?? "none"
        switch verdict {
        case .matched:
            return "account \(account) matched" + (candidate.map { " (\(confidence($0)))" } ?? "")
        case .review:
            let listed = candidates.map { "\($0.account) (\(confidence($0)))" }.joined(separator: ", ")
            return "account review: \(listed)" + (assigned.map { "; on \($0) meanwhile" } ?? "")
        case .accepted:
            return "account \(account) accepted by a reviewer"
        case .rejected:
            return "account \(account) rejected by a reviewer" + (assigned.map { "; now on \($0)" } ?? "; no account")
        }
    }
}
