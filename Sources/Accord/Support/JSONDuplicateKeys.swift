import Foundation

/// Finds the keys a JSON document gives twice in one object, which Foundation's readers resolve
/// silently (`JSONSerialization` and `JSONDecoder` keep one of the values without a word), so
/// that a reader can reject them instead: the playbook's validation lists every one
/// (``duplicates(in:stoppingAtFirst:)``), the JSON Lines import refuses a line at the first
/// (``firstPath(in:)``).
///
/// A single pass over the bytes with an explicit stack, without building values: no recursion,
/// so any nesting depth is safe, and malformed input never traps — it only ends the scan early
/// (the JSON reader reports what is malformed). Keys are compared after unescaping
/// (`"\u0076ersion"` is `"version"`).
///
/// ```swift
/// JSONDuplicateKeys.duplicates(in: Data(#"{"version": "1", "version": "2"}"#.utf8))
/// // [Duplicate(path: "$.version", key: "version")]
/// JSONDuplicateKeys.firstPath(in: Array(#"{"a": {"b": 1, "b": 2}}"#.utf8))  // "$.a.b"
/// ```
package enum JSONDuplicateKeys {
    /// A key given more than once in the same object.
    package struct Duplicate: Hashable, Sendable {
        /// The JSON path of the repeated key, such as `$.stages.definitions[2].name`.
        package var path: String
        /// The key, unescaped.
        package var key: String
    }

    /// An open container. A frame does not keep its path (that would make deep nesting
    /// quadratic): the path is built from the stack only when a duplicate is found.
    private enum Frame {
        case object(keys: Set<String>, key: String?, expectsKey: Bool)
        case array(index: Int)
    }

    /// The JSON path of the first key that appears a second time in the same object, such as
    /// `$.attributes.employees` or `$.externalIDs[1].system`; `nil` when every object's keys are
    /// distinct. Stops at the first one.
    ///
    /// - Parameter bytes: A JSON document, UTF-8.
    /// - Returns: The path, or `nil`.
    package static func firstPath(in bytes: some Collection<UInt8>) -> String? {
        duplicates(in: bytes, stoppingAtFirst: true).first?.path
    }

    /// Every repeated key of `bytes`, in document order (a key given three times is listed twice).
    ///
    /// - Parameters:
    ///   - bytes: A JSON document, UTF-8.
    ///   - stoppingAtFirst: Whether to stop at the first repeated key.
    /// - Returns: The duplicates with their JSON paths; empty for a document without any.
    package static func duplicates(in bytes: some Collection<UInt8>, stoppingAtFirst: Bool = false) -> [Duplicate] {
        let bytes = [UInt8](bytes)
        var stack: [Frame] = []
        var found: [Duplicate] = []
        var index = 0

        /// The path of the value the innermost container is at: each object's current key, each
        /// array's current index.
        func path(of frames: ArraySlice<Frame>) -> String {
            frames.reduce(into: "$") { path, frame in
                switch frame {
                case .object(_, let key, _): path += component(key ?? "")
                case .array(let position): path += "[\(position)]"
                }
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append(.object(keys: [], key: nil, expectsKey: true))
                index += 1
            case UInt8(ascii: "["):
                stack.append(.array(index: 0))
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                index += 1
            case UInt8(ascii: ","):
                switch stack.last {
                case .object(let keys, _, _)?:
                    stack[stack.count - 1] = .object(keys: keys, key: nil, expectsKey: true)
                case .array(let position)?:
                    stack[stack.count - 1] = .array(index: position + 1)
                case nil: break
                }
                index += 1
            case UInt8(ascii: "\""):
                let (text, end) = string(in: bytes, from: index + 1)
                index = end
                guard case .object(var keys, _, true)? = stack.last else { continue }
                stack[stack.count - 1] = .array(index: 0)  // release the frame's set: no copy on insert
                if !keys.insert(text).inserted {
                    found.append(Duplicate(path: path(of: stack.dropLast()) + component(text), key: text))
                    if stoppingAtFirst { return found }
                }
                stack[stack.count - 1] = .object(keys: keys, key: text, expectsKey: false)
            default:
                index += 1  // whitespace, ':', numbers, true, false, null
            }
        }
        return found
    }

    /// `.key`, or `["key"]` for a key that is not a plain identifier: the import's spelling of
    /// a path component, so import errors and playbook issues name keys alike.
    private static func component(_ key: String) -> String {
        JSONLinesReader.pathComponent(key)
    }

    /// The unescaped string starting after its opening quote, and the index after its closing one
    /// (the end of the input when it is not closed).
    private static func string(in bytes: [UInt8], from start: Int) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var index = start
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll(keepingCapacity: true)
        }
        func hex(at position: Int) -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[position..<position + 4] {
                guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flush()
                return (String(scalars), index + 1)
            }
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                raw.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): raw.append(0x0A)
            case UInt8(ascii: "t"): raw.append(0x09)
            case UInt8(ascii: "r"): raw.append(0x0D)
            case UInt8(ascii: "b"): raw.append(0x08)
            case UInt8(ascii: "f"): raw.append(0x0C)
            case UInt8(ascii: "u"):
                guard var code = hex(at: index) else { continue }
                index += 4
                if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hex(at: index + 2), (0xDC00...0xDFFF).contains(low)
                {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                flush()
                scalars.append(UnicodeScalar(code) ?? "\u{FFFD}")
            default: raw.append(escape)  // \" \\ \/
            }
        }
        flush()
        return (String(scalars), index)
    }
}
