// A libFuzzer harness: FuzzMain.swift calls it when ACCORD_FUZZ_TARGET names it, and
// `Tests/Fuzz/run.sh` builds it with the LeadModel sources and the import sources.
//
// The first byte chooses the delimiter and whether the rows are leads or signals; the rest is
// the file. Whatever the bytes, the CSV reader must advance on every call, give records of the
// header's width within the limits, or throw an ImportError, never trap or read out of bounds;
// and the import reader's full check must agree with its batches: a file it finds valid yields
// exactly its valid records, a file it finds invalid makes the batches throw.

import Foundation

func fuzzImportCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let options = data[0]
    let body = Data(bytes: data + 1, count: size - 1)
    let delimiter: Character = [",", ";", "\t", "|"][Int(options & 3)]
    let kind: ImportKind = options & 4 == 0 ? .leads : .signals
    let limits = ImportLimits(maxFieldBytes: 512, maxColumns: 48, maxRowBytes: 4_096)

    let reader = try! CSVReader(data: body, delimiter: delimiter, limits: limits)
    var lastLine = 0
    drain("CSV reader", inputSize: body.count, reader.next) { record in
        precondition(record.line > lastLine, "record lines do not increase")
        precondition(record.fields.count == reader.fieldCount, "a record is not the header's width")
        precondition(record.fields.count <= limits.maxColumns, "more columns than the limit")
        precondition(
            record.fields.allSatisfy { $0.utf8.count <= limits.maxFieldBytes },
            "a field over the limit")
        lastLine = record.line
    }

    checkValidationAgreesWithBatches {
        try ImportReader(
            data: body, name: "fuzz.csv", kind: kind, format: .csv, csvDelimiter: delimiter,
            limits: limits)
    }
    return 0
}
