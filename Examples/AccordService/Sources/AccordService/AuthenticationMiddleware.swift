import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Guards the `/v1` routes: a write must be signed, a read must carry the bearer token.
///
/// For a `POST`, the body is collected (at most the body limit, else 413) and its signature
/// checked before any route sees it; the route then reads the same bytes. A request that fails
/// gets 401 and reaches no route, so nothing is stored.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let signature: WebhookSignature
    let apiToken: String
    let maxBodySize: Int
    let now: @Sendable () -> Date

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        if request.method == .get || request.method == .head {
            try checkToken(request.headers[.authorization])
        } else {
            let body = try await request.collectBody(upTo: maxBodySize)
            try signature.verify(
                body: body.readableBytesView, timestamp: request.headers[.accordTimestamp],
                signature: request.headers[.accordSignature], now: now())
        }
        return try await next(request, context)
    }

    private func checkToken(_ header: String?) throws {
        guard let header, header.hasPrefix("Bearer ") else {
            throw Problem(
                status: .unauthorized, code: "missingToken", title: "Missing bearer token",
                detail: "reads need Authorization: Bearer <ACCORD_API_TOKEN>",
                errors: [.init(path: "header.Authorization", message: "is missing or not a bearer token")])
        }
        guard constantTimeEquals(String(header.dropFirst(7)), apiToken) else {
            throw Problem(
                status: .unauthorized, code: "badToken", title: "Wrong bearer token",
                detail: "the bearer token is not the service's ACCORD_API_TOKEN",
                errors: [.init(path: "header.Authorization", message: "does not match")])
        }
    }
}

/// Turns every error a route or middleware throws into an `application/problem+json` answer.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error)
            if problem.statusCode == 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            return try problem.response(from: request, context: context)
        }
    }
}

extension HTTPField.Name {
    /// `X-Accord-Timestamp`: Unix seconds when a write was signed.
    public static let accordTimestamp = Self(WebhookSignature.timestampHeader)!
    /// `X-Accord-Signature`: `sha256=<hex>` over `"<timestamp>.<raw body>"`.
    public static let accordSignature = Self(WebhookSignature.signatureHeader)!
}
