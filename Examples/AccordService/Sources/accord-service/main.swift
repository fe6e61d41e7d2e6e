import AccordService
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

// The reference service: configuration from the environment, then the HTTP server and the
// engine's timer loop until SIGTERM or SIGINT (see README.md).
var logger = Logger(label: "accord-service")
logger.logLevel = .info
do {
    let configuration = try ServiceConfiguration(environment: ProcessInfo.processInfo.environment)
    let group = try await AccordServer.serviceGroup(configuration: configuration, logger: logger)
    logger.info(
        "starting",
        metadata: [
            "host": "\(configuration.host)", "port": "\(configuration.port)",
            "data": "\(configuration.dataDirectory.path)",
        ])
    try await group.run()
} catch {
    logger.critical("\(error)")
    exit(1)
}
