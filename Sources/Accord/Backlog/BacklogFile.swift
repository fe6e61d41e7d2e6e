public import Feedback
public import Foundation

/// The shared improvement backlog kept as one small JSON file (`backlog.json` in `accord`'s
/// data directory).
///
/// Backlog items are not facts about a lead: they are edited by both teams (owner, status), have
/// no lead to file them under, and nothing in them is personal data to erase. A JSON file
/// next to the playbook is readable, diffable and reviewable in the same way as the playbook.
///
/// ```swift
/// let file = BacklogFile(url: dataDirectory.appendingPathComponent("backlog.json"))
/// var backlog = try file.load()
/// try backlog.add(kind: .content, title: "ROI calculator", at: .now)
/// try file.save(backlog)
/// ```
public struct BacklogFile: Sendable {
    public var url: URL

    public init(url: URL) { self.url = url }

    /// Reads the backlog; a missing file is an empty backlog.
    ///
    /// - Throws: ``Feedback/BacklogError`` `storage` when the file cannot be read or is not a backlog,
    ///   naming the file and the JSON path of the problem.
    public func load() throws(BacklogError) -> ImprovementBacklog {
        guard FileManager.default.fileExists(atPath: url.path) else { return ImprovementBacklog() }
        do {
            let data = try Data(contentsOf: url)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(ImprovementBacklog.self, from: data)
        } catch let error as DecodingError {
            throw BacklogError(.storage, message: "\(url.path): \(PlaybookIssue(decodingError: error))")
        } catch {
            throw BacklogError(.storage, message: "\(url.path): cannot read the backlog: \(error.localizedDescription)")
        }
    }

    /// Writes the backlog atomically (a crash leaves the old file or the new one).
    ///
    /// - Throws: ``Feedback/BacklogError`` `storage` when the file cannot be written.
    public func save(_ backlog: ImprovementBacklog) throws(BacklogError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            try encoder.encode(backlog).write(to: url, options: .atomic)
        } catch {
            throw BacklogError(
                .storage, message: "\(url.path): cannot write the backlog: \(error.localizedDescription)")
        }
    }
}
