import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let leadShow = CommandDefinition(
        name: "lead show",
        summary: "Show a lead's current state, folded from its events.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        examples: ["accord lead show L0000001", "accord lead show L0000001 --json"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let state = try await console.dataDirectory.withStore { store in
            try await LeadReader(store: store).state(of: id)
        }
        if console.json {
            try console.printJSON(LeadView(state))
        } else {
            for line in LeadView(state).lines { console.print(line) }
            if let survivor = state.mergedInto {
                console.print("")
                console.print("This lead was merged; see: accord lead show \(survivor)")
            }
        }
    }

    static let leadTimeline = CommandDefinition(
        name: "lead timeline",
        summary: "Show every fact recorded about a lead, oldest first, with the reasons behind each decision.",
        discussion: "Includes the history of leads merged into it, unless --own-only is given.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [.flag("own-only", "leave out the events of leads merged into this one")],
        examples: ["accord lead timeline L0000001", "accord lead timeline L0000001 --json"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let events = try await console.dataDirectory.withStore { store in
            try await LeadReader(store: store).timeline(of: id, includingMerged: !arguments.has("own-only"))
        }
        if console.json {
            try console.printJSON(events)
        } else {
            for line in events.flatMap(EventLine.text) { console.print(line) }
        }
    }

    static let leadStage = CommandDefinition(
        name: "lead stage",
        summary: "Move a lead to another stage, checking the stage graph and handoff gates.",
        positionals: [
            PositionalSpec(name: "LEAD", help: "the lead's id"),
            PositionalSpec(name: "STAGE", help: "the stage to enter, e.g. mql, sql, opportunity"),
        ],
        options: [
            .value("by", "PERSON", "who moves it (default: cli)"),
            .value("reason", "TEXT", "why, stored with the event"),
        ],
        examples: ["accord lead stage L0000001 sql --by maria --reason 'asked for a call back'"]
    ) { arguments, console in
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let stage = Stage(try arguments.positional(1, "STAGE"))
        let actor: EventActor = arguments.value("by").map { .person($0) } ?? .integration("cli")
        let reasons = arguments.value("reason").map { [Reason(rule: "manual", detail: $0)] } ?? []
        let state = try await console.dataDirectory.withEngine { engine in
            try await engine.changeStage(of: id, to: stage, by: actor, reasons: reasons)
        }
        if console.json {
            try console.printJSON(LeadView(state))
        } else {
            console.print("\(id) is now \(state.stage)" + (state.owner.map { ", owned by \($0)" } ?? ""))
        }
    }
}

/// Reads one lead through the store's per-lead index, without folding the whole journal.
struct LeadReader {
    let store: any EventStore

    func state(of id: LeadID) async throws -> LeadState {
        guard let state = LeadState.fold(try await store.events(forLead: id)) else {
            throw LeadModelError(.unknownLead, leadID: id, message: "no such lead in the journal")
        }
        return state
    }

    func timeline(of id: LeadID, includingMerged: Bool) async throws -> [LeadEvent] {
        try await store.personTimeline(of: id, includingMerged: includingMerged)
    }
}
