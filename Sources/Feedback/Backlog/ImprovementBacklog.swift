import Foundation

/// The shared backlog of fixes: items raised by hand or proposed from rejection and objection
/// patterns, each with a kind, an owner and a status.
///
/// A value type; persist it as JSON (it is `Codable`) wherever the host keeps its files —
/// `accord` keeps `backlog.json` in its data directory.
///
/// ```swift
/// var backlog = ImprovementBacklog()
/// let item = try backlog.add(kind: .content, title: "ROI calculator", owner: "marketing", at: now)
/// try backlog.update(item.id, status: .inProgress, at: now)
/// ```
public struct ImprovementBacklog: Hashable, Sendable, Codable {
    /// Items in the order they were added.
    public private(set) var items: [BacklogItem]

    public init(items: [BacklogItem] = []) { self.items = items }

    /// Adds an item.
    ///
    /// - Returns: the new item, numbered after the highest id so far.
    /// - Throws: ``BacklogError`` `emptyTitle`, or `duplicate` when an item that is not done or
    ///   dropped has the same title (case-insensitive).
    @discardableResult
    public mutating func add(
        kind: BacklogItem.Kind, title: String, owner: String? = nil, origin: String = "manual",
        evidence: String? = nil, at now: Date
    ) throws(BacklogError) -> BacklogItem {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw BacklogError(.emptyTitle, message: "a backlog item needs a title") }
        if let existing = openItem(titled: trimmed) {
            throw BacklogError(.duplicate, message: "item #\(existing.id) already says '\(existing.title)'")
        }
        let item = BacklogItem(
            id: (items.map(\.id).max() ?? 0) + 1, kind: kind, title: trimmed, owner: owner, origin: origin,
            evidence: evidence, createdAt: now)
        items.append(item)
        return item
    }

    /// Changes an item's status, owner or kind; `nil` leaves a field as it is.
    ///
    /// - Returns: the updated item.
    /// - Throws: ``BacklogError`` `unknownItem` naming the ids that exist.
    @discardableResult
    public mutating func update(
        _ id: Int, status: BacklogItem.Status? = nil, owner: String? = nil, kind: BacklogItem.Kind? = nil, at now: Date
    ) throws(BacklogError) -> BacklogItem {
        guard let index = items.firstIndex(where: { $0.id == id }) else {
            let ids = items.map { "#\($0.id)" }.joined(separator: ", ")
            throw BacklogError(
                .unknownItem, message: "no backlog item #\(id); the items are \(ids.isEmpty ? "none" : ids)")
        }
        if let status { items[index].status = status }
        if let owner { items[index].owner = owner }
        if let kind { items[index].kind = kind }
        items[index].updatedAt = now
        return items[index]
    }

    /// The open (not done or dropped) item with this title, ignoring case.
    public func openItem(titled title: String) -> BacklogItem? {
        items.first {
            $0.status != .done && $0.status != .dropped && $0.title.caseInsensitiveCompare(title) == .orderedSame
        }
    }

    /// Adds the proposals not already open in the backlog.
    ///
    /// - Returns: the items added.
    @discardableResult
    public mutating func adopt(_ proposals: [BacklogProposal], at now: Date) -> [BacklogItem] {
        proposals.compactMap { proposal in
            try? add(
                kind: proposal.kind, title: proposal.title, origin: "proposed", evidence: proposal.evidence, at: now)
        }
    }
}

/// A backlog change that cannot be made.
public struct BacklogError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// An item without a title.
        public static let emptyTitle = Code("emptyTitle")
        /// An open item already has the title.
        public static let duplicate = Code("duplicate")
        /// No item has the id.
        public static let unknownItem = Code("unknownItem")
        /// The backlog file cannot be read or written.
        public static let storage = Code("storage")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
