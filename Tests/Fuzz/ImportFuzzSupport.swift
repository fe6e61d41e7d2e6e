// Checks shared by the import fuzzers (ImportCSVFuzz.swift, ImportJSONLinesFuzz.swift).

import Foundation

/// Checks that ``ImportReader/validateAll(maxReported:)`` and ``ImportReader/nextBatch(max:)``
/// agree on a file.
func checkValidationAgreesWithBatches(_ open: () throws -> ImportReader) {
    let reader: ImportReader
    let report: ImportValidationReport
    do {
        reader = try open()
        report = try reader.validateAll(maxReported: 5)
    } catch {
        fatalError("in-memory input cannot fail to open or validate: \(error)")
    }
    precondition(report.errors.count <= 5 && report.errorCount >= report.errors.count)
    var records = 0
    do {
        while case let batch = try reader.nextBatch(max: 7), !batch.isEmpty {
            records += batch.count
        }
        precondition(report.isValid, "the batches found no problem in a file the check rejected")
        precondition(records == report.validRecordCount, "the batches and the check count differently")
    } catch is ImportError {
        precondition(!report.isValid, "the batches threw on a file the check found valid")
    } catch {
        fatalError("the import reader threw something other than an ImportError: \(error)")
    }
}

/// Reads `next` to its end: it must return `nil` within `inputSize + 2` calls (every call
/// consumes input) and throw nothing but ``ImportError``; `check` looks at each item.
func drain<Item>(
    _ reader: String, inputSize: Int, _ next: () throws -> Item?, check: (Item) -> Void
) {
    var calls = 0
    while true {
        calls += 1
        precondition(calls <= inputSize + 2, "the \(reader) does not advance")
        do {
            guard let item = try next() else { return }
            check(item)
        } catch is ImportError {
            continue
        } catch {
            fatalError("the \(reader) threw something other than an ImportError: \(error)")
        }
    }
}
