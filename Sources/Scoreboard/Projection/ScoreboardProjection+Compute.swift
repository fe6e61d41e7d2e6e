import Foundation
import LeadModel

extension ScoreboardProjection {
    /// Computes the scoreboard for a period, view and slice from the folded facts.
    ///
    /// - Parameter query: the period, view, slice, time zone, spend and sales sources.
    /// - Returns: the total row and one row per slice value.
    /// - Throws: ``ScoreboardError`` `invalidPeriod` when the period names an impossible date.
    public func scoreboard(_ query: ScoreboardQuery) throws(ScoreboardError) -> Scoreboard {
        let interval: DateInterval
        do {
            interval = try query.period.interval(in: query.timeZone)
        } catch {
            throw ScoreboardError(.invalidPeriod, message: error.description)
        }
        let start = interval.start.timeIntervalSinceReferenceDate
        let end = interval.end.timeIntervalSinceReferenceDate
        let cohort = query.view == .cohort
        @inline(__always) func inPeriod(_ time: Double) -> Bool { time >= start && time < end }

        var total = RowAccumulator(label: "total")
        var slices: [String: RowAccumulator] = [:]
        var wonBySource: [String: (revenue: Double, deals: Int)] = [:]
        var blocked = BlockedHandoffs()

        for person in people where !person.absorbed {
            if cohort, !person.isAccount, !inPeriod(person.createdAt) { continue }
            let marketing = person.source.map { !query.salesSources.contains($0) } ?? false
            var part = RowAccumulator(label: "")
            if !person.isAccount {
                countPerson(person, into: &part, cohort: cohort, inPeriod: inPeriod)
                countBlocks(person, into: &blocked, cohort: cohort, inPeriod: inPeriod)
            }
            if !part.isEmpty {
                total.add(part)
                if let dimension = query.slicedBy {
                    let label = person.slice(dimension)
                    slices[label, default: RowAccumulator(label: label)].add(part)
                }
            }
            // A deal counts under its own owner and product when it names them: by owner, deal
            // KPIs follow the rep who worked the deal, lead KPIs the lead's owner.
            for deal in person.deals {
                // An account's deal has no lead: it belongs to the cohort of the period it opened in.
                if cohort, person.isAccount, !inPeriod(deal.openedAt) { continue }
                var part = RowAccumulator(label: "")
                countDeal(
                    deal, of: person, marketing: marketing, into: &part, cohort: cohort, inPeriod: inPeriod,
                    end: end)
                if part.isEmpty { continue }
                total.add(part)
                if deal.won, deal.isClosed, let amount = deal.closedAmount, cohort || inPeriod(deal.closedAt) {
                    wonBySource[person.slice(.source), default: (0, 0)].revenue += amount
                    wonBySource[person.slice(.source), default: (0, 0)].deals += 1
                }
                if let dimension = query.slicedBy {
                    let label = person.slice(dimension, of: deal)
                    slices[label, default: RowAccumulator(label: label)].add(part)
                }
            }
        }

        let spend = query.spend
        var rows: [ScoreboardRow] = []
        for label in slices.keys.sorted(by: Self.sliceOrder) {
            let sliceSpend: Double? =
                query.slicedBy == .source && spend != nil ? spend!.bySource[label] ?? 0 : nil
            rows.append(slices[label]!.finish(spend: sliceSpend))
        }
        return Scoreboard(
            period: Scoreboard.Period(
                label: query.period.label(in: query.timeZone), start: interval.start, end: interval.end,
                timeZone: query.timeZone.identifier),
            view: query.view, slicedBy: query.slicedBy, total: total.finish(spend: spend?.total), slices: rows,
            averageDealSizeBySource: wonBySource.mapValues { $0.revenue / Double($0.deals) },
            currencies: currencies.sorted(), blockedHandoffs: blocked.leads == 0 ? nil : blocked)
    }

    /// Adds one person's blocked handoffs in the view: once, with every field any of them missed.
    private func countBlocks(
        _ person: PersonRecord, into blocked: inout BlockedHandoffs, cohort: Bool, inPeriod: (Double) -> Bool
    ) {
        guard !person.blocks.isEmpty else { return }
        var fields: Set<String> = []
        for block in person.blocks where cohort || inPeriod(block.at) { fields.formUnion(block.fields) }
        guard cohort || person.blocks.contains(where: { inPeriod($0.at) }) else { return }
        blocked.leads += 1
        if person.isBlocked { blocked.stillBlocked += 1 }
        for field in fields { blocked.byField[field, default: 0] += 1 }
        blocked.bySource[person.slice(.source), default: 0] += 1
        blocked.byCampaign[person.slice(.campaign), default: 0] += 1
    }

    /// Slice labels in order, `(none)` last.
    static func sliceOrder(_ a: String, _ b: String) -> Bool {
        if a == PersonRecord.none { return false }
        if b == PersonRecord.none { return true }
        return a < b
    }

    /// Adds one person's funnel, feedback and speed counts to `part`.
    private func countPerson(
        _ person: PersonRecord, into part: inout RowAccumulator, cohort: Bool, inPeriod: (Double) -> Bool
    ) {
        func counts(_ time: Double) -> Bool { cohort ? !time.isNaN : inPeriod(time) }
        if cohort || inPeriod(person.createdAt) { part.row.leads += 1 }
        if counts(person.reached(0)) { part.row.mqls += 1 }
        if counts(person.reached(1)) { part.row.sqls += 1 }
        if counts(person.reached(2)) { part.row.opportunities += 1 }
        if counts(person.reached(3)) { part.row.won += 1 }
        if counts(person.reached(4)) { part.row.lost += 1 }
        for disposition in person.dispositions where cohort || inPeriod(disposition.at) {
            switch disposition.kind {
            case PersonRecord.accepted: part.row.accepted += 1
            case PersonRecord.rejected: part.row.rejected += 1
            default: part.row.recycled += 1
            }
        }
        for outcome in person.sla where cohort || inPeriod(outcome.at) {
            if outcome.kind == PersonRecord.met { part.row.slaMet += 1 } else { part.row.slaBreached += 1 }
        }
        let touched = person.firstTouchAfterQualified
        if !touched.isNaN, cohort || inPeriod(touched) {
            part.touchDelays.append(touched - person.qualifiedAt)
        }
    }

    /// Adds one deal's counts, amounts and times to `part`.
    private func countDeal(
        _ deal: PersonRecord.Deal, of person: PersonRecord, marketing: Bool, into part: inout RowAccumulator,
        cohort: Bool, inPeriod: (Double) -> Bool, end: Double
    ) {
        if cohort || inPeriod(deal.openedAt) {
            part.row.dealsOpened += 1
            if let amount = deal.amount { part.row.pipelineCreated += amount }
        }
        if deal.isClosed, cohort || inPeriod(deal.closedAt) {
            if deal.won {
                part.row.dealsWon += 1
                if let amount = deal.closedAmount {
                    part.row.revenueWon += amount
                    if marketing { part.row.marketingSourcedRevenue += amount }
                } else {
                    part.row.dealsWonWithoutAmount += 1
                }
                part.cycleDays.append((deal.closedAt - deal.openedAt) / 86_400)
                // An account's deal has no lead whose creation it could be measured from.
                if !person.isAccount { part.creationToWonDays.append((deal.closedAt - person.createdAt) / 86_400) }
            } else {
                part.row.dealsLost += 1
            }
        }
        let open = cohort ? !deal.isClosed : deal.openedAt < end && (!deal.isClosed || deal.closedAt >= end)
        if open {
            part.row.openDeals += 1
            if let amount = deal.amount {
                part.row.openPipeline += amount
            } else {
                part.row.openDealsWithoutAmount += 1
            }
        }
    }
}

extension RowAccumulator {
    /// Whether nothing was counted: a person outside the view adds no slice row.
    var isEmpty: Bool {
        let r = row
        return r.leads + r.mqls + r.sqls + r.opportunities + r.won + r.lost + r.dealsOpened + r.dealsWon
            + r.dealsLost + r.openDeals + r.accepted + r.rejected + r.recycled + r.slaMet + r.slaBreached
            + cycleDays.count + touchDelays.count == 0
    }

    /// Adds another accumulator's sums (a person's, or a slice's).
    mutating func add(_ other: RowAccumulator) {
        let o = other.row
        row.leads += o.leads
        row.mqls += o.mqls
        row.sqls += o.sqls
        row.opportunities += o.opportunities
        row.won += o.won
        row.lost += o.lost
        row.dealsOpened += o.dealsOpened
        row.dealsWon += o.dealsWon
        row.dealsLost += o.dealsLost
        row.openDeals += o.openDeals
        row.dealsWonWithoutAmount += o.dealsWonWithoutAmount
        row.openDealsWithoutAmount += o.openDealsWithoutAmount
        row.pipelineCreated += o.pipelineCreated
        row.revenueWon += o.revenueWon
        row.openPipeline += o.openPipeline
        row.marketingSourcedRevenue += o.marketingSourcedRevenue
        row.accepted += o.accepted
        row.rejected += o.rejected
        row.recycled += o.recycled
        row.slaMet += o.slaMet
        row.slaBreached += o.slaBreached
        cycleDays += other.cycleDays
        creationToWonDays += other.creationToWonDays
        touchDelays += other.touchDelays
    }
}
