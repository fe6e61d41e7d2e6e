/// How large an import file's parts may be, so that a malformed or hostile file fails fast with
/// a clear error instead of filling memory.
///
/// The defaults suit real CRM and marketing exports with room to spare: a field of up to 1 MiB
/// (a long note), 2,000 columns (wide HubSpot exports have a few hundred), and a row of up to
/// 4 MiB. A CSV record or JSON Lines line over a limit is a row error
/// (``ImportError/Code/limitExceeded``) naming the line and the limit; the reader skips the rest
/// of that record without keeping its bytes and carries on with the next. A header over a limit
/// stops the import.
///
/// ```swift
/// var limits = ImportLimits()
/// limits.maxFieldBytes = 8 * 1024 * 1024  // notes exported with attachments inline
/// let reader = try ImportReader(url: url, kind: .leads, limits: limits)
/// ```
public struct ImportLimits: Hashable, Sendable {
    /// The largest field, in UTF-8 bytes: a CSV field, or a JSON string value. Default 1 MiB.
    public var maxFieldBytes: Int
    /// The most columns: CSV header fields, or flattened keys of one JSON Lines object.
    /// Default 2,000.
    public var maxColumns: Int
    /// The largest record, in bytes: a CSV record (with its quotes and separators) or a JSON
    /// Lines line. Default 4 MiB.
    public var maxRowBytes: Int

    /// Creates limits; every value must be at least 1 (smaller values count as 1).
    ///
    /// - Parameters:
    ///   - maxFieldBytes: The largest field, in bytes.
    ///   - maxColumns: The most columns.
    ///   - maxRowBytes: The largest record, in bytes.
    public init(
        maxFieldBytes: Int = 1_048_576, maxColumns: Int = 2_000, maxRowBytes: Int = 4_194_304
    ) {
        self.maxFieldBytes = max(1, maxFieldBytes)
        self.maxColumns = max(1, maxColumns)
        self.maxRowBytes = max(1, maxRowBytes)
    }

    /// The default limits.
    public static let standard = ImportLimits()
}
