import Foundation

/// A streaming RFC 4180 CSV reader that reports the line where each record starts.
///
/// Reads its input in chunks, so a file of a million rows is never held in memory. Handles
/// quoted fields, `""` escapes, delimiters and line breaks inside quotes, CRLF, LF or CR line
/// ends, a UTF-8 byte order mark and a missing or extra final line break. Blank lines are
/// skipped. A quote inside an unquoted field is kept as a literal character (`5" screen`).
///
/// Every record must have as many fields as the first one (the header). A record that does not
/// is consumed and reported with ``ImportError/Code/wrongFieldCount``; the next call to ``next()``
/// carries on with the following record, so a validator can collect every bad line.
///
/// ```swift
/// let reader = try CSVReader(url: url)
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// ```
///
/// A reader is an iterator with a position: it is not `Sendable`; use it from one task.
public final class CSVReader {
    /// The field separator; a comma unless set otherwise.
    public let delimiter: UInt8
    /// The number of fields every record must have: that of the first record read.
    public private(set) var fieldCount: Int?
    /// The largest field, column count and record this reader accepts.
    public let limits: ImportLimits

    private let source: ByteChunkSource
    private var line = 1
    private var startedReading = false
    private var finished = false

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Opens a CSV file.
    ///
    /// - Parameters:
    ///   - url: The file to read.
    ///   - delimiter: The field separator, `,` by default (`;` and tab are common alternatives).
    ///   - chunkSize: How many bytes to read at a time.
    ///   - limits: The largest field, column count and record accepted.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unreadableFile`` when the file cannot
    ///   be opened.
    public convenience init(
        url: URL, delimiter: Character = ",", chunkSize: Int = 64 * 1024,
        limits: ImportLimits = .standard
    ) throws {
        try self.init(
            source: ByteChunkSource(url: url, chunkSize: chunkSize), delimiter: delimiter,
            limits: limits)
    }

    /// Reads CSV from an open file handle, from its current offset. The handle stays open.
    ///
    /// - Parameters:
    ///   - fileHandle: The handle to read from.
    ///   - delimiter: The field separator.
    ///   - chunkSize: How many bytes to read at a time.
    ///   - limits: The largest field, column count and record accepted.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/invalidMapping`` when the delimiter
    ///   is not a single ASCII character other than a quote or line break.
    public convenience init(
        fileHandle: FileHandle, delimiter: Character = ",", chunkSize: Int = 64 * 1024,
        limits: ImportLimits = .standard
    ) throws {
        try self.init(
            source: ByteChunkSource(handle: fileHandle, ownsHandle: false, chunkSize: chunkSize),
            delimiter: delimiter, limits: limits)
    }

    /// Reads CSV from bytes in memory.
    ///
    /// - Parameters:
    ///   - data: The CSV text, UTF-8.
    ///   - delimiter: The field separator.
    ///   - limits: The largest field, column count and record accepted.
    /// - Throws: ``ImportError`` when the delimiter is not a single plain ASCII character.
    public convenience init(
        data: Data, delimiter: Character = ",", limits: ImportLimits = .standard
    ) throws {
        try self.init(
            source: ByteChunkSource(data: data, chunkSize: 64 * 1024), delimiter: delimiter,
            limits: limits)
    }

    init(source: ByteChunkSource, delimiter: Character, limits: ImportLimits = .standard) throws {
        guard let ascii = delimiter.asciiValue, delimiter != "\"", delimiter != "\n",
            delimiter != "\r"
        else {
            throw ImportError(
                .invalidMapping,
                message: "the CSV delimiter must be one ASCII character such as , or ; or a tab")
        }
        self.source = source
        self.delimiter = ascii
        self.limits = limits
    }

    /// Reads the next record.
    ///
    /// - Returns: The record, or `nil` at the end of the input.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unterminatedQuote`` (the rest of the
    ///   file is then consumed), ``ImportError/Code/wrongFieldCount``,
    ///   ``ImportError/Code/invalidEncoding`` or ``ImportError/Code/unreadableFile``; each names
    ///   the line where the record starts.
    public func next() throws -> CSVRecord? {
        if finished { return nil }
        if !startedReading {
            startedReading = true
            try skipByteOrderMark()
        }
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var fieldWasQuoted = false
        var inQuotes = false
        var recordLine = line
        // Once a record is over a limit, its bytes are no longer kept; it is read to its end so
        // that the next call starts at the next record, and reported then.
        var recordBytes = 0
        var overLimit: ImportError?
        // Checked on every byte: a flag, since testing the optional error copies it each time.
        var isOverLimit = false
        var fieldLength = 0

        func keep(_ byte: UInt8) {
            fieldLength += 1
            guard !isOverLimit else { return }
            if fieldLength > limits.maxFieldBytes {
                isOverLimit = true
                overLimit = tooLarge(
                    "a field is longer than \(limits.maxFieldBytes) bytes (the limit on field size)",
                    line: recordLine)
                fields.removeAll()
                field.removeAll()
                return
            }
            field.append(byte)
        }
        func endField() {
            fieldLength = 0
            fieldWasQuoted = false
            guard !isOverLimit else { return }
            if fields.count >= limits.maxColumns {
                isOverLimit = true
                overLimit = tooLarge(
                    "the record has more than \(limits.maxColumns) fields (the limit on columns)",
                    line: recordLine)
                fields.removeAll()
                field.removeAll()
                return
            }
            fields.append(field)
            field.removeAll(keepingCapacity: true)
        }

        while true {
            guard let byte = try source.next() else {
                finished = true
                if inQuotes {
                    throw ImportError(
                        .unterminatedQuote, line: recordLine,
                        message:
                            "a quoted field is not closed before the end of the file; check for a missing \" in this record"
                    )
                }
                if fields.isEmpty && field.isEmpty && !fieldWasQuoted && !isOverLimit {
                    return nil
                }
                endField()
                if let overLimit { throw overLimit }
                return try record(fields, line: recordLine)
            }
            recordBytes += 1
            if recordBytes > limits.maxRowBytes, !isOverLimit {
                isOverLimit = true
                overLimit = tooLarge(
                    "the record is longer than \(limits.maxRowBytes) bytes (the limit on row size)",
                    line: recordLine)
                fields.removeAll()
                field.removeAll()
            }
            if inQuotes {
                if byte == Self.quote {
                    if try source.peek() == Self.quote {
                        _ = try source.next()
                        keep(Self.quote)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == Self.lineFeed {
                        line += 1
                    } else if byte == Self.carriageReturn, try source.peek() != Self.lineFeed {
                        line += 1
                    }
                    keep(byte)
                }
                continue
            }
            switch byte {
            case Self.quote where fieldLength == 0 && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
            case delimiter:
                endField()
            case Self.lineFeed, Self.carriageReturn:
                if byte == Self.carriageReturn, try source.peek() == Self.lineFeed {
                    _ = try source.next()
                }
                line += 1
                if fields.isEmpty && fieldLength == 0 && !fieldWasQuoted && !isOverLimit {
                    recordLine = line
                    recordBytes = 0
                    continue
                }
                endField()
                if let overLimit { throw overLimit }
                return try record(fields, line: recordLine)
            default:
                keep(byte)
            }
        }
    }

    private func tooLarge(_ message: String, line: Int) -> ImportError {
        ImportError(
            .limitExceeded, line: line,
            message: message + "; the rest of the record is skipped. Check the file, or raise the limit if it is right")
    }

    /// Decodes a whole record's fields and checks their count; called only once the record is
    /// fully consumed, so that an error leaves the reader at the start of the next record.
    private func record(_ rawFields: [[UInt8]], line: Int) throws -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(rawFields.count)
        for raw in rawFields {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw ImportError(
                    .invalidEncoding, line: line,
                    message: "the record is not valid UTF-8; save the file as UTF-8 and try again")
            }
            fields.append(text)
        }
        let record = CSVRecord(line: line, fields: fields)
        guard let expected = fieldCount else {
            fieldCount = record.fields.count
            return record
        }
        guard record.fields.count == expected else {
            throw ImportError(
                .wrongFieldCount, line: record.line,
                message:
                    "expected \(expected) fields, found \(record.fields.count); check for an unquoted delimiter or a missing field"
            )
        }
        return record
    }

    private func skipByteOrderMark() throws {
        guard try source.peek() == 0xEF else { return }
        _ = try source.next()
        guard try source.peek() == 0xBB else { throw bomError() }
        _ = try source.next()
        guard try source.peek() == 0xBF else { throw bomError() }
        _ = try source.next()
    }

    private func bomError() -> ImportError {
        finished = true
        return ImportError(
            .invalidEncoding, line: 1,
            message: "the file does not start with valid UTF-8; save it as UTF-8 and try again")
    }
}

/// Not `Sendable`: a reader has a position in its file. Create and use it in one task.
@available(*, unavailable)
extension CSVReader: Sendable {}
