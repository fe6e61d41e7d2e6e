import Foundation

/// How an opportunities import reads a deal's status (open, won or lost) from a CRM's words.
///
/// A CRM export says where a deal stands with its own stage names (`Prospecting`, `Needs
/// Analysis`, `Closed Won`) rather than open, won or lost. The standard map knows the pipeline
/// stages of the common CRMs (Salesforce, HubSpot, Pipedrive, Zoho, Dynamics and the usual
/// sales-methodology names) as open, and their closed stages as won or lost; a team adds its own
/// words with ``init(parsing:)`` (`--status-map 'Engaging=open,Parked=lost'`), or says every row
/// has one status (`--status won` for a file of won deals only). Words are compared without case,
/// spaces or punctuation, so `Closed Won`, `closed_won` and `closedwon` are one word.
///
/// ```swift
/// var statuses = DealStatusMap.standard
/// statuses.add(try DealStatusMap(parsing: "Parked=lost"))
/// statuses.status(for: "Needs Analysis")   // .open
/// statuses.status(for: "Parked")           // .lost
/// ```
public struct DealStatusMap: Hashable, Sendable {
    /// Every row gets this status whatever its columns say, when set.
    public var constant: OpportunityRow.Status?
    private var words: [String: OpportunityRow.Status]

    /// A map of the given words only.
    ///
    /// - Parameters:
    ///   - words: CRM words and the status each stands for.
    ///   - constant: The status of every row, when the file has one status only.
    public init(words: [String: OpportunityRow.Status] = [:], constant: OpportunityRow.Status? = nil) {
        self.words = Dictionary(words.map { (Self.key($0.key), $0.value) }, uniquingKeysWith: { _, last in last })
        self.constant = constant
    }

    /// Parses a `--status-map` value: `Word=status` pairs separated by commas, where a status is
    /// `open`, `won` or `lost`.
    ///
    /// - Throws: ``ImportError`` `invalidMapping` for a pair without `=` or with another status.
    public init(parsing text: String) throws {
        var words: [String: OpportunityRow.Status] = [:]
        for entry in text.split(separator: ",") {
            guard let equals = entry.lastIndex(of: "=") else {
                throw ImportError(
                    .invalidMapping, column: String(entry), message: "expected Word=status, such as Engaging=open")
            }
            let word = String(entry[..<equals]).trimmingCharacters(in: .whitespaces)
            let status = String(entry[entry.index(after: equals)...]).trimmingCharacters(in: .whitespaces).lowercased()
            guard let value = OpportunityRow.Status(rawValue: status), !word.isEmpty else {
                throw ImportError(
                    .invalidMapping, column: word,
                    message: "expected open, won or lost after '=', got '\(status)' (--status-map Word=open|won|lost)")
            }
            words[word] = value
        }
        self.init(words: words)
    }

    /// The standard words of the common CRMs; see the type's discussion.
    public static let standard = DealStatusMap(
        words: Dictionary(
            uniqueKeysWithValues: standardOpen.map { ($0, .open) } + standardWon.map { ($0, .won) }
                + standardLost.map { ($0, .lost) }))

    static let standardOpen = [
        "open", "opened", "in progress", "pipeline", "active", "new",
        // Salesforce's default opportunity stages.
        "prospecting", "qualification", "needs analysis", "value proposition", "id. decision makers",
        "identify decision makers", "perception analysis", "proposal/price quote", "proposal", "price quote",
        "negotiation/review", "negotiation", "review",
        // HubSpot's default deal pipeline.
        "appointment scheduled", "qualified to buy", "presentation scheduled", "decision maker bought-in",
        "contract sent",
        // Pipedrive, Zoho, Dynamics and common methodology names.
        "lead in", "contact made", "demo scheduled", "proposal made", "negotiations started", "engaging",
        "engaged", "discovery", "demo", "demonstration", "evaluation", "trial", "proof of concept", "poc",
        "solution", "develop", "propose", "closing", "commit", "best case", "upside", "qualify",
        "qualified", "meeting booked", "meeting scheduled", "sql", "opportunity",
    ]
    static let standardWon = ["won", "closed won", "win", "closed/won", "closed - won", "deal won", "signed"]
    static let standardLost = [
        "lost", "closed lost", "loss", "closed/lost", "closed - lost", "deal lost", "closed - no decision",
        "no decision", "disqualified",
    ]

    /// Adds `other`'s words (they win over this map's) and its constant, if it has one.
    public mutating func add(_ other: DealStatusMap) {
        words.merge(other.words) { _, theirs in theirs }
        if let constant = other.constant { self.constant = constant }
    }

    /// The status a CRM word stands for, or `nil` when the map does not know it.
    public func status(for word: String) -> OpportunityRow.Status? {
        words[Self.key(word)]
    }

    /// A word as compared: lowercased letters and digits only.
    static func key(_ word: String) -> String {
        String(word.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }
}
