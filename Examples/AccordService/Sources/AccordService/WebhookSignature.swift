import Crypto
import Foundation

/// Signs and verifies inbound writes the way Stripe and Slack sign their webhooks.
///
/// A sender puts the Unix time in `X-Accord-Timestamp` and
/// `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` in `X-Accord-Signature`, keyed with
/// the shared secret. The receiver recomputes the code over the bytes it received, compares in
/// constant time, and refuses a timestamp outside the replay window, so a captured request
/// cannot be sent again later. Value semantics; safe to share.
public struct WebhookSignature: Sendable {
    /// The header that carries the Unix time of signing.
    public static let timestampHeader = "X-Accord-Timestamp"
    /// The header that carries `sha256=<hex>`.
    public static let signatureHeader = "X-Accord-Signature"

    /// The secret's bytes; a `SymmetricKey` is made from them per use, since it is not `Sendable`.
    private let secret: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: secret) }
    /// How far the timestamp may be from now, either way, in seconds.
    public var replayWindow: TimeInterval

    /// Makes a signer and verifier for one shared secret.
    /// - Parameters:
    ///   - secret: the shared secret, as UTF-8 text.
    ///   - replayWindow: the accepted clock difference, in seconds (default 5 minutes).
    public init(secret: String, replayWindow: TimeInterval = 300) {
        self.secret = Array(secret.utf8)
        self.replayWindow = replayWindow
    }

    /// The `X-Accord-Signature` value for a body sent at a time.
    /// - Parameters:
    ///   - body: the raw request body.
    ///   - timestamp: the `X-Accord-Timestamp` value, Unix seconds.
    /// - Returns: `sha256=` and the lowercase hex HMAC-SHA256 of `"<timestamp>.<body>"`.
    public func signature(for body: some DataProtocol, timestamp: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Self.message(body, timestamp: timestamp), using: key)
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a request's signature headers against its raw body.
    /// - Parameters:
    ///   - body: the raw request body, exactly as received.
    ///   - timestamp: the `X-Accord-Timestamp` header, if any.
    ///   - signature: the `X-Accord-Signature` header, if any.
    ///   - now: the receiver's time.
    /// - Throws: ``WebhookSignatureError`` saying what is wrong: a missing or malformed header, a
    ///   timestamp outside the window, or a code that does not match.
    public func verify(
        body: some DataProtocol, timestamp: String?, signature: String?, now: Date
    ) throws(WebhookSignatureError) {
        guard let timestamp, let signature else {
            throw WebhookSignatureError(
                "missing \(timestamp == nil ? Self.timestampHeader : Self.signatureHeader): writes must be signed")
        }
        guard let seconds = Int64(timestamp) else {
            throw WebhookSignatureError("\(Self.timestampHeader) must be Unix seconds, got '\(timestamp.prefix(32))'")
        }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= replayWindow else {
            throw WebhookSignatureError(
                "\(Self.timestampHeader) is more than \(Int(replayWindow)) seconds from the server's time: "
                    + "sign each request when it is sent, and keep the sender's clock in sync")
        }
        guard signature.hasPrefix("sha256="), let code = Self.bytes(hex: signature.dropFirst(7)), code.count == 32
        else {
            throw WebhookSignatureError("\(Self.signatureHeader) must be sha256= and 64 hex digits")
        }
        // isValidAuthenticationCode compares in constant time.
        guard
            HMAC<SHA256>.isValidAuthenticationCode(
                code, authenticating: Self.message(body, timestamp: timestamp), using: key)
        else {
            throw WebhookSignatureError(
                "\(Self.signatureHeader) does not match the body: sign \"<timestamp>.<raw body>\" with the shared secret"
            )
        }
    }

    private static func message(_ body: some DataProtocol, timestamp: String) -> Data {
        var message = Data((timestamp + ".").utf8)
        message.append(contentsOf: body)
        return message
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

/// A request's signature headers were missing, malformed, stale or wrong.
public struct WebhookSignatureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and what the sender should do; never the secret or the expected code.
    public var description: String

    init(_ description: String) { self.description = description }
}

/// Compares two secrets without leaking, through timing, how much of them matched.
///
/// Both are hashed first, so the comparison takes the same time whatever their lengths.
/// - Parameters:
///   - presented: what the client sent.
///   - expected: the configured secret.
/// - Returns: whether they are equal.
func constantTimeEquals(_ presented: String, _ expected: String) -> Bool {
    let left = SHA256.hash(data: Data(presented.utf8))
    let right = SHA256.hash(data: Data(expected.utf8))
    var difference: UInt8 = 0
    for (a, b) in zip(left, right) { difference |= a ^ b }
    return difference == 0
}
