// swift-tools-version:6.0
import PackageDescription

// An SLA policy of your own: first response within business minutes, an escalation ladder,
// pauses while waiting on the customer; wired into the engine and proved by Accord's policy
// conformance suite. Depends on the SDK by path.
let package = Package(
    name: "CustomSLAPolicy",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Accord", path: "../..")],
    targets: [
        .target(
            name: "FirstResponseSLA",
            dependencies: [.product(name: "LeadModel", package: "Accord"), .product(name: "SLA", package: "Accord")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "CustomSLAPolicy",
            dependencies: [
                "FirstResponseSLA",
                .product(name: "Accord", package: "Accord"), .product(name: "LeadModel", package: "Accord"),
                .product(name: "Routing", package: "Accord"), .product(name: "SLA", package: "Accord"),
                .product(name: "EventStoreConformance", package: "Accord"),
                .product(name: "PolicyConformance", package: "Accord"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
