// A libFuzzer harness: FuzzMain.swift calls it when ACCORD_FUZZ_TARGET names it, and
// `Tests/Fuzz/run.sh` builds it with the LeadModel sources and the import sources.
//
// The first byte chooses whether the rows are leads or signals; the rest is the file. Whatever
// the bytes, the JSON Lines reader must advance line by line, give rows within the limits or
// throw an ImportError, never trap or read out of bounds; the duplicate-key scanner must never
// trap; and the import reader's full check must agree with its batches.

import Foundation

func fuzzImportJSONLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kind: ImportKind = data[0] & 1 == 0 ? .leads : .signals
    let body = Data(bytes: data + 1, count: size - 1)
    let limits = ImportLimits(maxFieldBytes: 512, maxColumns: 48, maxRowBytes: 4_096)

    _ = JSONDuplicateKeys.firstPath(in: body)
    let reader = JSONLinesReader(data: body, limits: limits)
    var lastLine = 0
    drain("JSON Lines reader", inputSize: body.count, reader.next) { row in
        precondition(row.line > lastLine, "row lines do not increase")
        precondition(row.cells.count <= limits.maxColumns, "more keys than the limit")
        lastLine = row.line
    }

    checkValidationAgreesWithBatches {
        try ImportReader(
            data: body, name: "fuzz.jsonl", kind: kind, format: .jsonLines, limits: limits)
    }
    return 0
}
