// swift-tools-version: 6.0
// The config fuzzer: libFuzzer driving the TOML parser and the config decoder, and drawing,
// small, every figure the decoder and the scene's validation accept.
//
// A package of its own so the main package keeps no fuzz-only target or unsafe flag. Its
// library targets are the main package's own sources (`Sources` links to `../Sources`), so
// their list and dependencies must follow ../Package.swift. See README.md for the command
// that runs it.
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]

#if arch(x86_64)
let coreDependencies: [Target.Dependency] = ["LossmapKernel", "LossmapKernelAVX512", "LossmapKernelAVX2", "CCPUFeatures", "LossmapThreads", "CZlib"]
#else
let coreDependencies: [Target.Dependency] = ["LossmapKernel", "LossmapThreads", "CZlib"]
#endif

let package = Package(
    name: "lossmap-fuzz",
    targets: [
        // The main package's modules, with its dependencies; only LossmapConfig (and the
        // fuzz target) are instrumented for coverage: the rest is exercised, not steered.
        .target(name: "CLazyLoad", path: "Sources/CLazyLoad"),
        .target(name: "CCairo", dependencies: ["CLazyLoad"], path: "Sources/CCairo"),
        .target(name: "CPNG", dependencies: ["CLazyLoad"], path: "Sources/CPNG"),
        .target(name: "CGIF", dependencies: ["CLazyLoad"], path: "Sources/CGIF"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib"),
        .target(name: "LossmapKernel", path: "Sources/LossmapKernel"),
        .target(name: "LossmapThreads", path: "Sources/LossmapThreads"),
        .target(name: "LossmapCore", dependencies: coreDependencies, path: "Sources/LossmapCore"),
        .target(name: "LossmapContour", dependencies: ["LossmapThreads"], path: "Sources/LossmapContour"),
        .target(name: "LossmapCanvas", path: "Sources/LossmapCanvas"),
        .target(name: "LossmapSpec", dependencies: ["LossmapCore", "LossmapContour", "LossmapCanvas"],
                path: "Sources/LossmapSpec"),
        .target(name: "LossmapConfig", dependencies: ["LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas"],
                path: "Sources/LossmapConfig", swiftSettings: fuzzer),
        .target(name: "LossmapScene", dependencies: ["LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas", "LossmapThreads"],
                path: "Sources/LossmapScene"),
        .target(name: "LossmapRender",
                dependencies: ["LossmapScene", "LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas", "LossmapThreads"],
                path: "Sources/LossmapRender"),
        .target(name: "LossmapBackend", dependencies: ["LossmapCanvas", "CCairo", "CPNG", "CGIF", "CZlib", "LossmapThreads"],
                path: "Sources/LossmapBackend"),
        .executableTarget(name: "ConfigFuzzer", dependencies: ["LossmapConfig", "LossmapSpec", "LossmapScene", "LossmapRender", "LossmapBackend", "LossmapCanvas", "LossmapCore"], path: "ConfigFuzzer",
                          swiftSettings: fuzzer + [.unsafeFlags(["-parse-as-library"])],
                          linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]),
    ],
    swiftLanguageModes: [.v6]
)

#if arch(x86_64)
// As in ../Package.swift: the kernel built for AVX-512 and for AVX2, called when the CPU has them.
package.targets += [
    .target(name: "CCPUFeatures", path: "Sources/CCPUFeatures"),
    .target(name: "LossmapKernelAVX512", dependencies: ["LossmapKernel"], path: "Sources/LossmapKernelAVX512",
            swiftSettings: [.unsafeFlags(["-target-cpu", "skylake-avx512"])]),
    .target(name: "LossmapKernelAVX2", dependencies: ["LossmapKernel"], path: "Sources/LossmapKernelAVX2",
            swiftSettings: [.unsafeFlags(["-target-cpu", "haswell"])]),
]
#endif
