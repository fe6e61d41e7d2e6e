// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Accord",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LeadModel", targets: ["LeadModel"]),
        .library(name: "Journal", targets: ["Journal"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Routing", targets: ["Routing"]),
        .library(name: "SLA", targets: ["SLA"]),
        .library(name: "Feedback", targets: ["Feedback"]),
        .library(name: "Scoreboard", targets: ["Scoreboard"]),
        .library(name: "Accord", targets: ["Accord"]),
        .library(name: "EventStoreConformance", targets: ["EventStoreConformance"]),
        .library(name: "PolicyConformance", targets: ["PolicyConformance"]),
        .executable(name: "accord", targets: ["AccordCLI"]),
        .executable(name: "accord-bench", targets: ["AccordBench"]),
    ],
    targets: [
        .target(name: "LeadModel"),
        .target(name: "Journal", dependencies: ["LeadModel"]),
        .target(name: "Scoring", dependencies: ["LeadModel"]),
        .target(name: "Routing", dependencies: ["LeadModel"]),
        .target(name: "SLA", dependencies: ["LeadModel"]),
        .target(name: "Feedback", dependencies: ["LeadModel"]),
        .target(name: "Scoreboard", dependencies: ["LeadModel"]),
        .target(
            name: "Accord",
            dependencies: ["LeadModel", "Journal", "Scoring", "Routing", "SLA", "Feedback", "Scoreboard"]
        ),
        .target(name: "EventStoreConformance", dependencies: ["LeadModel"]),
        .target(
            name: "PolicyConformance",
            dependencies: ["Accord", "EventStoreConformance", "LeadModel", "Routing", "SLA"]
        ),
        // Executables and tests declare every module they import, though Accord re-exports them.
        .executableTarget(
            name: "AccordCLI",
            dependencies: ["Accord", "Feedback", "Journal", "LeadModel", "Routing", "SLA", "Scoreboard", "Scoring"]
        ),
        .executableTarget(
            name: "AccordBench",
            dependencies: [
                "Accord", "Feedback", "Journal", "LeadModel", "Routing", "SLA", "Scoreboard", "Scoring",
                "_AccountMatchingFixture",
            ]
        ),
        .executableTarget(name: "AccordCrashWriter", dependencies: ["Journal", "LeadModel"]),
        // Test helpers shared by the test targets of LeadModel and Journal (not a product).
        .target(name: "_LeadModelTestSupport", dependencies: ["LeadModel"], path: "Tests/_LeadModelTestSupport"),
        // The labelled lead/account pairs that the matcher's tests and `accord-bench account-matching`
        // both evaluate (not a product; no dependency on Testing, so the benchmark can link it).
        .target(name: "_AccountMatchingFixture", dependencies: ["LeadModel"], path: "Tests/_AccountMatchingFixture"),
        .testTarget(
            name: "LeadModelTests",
            dependencies: ["LeadModel", "EventStoreConformance", "_AccountMatchingFixture", "_LeadModelTestSupport"]
        ),
        .testTarget(
            name: "JournalTests",
            dependencies: [
                "Journal", "LeadModel", "EventStoreConformance", "AccordCrashWriter", "_LeadModelTestSupport",
            ]
        ),
        .testTarget(name: "ScoringTests", dependencies: ["LeadModel", "Scoring"]),
        .testTarget(name: "RoutingTests", dependencies: ["LeadModel", "Routing"]),
        .testTarget(name: "SLATests", dependencies: ["LeadModel", "SLA"]),
        .testTarget(name: "FeedbackTests", dependencies: ["Feedback", "LeadModel"]),
        .testTarget(name: "ScoreboardTests", dependencies: ["Journal", "LeadModel", "Scoreboard"]),
        .testTarget(
            name: "AccordTests",
            dependencies: [
                "Accord", "EventStoreConformance", "Feedback", "Journal", "LeadModel", "PolicyConformance", "Routing",
                "SLA", "Scoreboard", "Scoring",
            ]
        ),
        .testTarget(name: "AccordCLITests", dependencies: ["AccordCLI", "Journal", "LeadModel"]),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
