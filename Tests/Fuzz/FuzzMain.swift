// The libFuzzer entry point of the one fuzzer binary `Tests/Fuzz/run.sh` builds from the LeadModel
// and import sources. Building those sources with the sanitizers is the slow part, so the four
// harnesses share one build, and ACCORD_FUZZ_TARGET says which one a run exercises.

import Foundation

enum FuzzTarget: String, CaseIterable {
    case eventCodec = "event-codec"
    case snapshot
    case importCSV = "import-csv"
    case importJSONLines = "import-jsonl"

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["ACCORD_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            fatalError("set ACCORD_FUZZ_TARGET to one of: \(names) (got '\(name)')")
        }
        return target
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    switch FuzzTarget.selected {
    case .eventCodec: fuzzEventCodec(data, size)
    case .snapshot: fuzzSnapshot(data, size)
    case .importCSV: fuzzImportCSV(data, size)
    case .importJSONLines: fuzzImportJSONLines(data, size)
    }
}
