import Foundation

/// Finds a key written twice in one JSON object, which `JSONDecoder` and `JSONSerialization`
/// silently resolve (one of the values is dropped), so that a reader can reject it instead.
///
/// Scans the text once, without building values; keys are compared after unescaping, so
/// `"email"` and `"\u0065mail"` are the same key. Meant for text that already parsed as JSON:
/// on malformed text it returns `nil` or a best-effort path, and never traps.
///
/// ```swift
/// JSONDuplicateKeys.firstPath(in: Array(#"{"a": {"b": 1, "b": 2}}"#.utf8))  // "$.a.b"
/// ```
enum JSONDuplicateKeys {
    /// The JSON path of the first key that appears a second time in the same object, such as
    /// `$.attributes.employees` or `$.externalIDs[1].system`; `nil` when every object's keys are
    /// distinct.
    static func firstPath(in bytes: some Collection<UInt8>) -> String? {
        var scanner = Scanner(bytes: Array(bytes))
        return scanner.run()
    }

    private struct Scanner {
        /// One open container: an object with the keys seen so far, or an array with the index
        /// of its current element.
        enum Frame {
            case object(keys: Set<String>, current: String?)
            case array(index: Int)
        }

        let bytes: [UInt8]
        var offset = 0
        var stack: [Frame] = []
        /// In an object, whether the next string is a key (not a value).
        var expectingKey = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> String? {
            while offset < bytes.count {
                let byte = bytes[offset]
                switch byte {
                case UInt8(ascii: "{"):
                    stack.append(.object(keys: [], current: nil))
                    expectingKey = true
                    offset += 1
                case UInt8(ascii: "["):
                    stack.append(.array(index: 0))
                    expectingKey = false
                    offset += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !stack.isEmpty { stack.removeLast() }
                    expectingKey = false
                    offset += 1
                case UInt8(ascii: ","):
                    switch stack.last {
                    case .object?: expectingKey = true
                    case .array(let index)?: stack[stack.count - 1] = .array(index: index + 1)
                    case nil: break
                    }
                    offset += 1
                case UInt8(ascii: "\""):
                    let text = string()
                    guard expectingKey, case .object(var keys, _)? = stack.last else { continue }
                    expectingKey = false
                    guard let key = text else { continue }
                    if !keys.insert(key).inserted {
                        stack[stack.count - 1] = .object(keys: keys, current: key)
                        return path()
                    }
                    stack[stack.count - 1] = .object(keys: keys, current: key)
                default:
                    offset += 1
                }
            }
            return nil
        }

        /// Reads a string starting at the opening quote; returns its unescaped text.
        private mutating func string() -> String? {
            let start = offset
            offset += 1
            var escaped = false
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    if offset < bytes.count { offset += 1 }
                } else if byte == UInt8(ascii: "\"") {
                    let raw = bytes[start..<offset]
                    if !escaped { return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self) }
                    return
                        (try? JSONSerialization.jsonObject(
                            with: Data(raw), options: .fragmentsAllowed)) as? String
                }
            }
            return nil
        }

        private func path() -> String {
            var path = "$"
            for frame in stack {
                switch frame {
                case .object(_, let current?): path += JSONLinesReader.pathComponent(current)
                case .object: break
                case .array(let index): path += "[\(index)]"
                }
            }
            return path
        }
    }
}
