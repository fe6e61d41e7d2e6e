// A libFuzzer harness: FuzzMain.swift calls it when ACCORD_FUZZ_TARGET names it, and
// `Tests/Fuzz/run.sh` builds it with the LeadModel sources.
//
// Whatever the bytes, decoding a record must either give an event or throw an EventCodecError,
// never read outside the buffer (AddressSanitizer checks that) or trap; and a decoded event,
// encoded again, must decode to the same bytes once more.

func fuzzEventCodec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let event = try? EventCodec.decode(bytes, position: JournalPosition(1)) else { return 0 }
    var encoded: [UInt8] = []
    EventCodec.encode(event, into: &encoded)
    let again: LeadEvent
    do {
        again = try encoded.withUnsafeBytes { try EventCodec.decode($0, position: JournalPosition(1)) }
    } catch {
        fatalError("a decoded event, encoded again, does not decode: \(error)")
    }
    var reencoded: [UInt8] = []
    EventCodec.encode(again, into: &reencoded)
    precondition(reencoded == encoded, "encoding is not stable across a decode")
    return 0
}
