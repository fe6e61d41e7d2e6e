import Foundation

/// Writes a ``ReportPage`` as one self-contained HTML page: inline CSS and SVG, no scripts, no
/// network, readable on a screen and printable on A4 or Letter.
///
/// ```swift
/// let html = HTMLReport.render(page)
/// try Data(html.utf8).write(to: URL(fileURLWithPath: "report.html"))
/// ```
public enum HTMLReport {
    /// The page as HTML.
    public static func render(_ page: ReportPage) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(page.title))</title>
            <style>\(style)</style></head><body>
            <header><h1>\(escape(page.title))</h1><p class="sub">\(escape(page.subtitle))</p></header>

            """
        html += section("At a glance", figures(page.figures))
        html += section(
            "Funnel", funnel(page.funnel),
            note: "Leads that reached each stage, and the share of the stage before that went on.")
        html += section(
            "Speed to lead", columns(page.speedToLead, color: "#2f6fba"),
            note:
                "Time from handoff to sales' first touch. Contact within minutes raises contact and qualification odds."
        )
        html += section(
            "SLA attainment by week", weeks(page.slaByWeek),
            note: "Response clocks closed each week: met in time (blue) or breached (red), with the share met.")
        html += section(
            "Rejections by source", rejections(page.rejectionsBySource),
            note: "Why sales rejected handed-off leads, by the source that brought them in.")
        html += section("Rep load", reps(page.repLoad), note: "Handoffs assigned in the period and open leads now.")
        html += section("Marketing's commitments", commitments(page.commitments))
        html += section(
            "Handoffs blocked at the gate", blocked(page.blockedHandoffs),
            note: "People whose rules asked for a handoff that a gate refused for want of a field, "
                + "and where they came from: the forms to fix.")
        html +=
            "<footer>Made by Accord from the journal; every number can be traced with accord lead explain.</footer>\n"
        html += "</body></html>\n"
        return html
    }

    static let style = """
        body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2330;\
        margin:32px auto;max-width:960px;padding:0 16px}
        h1{font-size:24px;margin:0}h2{font-size:17px;margin:0 0 4px}.sub,.note{color:#5b6475;margin:2px 0 10px}
        section{margin:26px 0;break-inside:avoid}
        .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
        .figure{border:1px solid #dde2ea;border-radius:6px;padding:10px 12px}
        .figure b{display:block;font-size:22px}.figure span{color:#5b6475;font-size:12px}
        table{border-collapse:collapse;width:100%}td,th{padding:5px 8px;border-bottom:1px solid #e6e9ef;\
        text-align:left;vertical-align:middle}th{font-size:12px;color:#5b6475;font-weight:600}
        td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .bar{height:14px;background:#2f6fba;border-radius:2px}.muted{color:#8a93a3}
        .ok{color:#1b7f3b;font-weight:600}.miss{color:#b3261e;font-weight:600}
        svg text{font:11px sans-serif;fill:#1d2330}
        footer{margin-top:36px;color:#8a93a3;font-size:12px}
        @media print{body{margin:0;max-width:none}section{margin:16px 0}}
        """

    /// Tables of the blocked handoffs by missing field, source and campaign, largest first.
    static func blocked(_ blocked: BlockedHandoffs?) -> String {
        guard let blocked else { return empty("No handoff was blocked at a gate in this period.") }
        var html =
            "<p>\(blocked.leads) \(blocked.leads == 1 ? "person" : "people") blocked, "
            + "\(blocked.stillBlocked) still held back.</p>"
        for (title, table) in [
            ("Missing field", blocked.byField), ("Source", blocked.bySource), ("Campaign", blocked.byCampaign),
        ] {
            html += "<table><tr><th>\(title)</th><th class=\"num\">People</th></tr>"
            for (label, count) in table.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                html += "<tr><td>\(escape(label))</td><td class=\"num\">\(count)</td></tr>"
            }
            html += "</table>"
        }
        return html
    }

    static func section(_ title: String, _ body: String, note: String? = nil) -> String {
        "<section><h2>\(escape(title))</h2>" + (note.map { "<p class=\"note\">\(escape($0))</p>" } ?? "")
            + body + "</section>\n"
    }

    static func empty(_ text: String) -> String { "<p class=\"muted\">\(escape(text))</p>" }

    static func figures(_ figures: [ReportPage.Figure]) -> String {
        guard !figures.isEmpty else { return empty("No data in this period.") }
        return "<div class=\"figures\">"
            + figures.map { figure in
                "<div class=\"figure\"><b>\(escape(figure.value))</b>\(escape(figure.label))"
                    + (figure.note.map { "<br><span>\(escape($0))</span>" } ?? "") + "</div>"
            }.joined() + "</div>"
    }

    static func funnel(_ steps: [ReportPage.FunnelStep]) -> String {
        guard let widest = steps.map(\.leads).max(), widest > 0 else { return empty("No leads in this period.") }
        var rows = "<table><tr><th>Stage</th><th></th><th>Leads</th><th>From the stage before</th></tr>"
        for step in steps {
            let width = percent(Double(step.leads) / Double(widest))
            rows +=
                "<tr><td>\(escape(step.stage))</td><td style=\"width:50%\"><div class=\"bar\" style=\"width:\(width)%\"></div></td>"
            rows +=
                "<td class=\"num\">\(step.leads)</td><td class=\"num\">\(step.conversion.map(share) ?? "—")</td></tr>"
        }
        return rows + "</table>"
    }

    /// A vertical bar chart of counts, as SVG.
    static func columns(_ counts: [ReportPage.Count], color: String) -> String {
        guard let highest = counts.map(\.count).max(), highest > 0 else { return empty("Nothing to show yet.") }
        let width = 720.0
        let height = 180.0
        let slot = width / Double(counts.count)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height + 36))\" width=\"100%\" role=\"img\">"
        for (index, item) in counts.enumerated() {
            let barHeight = (height - 16) * Double(item.count) / Double(highest)
            let x = Double(index) * slot + slot * 0.15
            svg += "<rect x=\"\(format(x))\" y=\"\(format(height - barHeight))\" width=\"\(format(slot * 0.7))\" "
            svg +=
                "height=\"\(format(barHeight))\" fill=\"\(color)\"><title>\(escape(item.label)): \(item.count)</title></rect>"
            svg +=
                "<text x=\"\(format(x + slot * 0.35))\" y=\"\(format(height - barHeight - 4))\" text-anchor=\"middle\">\(item.count)</text>"
            svg +=
                "<text x=\"\(format(x + slot * 0.35))\" y=\"\(format(height + 16))\" text-anchor=\"middle\">\(escape(item.label))</text>"
        }
        return svg + "</svg>"
    }

    static func weeks(_ weeks: [ReportPage.WeekAttainment]) -> String {
        guard let busiest = weeks.map({ $0.met + $0.breached }).max(), busiest > 0 else {
            return empty("No response clock closed in this period.")
        }
        let width = 720.0
        let height = 180.0
        let slot = width / Double(weeks.count)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height + 36))\" width=\"100%\" role=\"img\">"
        for (index, week) in weeks.enumerated() {
            let x = Double(index) * slot + slot * 0.15
            let metHeight = (height - 16) * Double(week.met) / Double(busiest)
            let breachedHeight = (height - 16) * Double(week.breached) / Double(busiest)
            svg += "<rect x=\"\(format(x))\" y=\"\(format(height - metHeight))\" width=\"\(format(slot * 0.7))\" "
            svg +=
                "height=\"\(format(metHeight))\" fill=\"#2f6fba\"><title>week of \(escape(week.week)): \(week.met) met</title></rect>"
            svg += "<rect x=\"\(format(x))\" y=\"\(format(height - metHeight - breachedHeight))\" "
            svg += "width=\"\(format(slot * 0.7))\" height=\"\(format(breachedHeight))\" fill=\"#c0392b\">"
            svg += "<title>week of \(escape(week.week)): \(week.breached) breached</title></rect>"
            let label = week.attainment.map(share) ?? ""
            svg +=
                "<text x=\"\(format(x + slot * 0.35))\" y=\"\(format(height - metHeight - breachedHeight - 4))\" text-anchor=\"middle\">\(label)</text>"
            if weeks.count <= 16 || index % 2 == 0 {
                svg +=
                    "<text x=\"\(format(x + slot * 0.35))\" y=\"\(format(height + 16))\" text-anchor=\"middle\">\(escape(String(week.week.dropFirst(5))))</text>"
            }
        }
        return svg + "</svg>"
    }

    static func rejections(_ sources: [ReportPage.SourceRejections]) -> String {
        guard !sources.isEmpty else { return empty("No sales verdicts recorded in this period.") }
        var rows = "<table><tr><th>Source</th><th>Decided</th><th>Rejected</th><th>Top reasons</th></tr>"
        for source in sources {
            let reasons = source.reasons.prefix(3).map { "\(escape($0.label)) (\($0.count))" }.joined(separator: ", ")
            let rate = source.decided == 0 ? "—" : share(Double(source.rejected) / Double(source.decided))
            rows += "<tr><td>\(escape(source.source))</td><td class=\"num\">\(source.decided)</td>"
            rows +=
                "<td class=\"num\">\(source.rejected) (\(rate))</td><td>\(reasons.isEmpty ? "—" : reasons)</td></tr>"
        }
        return rows + "</table>"
    }

    static func reps(_ reps: [ReportPage.RepLoad]) -> String {
        guard let most = reps.map(\.assigned).max(), most > 0 else { return empty("No handoff was assigned to a rep.") }
        let showsValue = reps.contains { $0.valueReceived > 0 }
        var rows = "<table><tr><th>Rep</th><th></th><th>Assigned</th><th>Open now</th>"
        rows += showsValue ? "<th>Expected value received</th></tr>" : "</tr>"
        for rep in reps {
            let width = percent(Double(rep.assigned) / Double(most))
            let open = "\(rep.open)" + (rep.capacity.map { " of \($0)" } ?? "")
            rows +=
                "<tr><td>\(escape(rep.rep))</td><td style=\"width:50%\"><div class=\"bar\" style=\"width:\(width)%\"></div></td>"
            rows += "<td class=\"num\">\(rep.assigned)</td><td class=\"num\">\(open)</td>"
            rows += showsValue ? "<td class=\"num\">\(String(format: "%.0f", rep.valueReceived))</td></tr>" : "</tr>"
        }
        return rows + "</table>"
    }

    static func commitments(_ commitments: [ReportPage.Commitment]) -> String {
        guard !commitments.isEmpty else { return empty("The playbook sets no commitments for marketing.") }
        var rows = "<table><tr><th>Commitment</th><th>Period</th><th>Target</th><th>Actual</th><th></th></tr>"
        for item in commitments {
            rows +=
                "<tr><td>\(escape(item.name))</td><td>\(escape(item.period))</td><td class=\"num\">\(escape(item.target))</td>"
            rows += "<td class=\"num\">\(escape(item.actual))</td>"
            rows += item.met ? "<td class=\"ok\">met</td></tr>" : "<td class=\"miss\">missed</td></tr>"
        }
        return rows + "</table>"
    }

    static func share(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    static func percent(_ value: Double) -> String { format(max(0, min(1, value)) * 100) }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Text made safe inside HTML elements and attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
