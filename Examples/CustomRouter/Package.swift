// swift-tools-version:6.0
import PackageDescription

// A router of your own: territories by country and postal-code prefix to named reps with caps
// and working days, wired into the engine and proved by Accord's policy conformance suite.
// Depends on the SDK by path.
let package = Package(
    name: "CustomRouter",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Accord", path: "../..")],
    targets: [
        .target(
            name: "TerritoryRouting",
            dependencies: [
                .product(name: "LeadModel", package: "Accord"), .product(name: "Routing", package: "Accord"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "CustomRouter",
            dependencies: [
                "TerritoryRouting",
                .product(name: "Accord", package: "Accord"), .product(name: "LeadModel", package: "Accord"),
                .product(name: "Routing", package: "Accord"),
                .product(name: "PolicyConformance", package: "Accord"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "TerritoryRoutingTests",
            dependencies: [
                "TerritoryRouting",
                .product(name: "LeadModel", package: "Accord"), .product(name: "Routing", package: "Accord"),
                .product(name: "PolicyConformance", package: "Accord"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
