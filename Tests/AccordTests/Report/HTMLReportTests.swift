import Foundation
import LeadModel
import Testing

@testable import Accord

/// The one-page HTML report: self-contained, escaped, every section present even when empty.
struct HTMLReportTests {
    static let page = ReportPage(
        title: "Acme <inbound> & partners", subtitle: "2026-Q3",
        figures: [.init(label: "leads", value: "500", note: "all sources")],
        funnel: [
            .init(stage: "lead", leads: 500, conversion: nil), .init(stage: "MQL", leads: 159, conversion: 0.318),
        ],
        speedToLead: [.init(label: "< 5 min", count: 7), .init(label: "never", count: 2)],
        slaByWeek: [.init(week: "2026-07-06", met: 1, breached: 3)],
        rejectionsBySource: [
            .init(source: "paid-search", decided: 11, reasons: [.init(label: "out-of-icp", count: 9)])
        ],
        repLoad: [.init(rep: "maria", assigned: 22, open: 5, capacity: 40)],
        commitments: [.init(name: "icp-mqls", period: "2026-07", target: "40", actual: "31", met: false)])

    @Test func thePageIsSelfContainedAndEscaped() {
        let html = HTMLReport.render(Self.page)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Acme &lt;inbound&gt; &amp; partners</title>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"), "no network: nothing is fetched")
        #expect(html.contains("@media print"))
        for section in ["Funnel", "Speed to lead", "SLA attainment by week", "Rejections by source", "Rep load"] {
            #expect(html.contains("<h2>\(section)</h2>"))
        }
        #expect(html.contains("32%"), "the MQL conversion")
        #expect(html.contains("25%"), "the week's attainment, 1 of 4")
        #expect(html.contains("out-of-icp (9)"))
        #expect(html.contains("5 of 40"))
        #expect(html.contains("<td class=\"miss\">missed</td>"))
    }

    @Test func emptySectionsSaySoInsteadOfDrawingNothing() {
        let empty = ReportPage(
            title: "Empty", subtitle: "", figures: [], funnel: [], speedToLead: [], slaByWeek: [],
            rejectionsBySource: [], repLoad: [], commitments: [])
        let html = HTMLReport.render(empty)
        #expect(html.contains("No leads in this period."))
        #expect(html.contains("No response clock closed in this period."))
        #expect(html.contains("The playbook sets no commitments for marketing."))
        #expect(!html.contains("<svg"))
    }

    @Test(
        arguments: [
            (60.0, "< 5 min"), (299.0, "< 5 min"), (300.0, "5–15 min"), (3_599.0, "15–60 min"), (10_800.0, "1–4 h"),
            (72_000.0, "4–24 h"), (172_800.0, "1–3 days"), (864_000.0, "> 3 days"),
        ] as [(TimeInterval, String)])
    func speedToLeadBuckets(wait: TimeInterval, bucket: String) {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let counts = AlignmentEngine.speedToLead(
            handedOff: ["L1": start, "L2": start], firstTouch: ["L1": start + wait])
        #expect(counts.first { $0.label == bucket }?.count == 1)
        #expect(counts.last == ReportPage.Count(label: "never", count: 1))
        #expect(counts.reduce(0) { $0 + $1.count } == 2)
    }
}
