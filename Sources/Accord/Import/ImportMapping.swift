import Foundation
import LeadModel

/// Which input column goes to which field of a lead or a signal.
///
/// Three ways to get one:
/// - ``automatic``: headers that already use our names (case and spacing aside, with common
///   aliases: `First Name`, `first_name` → `firstName`; `E-mail` → `email`; `timestamp` →
///   `occurredAt`) map to those fields; any other column becomes a custom attribute (leads) or
///   property (signals) named in lower camel case (`Employee Count` → `employeeCount`).
/// - ``init(parsing:)`` from the CLI: `--map "E-mail Address=email,Employees=attributes.employees"`.
/// - ``init(contentsOf:)`` from a `--map` JSON file: `{"E-mail Address": "email"}`, or
///   `{"columns": {…}, "unmappedColumns": "ignore"}`.
///
/// Columns named in ``columns`` go to their target; other columns follow ``unmappedColumns``:
/// the automatic rules by default, or ignored. Column names match exactly first, then
/// case-insensitively. See ``ImportTarget`` for the target syntax.
public struct ImportMapping: Hashable, Sendable, Codable {
    /// What happens to columns the mapping does not name.
    public enum UnmappedColumns: String, Hashable, Sendable, Codable {
        /// They follow the automatic rules (standard names and aliases, else attributes or
        /// properties).
        case automatic
        /// They are not imported.
        case ignore
    }

    /// Input column name → target.
    public var columns: [String: ImportTarget]
    /// What happens to columns not in ``columns``.
    public var unmappedColumns: UnmappedColumns

    /// The mapping that names no columns and maps every header automatically.
    public static let automatic = ImportMapping()

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - columns: Input column name → target.
    ///   - unmappedColumns: What happens to other columns; automatic rules by default.
    public init(
        _ columns: [String: ImportTarget] = [:], unmappedColumns: UnmappedColumns = .automatic
    ) {
        self.columns = columns
        self.unmappedColumns = unmappedColumns
    }

    /// Parses the CLI form `header=field,header2=field2`.
    ///
    /// Entries are separated by commas; each splits at its last `=`. Surrounding spaces are
    /// trimmed. The entry `*=-` ignores every column not named. A header that itself contains a
    /// comma needs the JSON form.
    ///
    /// - Parameter text: The mapping, such as `"E-mail=email,Employees=attributes.employees:number"`.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/invalidMapping`` for an entry
    ///   without `=`, an empty column name or a column named twice, and
    ///   ``ImportError/Code/unknownTarget`` naming an unknown target field.
    public init(parsing text: String) throws {
        self.init()
        for entry in text.split(separator: ",", omittingEmptySubsequences: true) {
            let entry = entry.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            guard let equals = entry.lastIndex(of: "=") else {
                throw ImportError(
                    .invalidMapping, column: entry,
                    message:
                        "expected column=field in the mapping, such as Employees=attributes.employees"
                )
            }
            let column = entry[..<equals].trimmingCharacters(in: .whitespaces)
            let target = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            try add(column: column, target: target)
        }
    }

    /// Reads a mapping from a JSON file: a flat object `{"column": "field"}`, or
    /// `{"columns": {"column": "field"}, "unmappedColumns": "automatic" | "ignore"}`.
    ///
    /// - Parameter url: The JSON file.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unreadableFile``,
    ///   ``ImportError/Code/invalidMapping`` (not JSON, or not an object of strings) or
    ///   ``ImportError/Code/unknownTarget`` naming the unknown target.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError(
                .unreadableFile,
                message: "cannot read the mapping file \(url.lastPathComponent); check the path")
        }
        try self.init(json: data)
    }

    /// Reads a mapping from JSON text; see ``init(contentsOf:)`` for the two accepted shapes.
    ///
    /// - Parameter json: The JSON bytes.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/invalidMapping`` or
    ///   ``ImportError/Code/unknownTarget``.
    public init(json: Data) throws {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: json)
        } catch {
            throw ImportError(
                .invalidMapping, column: "$",
                message:
                    "the mapping is not valid JSON; expected an object such as {\"E-mail\": \"email\"}"
            )
        }
        guard case .object(var object) = value else {
            throw ImportError(
                .invalidMapping, column: "$",
                message: "expected a JSON object such as {\"E-mail\": \"email\"}")
        }
        self.init()
        if case .object(let columns)? = object["columns"] {
            if let unmapped = object["unmappedColumns"] {
                guard case .string(let text) = unmapped,
                    let policy = UnmappedColumns(rawValue: text)
                else {
                    throw ImportError(
                        .invalidMapping, column: "$.unmappedColumns",
                        message: "expected \"automatic\" or \"ignore\"")
                }
                unmappedColumns = policy
            }
            object = columns
        }
        for (column, target) in object.sorted(by: { $0.key < $1.key }) {
            guard case .string(let target) = target else {
                throw ImportError(
                    .invalidMapping, column: column,
                    message: "expected the target field as a string, such as \"email\"")
            }
            try add(column: column, target: target)
        }
    }

    /// Decodes a mapping in either JSON shape.
    ///
    /// - Throws: ``ImportError`` as ``init(json:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(JSONValue.self)
        guard case .object = value else {
            throw ImportError(
                .invalidMapping, message: "expected a JSON object such as {\"E-mail\": \"email\"}")
        }
        try self.init(json: JSONEncoderBridge.encode(value))
    }

    /// Encodes the mapping as `{"columns": {…}, "unmappedColumns": …}`.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(unmappedColumns, forKey: .unmappedColumns)
    }

    private enum CodingKeys: String, CodingKey { case columns, unmappedColumns }

    private mutating func add(column: String, target: String) throws {
        if column == "*" {
            guard target == "-" || target.lowercased() == "ignore" else {
                throw ImportError(
                    .invalidMapping, column: column,
                    message: "\"*\" can only be mapped to - (ignore every column not named)")
            }
            unmappedColumns = .ignore
            return
        }
        guard !column.isEmpty else {
            throw ImportError(
                .invalidMapping, message: "a mapping entry has an empty column name")
        }
        guard columns[column] == nil else {
            throw ImportError(
                .invalidMapping, column: column, message: "the column is mapped twice")
        }
        do {
            columns[column] = try ImportTarget(parsing: target)
        } catch var error as ImportError {
            error.column = column
            throw error
        }
    }

    /// The target of `column` in an import of `kind`, or `nil` when it is not imported.
    ///
    /// - Parameters:
    ///   - column: The input column name (CSV header) or flattened JSON key.
    ///   - kind: The kind of import.
    ///   - export: The recognised export the header comes from (``ImportExportProfile``), whose
    ///     own columns the automatic rules read first.
    /// - Returns: The named target, else the automatic one unless ``unmappedColumns`` is
    ///   ``UnmappedColumns/ignore``; `nil` for ignored columns.
    public func target(
        for column: String, kind: ImportKind, export: ImportExportProfile? = nil
    ) -> ImportTarget? {
        let named =
            columns[column]
            ?? columns.first(where: { $0.key.lowercased() == column.lowercased() })?.value
        let target: ImportTarget?
        if let named {
            target = named
        } else if unmappedColumns == .automatic {
            target = Self.automaticTarget(for: column, kind: kind, export: export)
        } else {
            target = nil
        }
        if let target, target.field == .ignored { return nil }
        return target
    }

    /// Problems of this mapping for an import of `kind`: targets that kind cannot fill.
    ///
    /// - Parameter kind: The kind of import.
    /// - Returns: One ``ImportError/Code/unknownTarget`` error per bad entry, by column name.
    public func problems(for kind: ImportKind) -> [ImportError] {
        columns.sorted(by: { $0.key < $1.key }).compactMap { column, target in
            guard !target.isAllowed(in: kind) else { return nil }
            return ImportError(
                .unknownTarget, column: column,
                message:
                    "\(kind == .leads ? "a leads" : "a signals") import has no field \"\(target)\"; see the mapping targets for \(kind.rawValue)"
            )
        }
    }
}

/// Re-encodes a decoded JSON value so that ``ImportMapping`` decodes through one code path.
private enum JSONEncoderBridge {
    static func encode(_ value: JSONValue) throws -> Data {
        try JSONSerialization.data(
            withJSONObject: foundationObject(value), options: [.fragmentsAllowed])
    }

    private static func foundationObject(_ value: JSONValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let bool): return bool
        case .number(let number): return number
        case .string(let string): return string
        case .array(let array): return array.map(foundationObject)
        case .object(let object): return object.mapValues(foundationObject)
        }
    }
}
