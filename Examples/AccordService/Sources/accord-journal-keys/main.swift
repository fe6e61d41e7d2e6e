import Foundation
import Journal
import LeadModel

// Prints the idempotency key of every event in a stopped service's journal, one per line, in
// journal order: what the crash test compares with its client's acknowledged keys.
//
//   accord-journal-keys ACCORD_DATA
//
// It opens the journal as its owner (the service must be stopped; a crashed one's torn tail is
// cut as the service would on restart) and changes nothing else.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: accord-journal-keys ACCORD_DATA\n".utf8))
    exit(2)
}
do {
    let store = try await FileEventStore(directory: URL(fileURLWithPath: path).appendingPathComponent("journal"))
    var output = ""
    var count = 0
    for try await event in store.events() {
        guard let key = event.idempotencyKey else { continue }
        output += key + "\n"
        count += 1
        if output.utf8.count > 1 << 16 {
            FileHandle.standardOutput.write(Data(output.utf8))
            output = ""
        }
    }
    FileHandle.standardOutput.write(Data(output.utf8))
    try await store.close()
    FileHandle.standardError.write(Data("\(count) keyed events\n".utf8))
} catch {
    FileHandle.standardError.write(Data("accord-journal-keys: \(error)\n".utf8))
    exit(1)
}
