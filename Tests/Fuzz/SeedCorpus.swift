// Writes a seed corpus for the event-codec fuzzer: up to 8 records of each payload kind, taken
// from a journal (`Tests/Fuzz/run.sh` uses a fresh `accord demo` journal).
//
// Usage: seed-corpus JOURNAL_DIRECTORY CORPUS_DIRECTORY

import Foundation

@main
enum SeedCorpus {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: seed-corpus JOURNAL_DIRECTORY CORPUS_DIRECTORY\n".utf8))
            exit(2)
        }
        let store = try await FileEventStore(directory: URL(fileURLWithPath: arguments[1]))
        let corpus = URL(fileURLWithPath: arguments[2])
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        var perKind: [String: Int] = [:]
        var written = 0
        for try await event in store.events(from: .start, pageSize: 4096) {
            let kind = String(describing: event.payload).prefix { $0 != "(" }
            guard perKind[String(kind), default: 0] < 8 else { continue }
            perKind[String(kind), default: 0] += 1
            var bytes: [UInt8] = []
            EventCodec.encode(event, into: &bytes)
            try Data(bytes).write(to: corpus.appendingPathComponent("seed-\(written)"))
            written += 1
        }
        print("wrote \(written) seeds of \(perKind.count) payload kinds to \(corpus.path)")
    }
}
