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
        // The config module sees only the spec, the core, contouring and the canvas's value
        // types: no Cairo, no libpng, so the fuzzer links none of them.
        .target(name: "LossmapCore", path: "Sources/LossmapCore"),
        .target(name: "LossmapContour", path: "Sources/LossmapContour"),
        .target(name: "LossmapCanvas", path: "Sources/LossmapCanvas"),
        .target(name: "LossmapSpec", dependencies: ["LossmapCore", "LossmapContour", "LossmapCanvas"],
                path: "Sources/LossmapSpec"),
        .target(name: "LossmapConfig", dependencies: ["LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas"],
                path: "Sources/LossmapConfig", swiftSettings: fuzzer),
        .executableTarget(name: "ConfigFuzzer", dependencies: ["LossmapConfig", "LossmapSpec"], path: "ConfigFuzzer",
                          swiftSettings: fuzzer + [.unsafeFlags(["-parse-as-library"])],
                          linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]),
    ],
    swiftLanguageModes: [.v6]
)
