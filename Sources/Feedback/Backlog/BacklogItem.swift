import Foundation

/// One fix in the shared improvement backlog both teams work from.
public struct BacklogItem: Hashable, Sendable, Codable, Identifiable {
    /// What part of the machine the fix changes.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case routing, scoring, messaging, enablement, content
    }

    /// Where the item is.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case open
        case inProgress = "in-progress"
        case done
        case dropped
    }

    /// The item's number, from 1.
    public var id: Int
    public var kind: Kind
    /// What to fix, in one line.
    public var title: String
    /// Who owns it (a person or a team); `nil` until someone takes it.
    public var owner: String?
    public var status: Status
    /// `manual` when raised by hand, `proposed` when proposed from rejection or objection
    /// patterns.
    public var origin: String
    /// The figures behind a proposal (`"12 of 20 rejected, mostly out-of-icp"`).
    public var evidence: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int, kind: Kind, title: String, owner: String? = nil, status: Status = .open, origin: String = "manual",
        evidence: String? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.owner = owner
        self.status = status
        self.origin = origin
        self.evidence = evidence
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
