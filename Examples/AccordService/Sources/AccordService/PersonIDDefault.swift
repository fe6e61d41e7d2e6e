/// Adds `"id": ""` to a person object that has none, by scanning the JSON's bytes once rather
/// than parsing and re-serialising it: a `Lead` always has an id, and empty means "match or
/// mint". On the signal route this was an eighth of the CPU time under load.
enum PersonIDDefault {
    /// The body with `"id":""` inserted into the object at `key` (or the top-level object for
    /// `nil`) when that object has no `id` member; `nil` when the body is not a plain JSON object
    /// this scanner is sure about (malformed, or keys with escapes), so the caller falls back.
    static func inserting(into body: [UInt8], at key: String?) -> [UInt8]? {
        var scanner = Scanner(bytes: body)
        scanner.skipWhitespace()
        var objectStart = scanner.index
        if let key {
            var found: Int?
            guard scanner.members(visit: { name, valueStart in if name.elementsEqual(key.utf8) { found = valueStart } })
            else { return nil }
            guard let found, found < body.count, body[found] == UInt8(ascii: "{") else { return body }
            objectStart = found
        }
        var person = Scanner(bytes: body, index: objectStart)
        var hasID = false
        var isEmpty = true
        guard
            person.members(visit: { name, _ in
                isEmpty = false
                if name.elementsEqual("id".utf8) { hasID = true }
            })
        else { return nil }
        if hasID { return body }
        var result = body
        let inserted = Array((isEmpty ? #""id":"""# : #""id":"","#).utf8)
        result.insert(contentsOf: inserted, at: objectStart + 1)
        return result
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8], index: Int = 0) {
            self.bytes = bytes
            self.index = index
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// Reads the object at `index`, calling `visit` with each member's raw name and where
        /// its value starts. False when the object is malformed or a name has an escape.
        mutating func members(visit: (ArraySlice<UInt8>, Int) -> Void) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return true }
            while true {
                skipWhitespace()
                guard let name = string(), !name.contains(UInt8(ascii: "\\")) else { return false }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                index += 1
                skipWhitespace()
                visit(name, index)
                guard skipValue() else { return false }
                skipWhitespace()
                guard index < bytes.count else { return false }
                if bytes[index] == UInt8(ascii: "}") { return true }
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index += 1
            }
        }

        /// Reads a string at `index`; returns its raw contents.
        mutating func string() -> ArraySlice<UInt8>? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return bytes[start..<(index - 1)]
                default: index += 1
                }
            }
            return nil
        }

        /// Skips one value: a string, an object or array (with what is nested), or a literal.
        mutating func skipValue() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                let start = index
                while index < bytes.count,
                    ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index])
                {
                    index += 1
                }
                return index > start
            }
        }
    }
}
