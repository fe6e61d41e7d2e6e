// swift-tools-version:6.0
import PackageDescription

// The reference HTTP service: the Accord engine behind a signed JSON API (Hummingbird), with the
// engine's timer loop beside the server under swift-service-lifecycle, logs through swift-log and
// metrics through swift-metrics in Prometheus's format. Depends on the SDK by path.
let package = Package(
    name: "AccordService",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AccordService", targets: ["AccordService"]),
        .executable(name: "accord-service", targets: ["AccordServiceMain"]),
        .executable(name: "accord-journal-keys", targets: ["AccordJournalKeys"]),
    ],
    dependencies: [
        .package(name: "Accord", path: "../.."),
        // The scale-out journal, used when ACCORD_POSTGRES_URL is set.
        .package(name: "PostgresJournal", path: "../PostgresJournal"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Already in the graph through Hummingbird; named so the imports of their modules are declared.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // The routes, the signature check and the configuration: a library, so tests import it.
        .target(
            name: "AccordService",
            dependencies: [
                .product(name: "Accord", package: "Accord"),
                .product(name: "Feedback", package: "Accord"),
                .product(name: "Journal", package: "Accord"),
                .product(name: "LeadModel", package: "Accord"),
                .product(name: "Scoreboard", package: "Accord"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresJournal", package: "PostgresJournal"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // A thin executable: reads the environment and runs the service until SIGTERM.
        .executableTarget(
            name: "AccordServiceMain",
            dependencies: [
                "AccordService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/accord-service"
        ),
        // Prints the idempotency keys in a stopped service's journal, for the crash test.
        .executableTarget(
            name: "AccordJournalKeys",
            dependencies: [
                .product(name: "Journal", package: "Accord"),
                .product(name: "LeadModel", package: "Accord"),
            ],
            path: "Sources/accord-journal-keys"
        ),
        .testTarget(
            name: "AccordServiceTests",
            dependencies: [
                "AccordService",
                .product(name: "Accord", package: "Accord"),
                .product(name: "Journal", package: "Accord"),
                .product(name: "LeadModel", package: "Accord"),
                .product(name: "Scoreboard", package: "Accord"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "PostgresJournal", package: "PostgresJournal"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
