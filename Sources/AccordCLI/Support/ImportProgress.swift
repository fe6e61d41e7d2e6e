import Foundation

/// Progress of a long import on standard error: rows done, rows per second and the time left,
/// at most every few seconds. On a terminal the line is rewritten in place; otherwise (a log
/// file, CI) each report is a line of its own. Silent when `quiet`.
struct ImportProgress {
    let file: String
    let total: Int
    let quiet: Bool
    let terminal: Bool
    /// The time between two reports, in seconds.
    let interval: Double
    /// The clock, injected so a test can drive it.
    private let now: () -> Date
    private let started: Date
    private var lastReport: Date
    private var reported = false

    /// Starts the clock.
    ///
    /// - Parameters:
    ///   - file: the file's name, for the line.
    ///   - total: the rows to record.
    ///   - quiet: whether to report nothing (`--quiet`, `--json`).
    ///   - terminal: whether standard error is a terminal.
    ///   - interval: the seconds between two reports.
    ///   - now: the clock.
    init(
        file: String, total: Int, quiet: Bool, terminal: Bool, interval: Double = 3,
        now: @escaping () -> Date = { Date() }
    ) {
        self.file = file
        self.total = total
        self.quiet = quiet
        self.terminal = terminal
        self.interval = interval
        self.now = now
        started = now()
        lastReport = started
    }

    /// Notes that `done` rows are recorded; reports when the interval has passed since the
    /// last report (or the start).
    ///
    /// - Returns: the line written, if any.
    @discardableResult
    mutating func update(done: Int) -> String? {
        guard !quiet else { return nil }
        let time = now()
        guard time.timeIntervalSince(lastReport) >= interval else { return nil }
        lastReport = time
        let line = Self.line(file: file, done: done, total: total, seconds: time.timeIntervalSince(started))
        FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
        reported = true
        return line
    }

    /// Clears a terminal's progress line.
    func finish() {
        guard reported, terminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// `importing leads.csv: 120000/1000000 rows (12%), 21000 rows/s, about 42 s left`.
    static func line(file: String, done: Int, total: Int, seconds: Double) -> String {
        let percent = total > 0 ? done * 100 / total : 100
        var line = "importing \(file): \(done)/\(total) rows (\(percent)%)"
        guard seconds > 0, done > 0 else { return line }
        let rate = Double(done) / seconds
        line += ", \(Int(rate.rounded())) rows/s"
        let left = Double(max(0, total - done)) / rate
        let remaining = left < 60 ? "\(Int(left.rounded(.up))) s" : "\(Int((left / 60).rounded(.up))) min"
        line += ", about \(remaining) left"
        return line
    }
}
