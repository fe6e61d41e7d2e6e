// libFuzzer entry point; `Tests/Fuzz/run.sh` builds it against the Accord module and runs it,
// seeded with the default playbook `accord init` writes.
//
// Whatever the bytes, decoding a playbook must either give a valid playbook or throw a
// PlaybookError that names at least one problem with a JSON path (duplicate keys included), never read outside the
// buffer (AddressSanitizer checks that), recurse without bound or trap; and a decoded playbook,
// written out again, must decode to the same playbook.

import Accord
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlaybook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let playbook: Playbook
    do {
        playbook = try Playbook.decode(from: bytes, file: "fuzz.json")
    } catch {
        precondition(!error.issues.isEmpty, "a refused playbook names no problem")
        for issue in error.issues {
            precondition(issue.path.hasPrefix("$"), "a problem's path does not start at the root")
        }
        _ = error.description
        return 0
    }
    do {
        let again = try Playbook.decode(from: playbook.jsonData())
        precondition(again == playbook, "a decoded playbook, written again, decodes differently")
    } catch {
        fatalError("a decoded playbook, written again, is refused: \(error)")
    }
    return 0
}
