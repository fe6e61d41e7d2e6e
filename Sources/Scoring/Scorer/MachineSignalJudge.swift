import Foundation
import LeadModel

/// A ``MachineSignals`` section ready to judge a lead's signals: lowered user agents and IP
/// classes, the judged kinds as a set of rule-table kinds.
struct MachineSignalJudge: Sendable {
    let section: MachineSignals
    private let kinds: Set<String>
    private let userAgents: [String]
    private let ipClasses: Set<String>
    /// What the reasons in a mask are called, for evidence; indexed by the mask.
    let reasonTexts: [String]

    init(_ section: MachineSignals) {
        self.section = section
        kinds = Set(section.kinds.map(\.rawValue))
        userAgents = section.proxyUserAgents.map { $0.lowercased() }.filter { !$0.isEmpty }
        ipClasses = Set(section.machineIPClasses.map { $0.lowercased() })
        let reasons = MachineSignals.Reason.allCases
        reasonTexts = (0..<(1 << reasons.count)).map { mask in
            reasons.filter { mask & Int($0.bit) != 0 }.map(\.rawValue).joined(separator: ", ")
        }
    }

    /// How much a machine's signal counts.
    var weight: Double { section.weight }

    /// For each of `signals`, the reasons (a mask of ``MachineSignals/Reason/bit``) it is a
    /// machine's; 0 for a person's or a kind not judged.
    func reasons(_ signals: UnsafeBufferPointer<Signal>) -> [UInt8] {
        var masks = [UInt8](repeating: 0, count: signals.count)
        var bySecond: [Int64: Int] = [:]
        for position in signals.indices where kinds.contains(signals[position].kind.rawValue) {
            masks[position] = reasons(of: signals[position])
            if section.sameSecondSignals != nil {
                bySecond[second(of: signals[position]), default: 0] += 1
            }
        }
        if let burst = section.sameSecondSignals {
            for position in signals.indices
            where kinds.contains(signals[position].kind.rawValue)
                && bySecond[second(of: signals[position]), default: 0]
                    >= burst
            {
                masks[position] |= MachineSignals.Reason.sameSecond.bit
            }
        }
        return masks
    }

    private func second(of signal: Signal) -> Int64 {
        Int64(signal.occurredAt.timeIntervalSinceReferenceDate.rounded(.down))
    }

    /// The reasons one signal, judged alone, is a machine's.
    private func reasons(of signal: Signal) -> UInt8 {
        guard !signal.properties.isEmpty else { return 0 }
        var mask: UInt8 = 0
        if !userAgents.isEmpty, let agent = signal.properties["userAgent"]?.text.lowercased(),
            userAgents.contains(where: { agent.contains($0) })
        {
            mask |= MachineSignals.Reason.proxyUserAgent.bit
        }
        if let limit = section.withinSecondsOfDelivery, let seconds = signal.properties["secondsSinceDelivery"]?.number,
            seconds >= 0, seconds < limit
        {
            mask |= MachineSignals.Reason.soonAfterDelivery.bit
        }
        if let ipClass = signal.properties["ipClass"]?.text.lowercased(), ipClasses.contains(ipClass) {
            mask |= MachineSignals.Reason.machineIPClass.bit
        }
        return mask
    }
}
