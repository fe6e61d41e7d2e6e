import Accord
import Foundation

/// The playbook every process of the scale-out drill runs: the standard one, with one pool of
/// three reps whose caps bind during the drill.
public enum DrillPlaybook {
    /// Each rep's cap on open leads.
    public static let caps = ["ana": 8, "bo": 10, "cy": 6]
    /// The pool every handoff is routed through.
    public static let pool = "inbound"

    /// The playbook.
    ///
    /// - Throws: `DecodingError` if the routing section below stopped decoding.
    public static func make() throws -> Playbook {
        let routing = """
            {"reps": [{"id": "ana", "capacity": {"maxOpen": \(caps["ana"]!)}},
                      {"id": "bo", "weight": 2, "capacity": {"maxOpen": \(caps["bo"]!)}},
                      {"id": "cy", "capacity": {"maxOpen": \(caps["cy"]!)}}],
             "pools": [{"name": "\(pool)", "members": [{"rep": "ana"}, {"rep": "bo"}, {"rep": "cy"}]}],
             "default": {"pool": "\(pool)"}}
            """
        var playbook = Playbook.standard
        playbook.routing = try JSONDecoder().decode(RoutingRules.self, from: Data(routing.utf8))
        return playbook
    }

    /// The person behind the drill's lead number `index`.
    public static func person(_ index: Int) -> Lead {
        Lead(id: "", email: "buyer\(index)@firm\(index).com", company: "Firm \(index)", source: "website")
    }
}
