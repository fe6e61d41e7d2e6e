import Foundation
import LeadModel

/// The `--period` option that `accord report`, `accord sla health` and `accord feedback report`
/// share: one grammar (``LeadModel/ReportPeriod/init(parsing:now:timeZone:)``), described in
/// Documentation/CommandLine.md, "Periods".
extension OptionSpec {
    /// `--period PERIOD`, with the command's default in its help.
    static func period(default defaultText: String) -> OptionSpec {
        .value(
            "period", "PERIOD",
            "week|month|quarter|all|YYYY-MM|YYYY-Qn|YYYY-Www|Nd|FROM..TO (days or months) (default: \(defaultText))")
    }
}

extension ParsedArguments {
    /// The `--period` option as a period, or `defaultText` parsed when it is absent.
    ///
    /// - Parameters:
    ///   - defaultText: the period when `--period` is not given.
    ///   - now: the instant `week`, `month`, `quarter` and `Nd` are relative to.
    ///   - timeZone: the zone whose calendar cuts the period.
    /// - Returns: the period.
    /// - Throws: ``CLIError`` (usage) naming the text and the accepted forms.
    func period(default defaultText: String, now: Date, timeZone: TimeZone) throws(CLIError) -> ReportPeriod {
        do {
            return try ReportPeriod(parsing: value("period") ?? defaultText, now: now, timeZone: timeZone)
        } catch {
            throw CLIError.usage("--period: \(error.description)")
        }
    }
}
