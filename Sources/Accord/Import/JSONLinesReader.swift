import Foundation

/// A streaming JSON Lines (NDJSON) reader: one JSON object per line, read in chunks.
///
/// Each object becomes an ``ImportRow`` whose cells are its keys, flattened: nested objects give
/// dotted names (`{"attributes": {"employees": 250}}` → `attributes.employees`), a
/// `{"date": "…"}` object is a date, an array of strings or numbers is a list, and a top-level
/// `"externalIDs": [{"system": "hubspot", "value": "123"}]` gives one `external:hubspot` cell
/// per entry. Each cell carries its JSON path (`$.attributes.employees`) for error messages.
/// Blank lines are skipped; CRLF line ends and a UTF-8 byte order mark are accepted.
///
/// A bad line is reported with its line number and the reader carries on with the next line,
/// so a validator can collect every problem. A key written twice in one object is a bad line
/// (``ImportError/Code/duplicateKey``, with the key's JSON path): JSON readers disagree on
/// which value wins, so neither is taken. A line, string value or key count over the
/// ``ImportLimits`` is a bad line too (``ImportError/Code/limitExceeded``); the bytes of an
/// overlong line are not kept.
///
/// A reader is an iterator with a position: it is not `Sendable`; use it from one task.
public final class JSONLinesReader {
    /// The largest line, string value and key count this reader accepts.
    public let limits: ImportLimits
    private let source: ByteChunkSource
    private var line = 0
    private let decoder = JSONDecoder()

    /// Opens a JSON Lines file.
    ///
    /// - Parameters:
    ///   - url: The file to read.
    ///   - chunkSize: How many bytes to read at a time.
    ///   - limits: The largest line, string value and key count accepted.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unreadableFile`` when the file cannot
    ///   be opened.
    public convenience init(
        url: URL, chunkSize: Int = 64 * 1024, limits: ImportLimits = .standard
    ) throws {
        self.init(source: try ByteChunkSource(url: url, chunkSize: chunkSize), limits: limits)
    }

    /// Reads JSON Lines from an open file handle, from its current offset. The handle stays open.
    ///
    /// - Parameters:
    ///   - fileHandle: The handle to read from.
    ///   - chunkSize: How many bytes to read at a time.
    ///   - limits: The largest line, string value and key count accepted.
    public convenience init(
        fileHandle: FileHandle, chunkSize: Int = 64 * 1024, limits: ImportLimits = .standard
    ) {
        self.init(
            source: ByteChunkSource(handle: fileHandle, ownsHandle: false, chunkSize: chunkSize),
            limits: limits)
    }

    /// Reads JSON Lines from bytes in memory.
    ///
    /// - Parameters:
    ///   - data: The text, UTF-8.
    ///   - limits: The largest line, string value and key count accepted.
    public convenience init(data: Data, limits: ImportLimits = .standard) {
        self.init(source: ByteChunkSource(data: data, chunkSize: 64 * 1024), limits: limits)
    }

    init(source: ByteChunkSource, limits: ImportLimits = .standard) {
        self.source = source
        self.limits = limits
    }

    /// Reads the next non-blank line as a row.
    ///
    /// - Returns: The row, or `nil` at the end of the input.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/invalidJSON`` (not JSON, or not an
    ///   object), ``ImportError/Code/invalidEncoding``, ``ImportError/Code/duplicateKey`` or
    ///   ``ImportError/Code/limitExceeded``, naming the line; the next call reads the following
    ///   line. ``ImportError/Code/unreadableFile`` when reading fails.
    public func next() throws -> ImportRow? {
        while let (bytes, complete) = try nextLine() {
            guard complete else {
                throw ImportError(
                    .limitExceeded, line: line, column: "$",
                    message:
                        "the line is longer than \(limits.maxRowBytes) bytes (the limit on row size); check the file, or raise the limit if it is right"
                )
            }
            guard bytes.contains(where: { !Self.isJSONWhitespace($0) }) else { continue }
            let value: JSONValue
            do {
                value = try decoder.decode(JSONValue.self, from: Data(bytes))
            } catch {
                let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
                throw ImportError(
                    isUTF8 ? .invalidJSON : .invalidEncoding, line: line, column: "$",
                    message: isUTF8
                        ? "expected one JSON object on this line; the line is not valid JSON"
                        : "the line is not valid UTF-8; save the file as UTF-8 and try again")
            }
            guard case .object(let object) = value else {
                throw ImportError(
                    .invalidJSON, line: line, column: "$",
                    message:
                        "expected a JSON object such as {\"email\": …}, found \(Self.describe(value))"
                )
            }
            if let path = JSONDuplicateKeys.firstPath(in: bytes) {
                throw ImportError(
                    .duplicateKey, line: line, column: path,
                    message: "this key appears twice in the same object; keep one of them")
            }
            var cells: [ImportRow.Cell] = []
            Self.flatten(object, name: "", path: "$", into: &cells)
            try checkLimits(cells)
            return ImportRow(line: line, cells: cells)
        }
        return nil
    }

    private func checkLimits(_ cells: [ImportRow.Cell]) throws {
        if cells.count > limits.maxColumns {
            throw ImportError(
                .limitExceeded, line: line, column: "$",
                message:
                    "the object has \(cells.count) values, more than \(limits.maxColumns) (the limit on columns)"
            )
        }
        for cell in cells {
            let size: Int
            switch cell.value {
            case .string(let text), .text(let text): size = text.utf8.count
            case .list(let texts): size = texts.reduce(0) { $0 + $1.utf8.count }
            default: continue
            }
            if size > limits.maxFieldBytes {
                throw ImportError(
                    .limitExceeded, line: line, column: cell.path,
                    message:
                        "the value is longer than \(limits.maxFieldBytes) bytes (the limit on field size)")
            }
        }
    }

    /// The next physical line without its line break, and whether it is whole (not cut at
    /// ``ImportLimits/maxRowBytes``); `nil` at the end.
    private func nextLine() throws -> ([UInt8], Bool)? {
        var bytes: [UInt8] = []
        var sawAnything = false
        var complete = true
        // A BOM and a CR before the line feed do not count towards the limit.
        let limit = min(limits.maxRowBytes, Int.max - 4) + 4
        while let byte = try source.next() {
            sawAnything = true
            if byte == UInt8(ascii: "\n") { break }
            if bytes.count < limit { bytes.append(byte) } else { complete = false }
        }
        guard sawAnything else { return nil }
        line += 1
        if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if bytes.count > limits.maxRowBytes { complete = false }
        return (bytes, complete)
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func flatten(
        _ object: [String: JSONValue], name: String, path: String,
        into cells: inout [ImportRow.Cell]
    ) {
        for key in object.keys.sorted() {
            guard let value = object[key] else { continue }
            let childName = name.isEmpty ? key : name + "." + key
            let childPath = path + pathComponent(key)
            switch value {
            case .null:
                cells.append(.init(name: childName, path: childPath, value: .null))
            case .bool(let bool):
                cells.append(.init(name: childName, path: childPath, value: .bool(bool)))
            case .number(let number):
                cells.append(.init(name: childName, path: childPath, value: .number(number)))
            case .string(let string):
                cells.append(.init(name: childName, path: childPath, value: .string(string)))
            case .object(let nested):
                if nested.count == 1, case .string(let text)? = nested["date"] {
                    let value: ImportValue =
                        ImportValueParser.date(text).map(ImportValue.date)
                        ?? .unsupported("a {\"date\": …} object whose text is not an ISO 8601 date")
                    cells.append(.init(name: childName, path: childPath + ".date", value: value))
                } else {
                    flatten(nested, name: childName, path: childPath, into: &cells)
                }
            case .array(let elements):
                if name.isEmpty, key.lowercased() == "externalids" {
                    externalIDs(elements, path: childPath, into: &cells)
                    continue
                }
                var texts: [String] = []
                for element in elements {
                    switch element {
                    case .string(let string): texts.append(string)
                    case .number(let number): texts.append(ImportValueParser.text(of: number))
                    default: break
                    }
                }
                let value: ImportValue =
                    texts.count == elements.count
                    ? .list(texts)
                    : .unsupported("an array that holds more than strings and numbers")
                cells.append(.init(name: childName, path: childPath, value: value))
            }
        }
    }

    private static func externalIDs(
        _ elements: [JSONValue], path: String, into cells: inout [ImportRow.Cell]
    ) {
        for (index, element) in elements.enumerated() {
            let elementPath = "\(path)[\(index)]"
            guard case .object(let object) = element, case .string(let system)? = object["system"],
                !system.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                cells.append(
                    .init(
                        name: "external:", path: elementPath,
                        value: .unsupported("an external id without {\"system\": …, \"value\": …}"))
                )
                continue
            }
            let name = "external:" + system.trimmingCharacters(in: .whitespaces).lowercased()
            let valuePath = elementPath + ".value"
            switch object["value"] {
            case .string(let text)?:
                cells.append(.init(name: name, path: valuePath, value: .string(text)))
            case .number(let number)?:
                cells.append(.init(name: name, path: valuePath, value: .number(number)))
            default:
                cells.append(
                    .init(
                        name: name, path: valuePath,
                        value: .unsupported("an external id without a string \"value\"")))
            }
        }
    }

    /// The JSON path component of `key`: `.key`, or `["odd key"]` when it is not an identifier.
    static func pathComponent(_ key: String) -> String {
        let isIdentifier =
            !key.isEmpty
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            && !(key.first?.isNumber ?? false)
        if isIdentifier { return "." + key }
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "[\"" + escaped + "\"]"
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Not `Sendable`: a reader has a position in its file. Create and use it in one task.
@available(*, unavailable)
extension JSONLinesReader: Sendable {}
