// A libFuzzer harness: FuzzMain.swift calls it when ACCORD_FUZZ_TARGET names it, and
// `Tests/Fuzz/run.sh` builds it with the LeadModel sources.
//
// Whatever the bytes, decoding a lead state snapshot must either give states or throw an
// EventCodecError, never read outside the buffer (AddressSanitizer checks that) or trap; and
// decoded states, encoded again, must decode to the same bytes once more.

func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let states = try? LeadStateSnapshot.decode(bytes) else { return 0 }
    let encoded = LeadStateSnapshot.encode(states)
    let again: [LeadState]
    do {
        again = try LeadStateSnapshot.decode(encoded)
    } catch {
        fatalError("decoded states, encoded again, do not decode: \(error)")
    }
    precondition(LeadStateSnapshot.encode(again) == encoded, "encoding is not stable across a decode")
    return 0
}
