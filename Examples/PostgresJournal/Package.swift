// swift-tools-version:6.0
import PackageDescription

// The scale-out journal: an EventStore kept in PostgreSQL, shared by several service instances.
// Depends on the SDK by path and on postgres-nio; the SDK itself stays Foundation-only.
let package = Package(
    name: "PostgresJournal",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PostgresJournal", targets: ["PostgresJournal"]),
        .executable(name: "postgres-journal-bench", targets: ["PostgresJournalBench"]),
        .executable(name: "postgres-journal-node", targets: ["PostgresJournalNode"]),
    ],
    dependencies: [
        .package(name: "Accord", path: "../.."),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "PostgresJournal",
            dependencies: [
                .product(name: "LeadModel", package: "Accord"), .product(name: "Journal", package: "Accord"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "PostgresJournalBench",
            dependencies: [
                "PostgresJournal", .product(name: "LeadModel", package: "Accord"),
                .product(name: "Journal", package: "Accord"),
                .product(name: "EventStoreConformance", package: "Accord"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // The scale-out drill: the playbook, shared clock and state digest that the engine
        // instances (postgres-journal-node) and the test that runs them agree on.
        .target(
            name: "ScaleOutDrill",
            dependencies: [.product(name: "Accord", package: "Accord")]
        ),
        .executableTarget(
            name: "PostgresJournalNode",
            dependencies: [
                "PostgresJournal", "ScaleOutDrill", .product(name: "Accord", package: "Accord"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "PostgresJournalTests",
            dependencies: [
                "PostgresJournal", "ScaleOutDrill", .product(name: "Accord", package: "Accord"),
                .product(name: "LeadModel", package: "Accord"),
                .product(name: "EventStoreConformance", package: "Accord"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v6)]
}
