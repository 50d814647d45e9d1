// swift-tools-version: 6.0
// lossmap: contour maps of loss surfaces with gradient-descent paths per learning rate.
//
// Dependencies point one way only:
//   lossmap (executable) -> LossmapBatch -> LossmapConfig -> LossmapRender -> LossmapContour
//                                                                          -> LossmapCore
//   LossmapRender is the only module that imports CCairo and CPNG.
import PackageDescription

let package = Package(
    name: "lossmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lossmap", targets: ["lossmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        // Loss surfaces (value and analytic gradient) and the optimizers that walk them.
        .target(name: "LossmapCore"),
        // Pure geometry: grids, levels, marching squares, nice ticks. Returns data, never draws.
        .target(name: "LossmapContour"),
        // The Canvas contract, its Cairo implementation, the PNG writer and the figure layout.
        .target(
            name: "LossmapRender",
            dependencies: ["LossmapCore", "LossmapContour", "CCairo", "CPNG"]
        ),
        // The in-house TOML-like parser and the decoding of a document into a figure specification.
        .target(name: "LossmapConfig", dependencies: ["LossmapCore", "LossmapRender"]),
        // Batches of configs: parallel rendering, up-to-date checks, shards and the report.
        .target(name: "LossmapBatch", dependencies: ["LossmapConfig", "LossmapRender", "LossmapCore"]),
        .executableTarget(
            name: "lossmap",
            dependencies: [
                "LossmapBatch", "LossmapConfig", "LossmapRender", "LossmapCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LossmapCoreTests", dependencies: ["LossmapCore"]),
        .testTarget(name: "LossmapContourTests", dependencies: ["LossmapContour"]),
        // Goldens and fixtures are read from the source tree by path (#filePath), not bundled.
        .testTarget(name: "LossmapRenderTests", dependencies: ["LossmapRender", "LossmapCore", "LossmapContour"],
                    exclude: ["Goldens"]),
        .testTarget(name: "LossmapConfigTests", dependencies: ["LossmapConfig", "LossmapRender", "LossmapCore"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "LossmapBatchTests", dependencies: ["LossmapBatch", "LossmapConfig", "LossmapRender"]),
        .testTarget(name: "LossmapCLITests", dependencies: ["lossmap"]),
    ],
    swiftLanguageModes: [.v6]
)
