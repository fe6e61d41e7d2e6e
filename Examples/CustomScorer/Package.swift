// swift-tools-version:6.0
import PackageDescription

// A scorer plugin, registered by name and chosen by the playbook with its own config. Depends on the SDK by path.
let package = Package(
    name: "CustomScorer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Accord", path: "../..")],
    targets: [
        .executableTarget(
            name: "CustomScorer",
            dependencies: [
                .product(name: "Accord", package: "Accord"), .product(name: "LeadModel", package: "Accord"),
                .product(name: "Scoring", package: "Accord"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
