import Foundation

/// The file format of an import.
public enum ImportFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// Comma-separated values with a header row (RFC 4180).
    case csv
    /// JSON Lines (also called NDJSON): one JSON object per line.
    case jsonLines

    /// The format a file name's extension stands for: `.csv`, or `.jsonl` / `.ndjson`.
    ///
    /// - Parameter url: The file; only its extension is looked at, case-insensitively.
    /// - Returns: The format.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unsupportedFormat`` for any other
    ///   extension; pass the format explicitly then.
    public static func detect(from url: URL) throws -> ImportFormat {
        switch url.pathExtension.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonLines
        default:
            throw ImportError(
                .unsupportedFormat,
                message:
                    "cannot tell the format of \(url.lastPathComponent); name the file .csv, .jsonl or .ndjson, or give the format explicitly"
            )
        }
    }
}
