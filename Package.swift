// swift-tools-version: 6.0
// lossmap: contour maps of loss surfaces with gradient-descent paths per learning rate.
//
// The pipeline is config → plain spec → one computed scene → views → backend, and the
// dependencies point one way only (the compiler enforces it: a module sees only what it names):
//
//   lossmap → LossmapBench → LossmapBatch → LossmapConfig → LossmapSpec
//                                         → LossmapRender → LossmapScene → LossmapSpec
//                                         → LossmapBackend → LossmapCanvas, CCairo, CPNG, CGIF (→ CLazyLoad), CZlib
//   LossmapSpec → LossmapCore, LossmapContour, LossmapCanvas
//   LossmapCore → LossmapKernel (and, on x86-64, LossmapKernelAVX512, LossmapKernelAVX2 → LossmapKernel; CCPUFeatures), CZlib
//
//   LossmapBackend is the only module that imports CCairo, CPNG and CGIF (tests read GIFs with CGIF); CZlib also inflates
//   the .npz archives LossmapCore reads; LossmapConfig cannot
//   compute (it sees no scene), and views cannot read configs.
import PackageDescription

#if arch(x86_64)
let coreDependencies: [Target.Dependency] = ["LossmapKernel", "LossmapKernelAVX512", "LossmapKernelAVX2", "CCPUFeatures", "LossmapThreads", "CZlib"]
#else
let coreDependencies: [Target.Dependency] = ["LossmapKernel", "LossmapThreads", "CZlib"]
#endif

// The modules that do a network's arithmetic (`model = "mlp"`: training and slicing it is
// 10⁸–10⁹ multiply-adds through SIMD generics) are optimised in debug builds too: -Onone runs
// them about 500× slower, and `swift test` is a debug build (the two-moons example took minutes
// there, 2 s released). The later -O wins over SwiftPM's -Onone.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

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
        // Cairo (libcairo2-dev), libpng (libpng-dev) and giflib (libgif-dev) are not linked:
        // each C target holds the library's headers and a definition of each function lossmap
        // calls, which loads the library when first called (Sources/CLazyLoad/LazyLoad.c), so
        // a process that draws nothing never loads them. Cairo draws; libpng is the benchmark's
        // baseline; giflib writes animated GIFs (and reads them back in the tests).
        .target(name: "CLazyLoad"),
        .target(name: "CCairo", dependencies: ["CLazyLoad"]),
        .target(name: "CPNG", dependencies: ["CLazyLoad"]),
        .target(name: "CGIF", dependencies: ["CLazyLoad"]),
        // zlib deflates the animated PNG's frames and checksums its chunks, and inflates
        // compressed .npz loss grids (numpy's savez_compressed).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The perceptron grid's SIMD kernel (vector exp/log1p, cross-entropy along a row), all
        // @inlinable so each module calling it compiles it for its own CPU.
        .target(name: "LossmapKernel", swiftSettings: optimisedInDebug),
        // How many threads one figure may use (`--jobs` divided among the figures at once).
        .target(name: "LossmapThreads"),
        // Loss surfaces (value and analytic gradient), the optimizers that walk them, the
        // stability analysis and the one number formatter.
        .target(name: "LossmapCore", dependencies: coreDependencies, swiftSettings: optimisedInDebug),
        // Pure geometry: grids, levels, marching squares, nice ticks. Returns data, never draws.
        .target(name: "LossmapContour", dependencies: ["LossmapThreads"]),
        // The drawing contract (`Canvas`), its geometry and colours, and a recording canvas for tests.
        .target(name: "LossmapCanvas"),
        // The plain figure specification a config becomes: nothing computed.
        .target(name: "LossmapSpec", dependencies: ["LossmapCore", "LossmapContour", "LossmapCanvas"]),
        // The one compute stage: a spec in, a scene (grid, levels, contours, trajectories,
        // stability) out, as plain values every view reads.
        .target(name: "LossmapScene", dependencies: ["LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas", "LossmapThreads"]),
        // Views: layout, contour layer, paths, axes, colorbar, legend, loss curve, sweep chart,
        // drawn from a scene through `Canvas`.
        .target(name: "LossmapRender",
                dependencies: ["LossmapScene", "LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas", "LossmapThreads"]),
        // Backends: the Cairo canvas (raster, SVG, PDF), the libpng writer, the GIF and animated
        // PNG writers, atomic files.
        .target(name: "LossmapBackend", dependencies: ["LossmapCanvas", "CCairo", "CPNG", "CGIF", "CZlib", "LossmapThreads"]),
        // The in-house TOML-like parser and the decoding of a document into a figure specification.
        .target(name: "LossmapConfig", dependencies: ["LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas"]),
        // Batches of configs: figure files, parallel rendering, up-to-date checks, shards, reports.
        .target(name: "LossmapBatch",
                dependencies: ["LossmapConfig", "LossmapScene", "LossmapRender", "LossmapBackend",
                               "LossmapSpec", "LossmapCore", "LossmapCanvas", "LossmapThreads"]),
        // `lossmap bench`: where the time goes, phase by phase.
        .target(name: "LossmapBench",
                dependencies: ["LossmapBatch", "LossmapConfig", "LossmapScene", "LossmapRender", "LossmapBackend",
                               "LossmapSpec", "LossmapCore", "LossmapContour", "LossmapCanvas"]),
        .executableTarget(
            name: "lossmap",
            dependencies: [
                "LossmapBench", "LossmapBatch", "LossmapConfig", "LossmapSpec", "LossmapCore", "LossmapContour",
                "LossmapThreads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LossmapCoreTests", dependencies: ["LossmapCore", "LossmapKernel"], exclude: ["Fixtures"]),
        .testTarget(name: "LossmapContourTests", dependencies: ["LossmapContour", "LossmapThreads"]),
        .testTarget(name: "LossmapSceneTests", dependencies: ["LossmapScene", "LossmapSpec", "LossmapCore"]),
        // What the tests share: a figure's strokes and fills read back from a recording, an SVG,
        // a PDF or a PNG, and where every run's path must be. Not a test target itself, so both
        // test targets below can use it.
        .target(name: "LossmapTestSupport",
                dependencies: ["LossmapRender", "LossmapScene", "LossmapSpec", "LossmapBackend", "LossmapCanvas", "CCairo", "CGIF"],
                path: "Tests/LossmapTestSupport"),
        // Goldens and fixtures are read from the source tree by path (#filePath), not bundled.
        .testTarget(name: "LossmapRenderTests",
                    dependencies: ["LossmapRender", "LossmapScene", "LossmapSpec", "LossmapBackend", "LossmapBatch",
                                   "LossmapCanvas", "LossmapCore", "LossmapContour", "CCairo", "LossmapTestSupport"],
                    exclude: ["Goldens"]),
        .testTarget(name: "LossmapConfigTests",
                    dependencies: ["LossmapConfig", "LossmapSpec", "LossmapScene", "LossmapCore", "LossmapContour", "LossmapCanvas"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "LossmapBatchTests",
                    dependencies: ["LossmapBatch", "LossmapConfig", "LossmapScene", "LossmapRender", "LossmapSpec",
                                   "LossmapCanvas", "LossmapCore", "LossmapBackend", "LossmapContour", "LossmapTestSupport"]),
        .testTarget(name: "LossmapCLITests", dependencies: ["lossmap"]),
    ],
    swiftLanguageModes: [.v6]
)

#if arch(x86_64)
// On x86-64 the kernel is built twice more, for AVX-512 (8 doubles an instruction instead of
// SSE2's 2; 2.6× faster on the perceptron grid) and for AVX2 with FMA (4 doubles), each in a
// module of its own so that nothing else is, and LossmapCore calls one only when CCPUFeatures
// finds the CPU supports it. The CPU names are LLVM's: skylake-avx512 is AVX-512 F/CD/BW/DQ/VL,
// haswell is AVX2, FMA, BMI2 (x86-64-v3, which this LLVM does not name).
package.targets += [
    .target(name: "CCPUFeatures"),
    .target(name: "LossmapKernelAVX512", dependencies: ["LossmapKernel"],
            swiftSettings: [.unsafeFlags(["-target-cpu", "skylake-avx512"])] + optimisedInDebug),
    .target(name: "LossmapKernelAVX2", dependencies: ["LossmapKernel"],
            swiftSettings: [.unsafeFlags(["-target-cpu", "haswell"])] + optimisedInDebug),
]
#endif
