// A host needs one `import Accord` for the main types: the engine and its reports here, and the
// vocabulary and policies of the modules below, re-exported (as Hummingbird's Exports.swift
// does). A module's name still qualifies a type where that helps (`Scoring.TrainingSet`).
@_exported import Feedback
@_exported import Journal
@_exported import LeadModel
@_exported import Routing
@_exported import SLA
@_exported import Scoreboard
@_exported import Scoring
