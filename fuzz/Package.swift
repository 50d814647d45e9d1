// swift-tools-version: 6.0
// The config fuzzer: libFuzzer driving the TOML parser and the config decoder.
//
// A package of its own so the main package keeps no fuzz-only target or unsafe flag. Its
// library targets are the main package's own sources (`Sources` links to `../Sources`), so
// their list and dependencies must follow ../Package.swift. Only LossmapConfig and the
// fuzz target are instrumented for coverage. See README.md for the command that runs it.
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]

let package = Package(
    name: "lossmap-fuzz",
    targets: [
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
        .target(name: "LossmapCore", path: "Sources/LossmapCore"),
        .target(name: "LossmapContour", path: "Sources/LossmapContour"),
        .target(name: "LossmapRender", dependencies: ["LossmapCore", "LossmapContour", "CCairo", "CPNG"],
                path: "Sources/LossmapRender"),
        .target(name: "LossmapConfig", dependencies: ["LossmapCore", "LossmapRender"],
                path: "Sources/LossmapConfig", swiftSettings: fuzzer),
        .executableTarget(name: "ConfigFuzzer", dependencies: ["LossmapConfig"], path: "ConfigFuzzer",
                          swiftSettings: fuzzer + [.unsafeFlags(["-parse-as-library"])],
                          linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]),
    ],
    swiftLanguageModes: [.v6]
)
