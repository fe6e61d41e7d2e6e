// swift-tools-version:6.0
import PackageDescription

// A store adapter of your own: a journal kept as one JSON line per event, proved against
// Accord's storage conformance suite. Depends on the SDK by path.
let package = Package(
    name: "CustomStore",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Accord", path: "../..")],
    targets: [
        .executableTarget(
            name: "CustomStore",
            dependencies: [
                .product(name: "Accord", package: "Accord"), .product(name: "LeadModel", package: "Accord"),
                .product(name: "EventStoreConformance", package: "Accord"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
