// swift-tools-version:6.0
import PackageDescription

// Embeds the Accord engine in a few dozen lines. Depends on the SDK by path.
let package = Package(
    name: "QuickStart",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Accord", path: "../..")],
    targets: [
        .executableTarget(
            name: "QuickStart",
            dependencies: [
                .product(name: "Accord", package: "Accord"), .product(name: "Journal", package: "Accord"),
                .product(name: "LeadModel", package: "Accord"), .product(name: "Routing", package: "Accord"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
