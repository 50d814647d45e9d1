import LossmapBackend
import LossmapConfig
import LossmapCore
import LossmapRender
import LossmapScene
import LossmapSpec

/// libFuzzer's driver (compiler-rt's FuzzerDriver.cpp). SwiftPM links an executable target
/// with its own `main` symbol pointing at `ConfigFuzzer_main`, so we start the driver from
/// there instead of using libFuzzer's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("ConfigFuzzer_main")
func configFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, configFuzzerTestOneInput)
}

/// One input, parsed and decoded as a config. Any trap, crash, timeout or runaway
/// allocation is a finding, and so is a broken promise of the diagnostics: a position
/// outside the file, more problems than the limit, a list out of file order.
@_cdecl("LLVMFuzzerTestOneInput")
func configFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let file = SourceFile(name: "fuzz.toml", bytes: bytes)
    do {
        let document = try TOMLParser.parse(file)
        _ = TOMLTaggedJSON.encode(document)
    } catch {
        check(error, in: file)
    }
    do {
        let config = try FigureConfig.load(file, defaultOutputName: "fuzz.png")
        render(config.spec, from: file)
    } catch {
        check(error, in: file)
    }
    return 0
}

/// What `check` accepts must render or fail with a clean error: the figure is validated as
/// `check` does, then computed and drawn small (at most 240×160 pixels, a 24×24 grid, 200
/// steps a run, 8 sweep rates, a network of 40 points trained 20 steps, at most 8 wide; an
/// animation's first, middle and last frames), so an input
/// costs milliseconds. A trap anywhere in the
/// scene, the views or Cairo is a finding.
private func render(_ full: FigureSpec, from file: SourceFile) {
    var spec = full
    spec.width = min(spec.width, 240)
    spec.height = min(spec.height, 160)
    spec.scale = min(spec.scale, 1)
    spec.surface.resolution = min(spec.surface.resolution, 24)
    spec.camera.resolution = min(spec.camera.resolution, 24)
    for i in spec.runs.indices { spec.runs[i].stopping.maxSteps = min(spec.runs[i].stopping.maxSteps, 200) }
    if case .sweep(let from, let to, let count) = spec.kind { spec.kind = .sweep(from: from, to: to, count: min(count, 8)) }
    // A network is trained twice (validate, then the scene): kept to a few points and steps.
    if case .network(var network) = spec.surface.source {
        network.training.steps = min(network.training.steps, 20)
        if case .generated(let dataset, let count, let noise) = network.data { network.data = .generated(dataset, count: min(count, 40), noise: noise) }
        network.layers = network.layers.map { min($0, 8) }
        spec.surface.source = .network(network)
    }
    do {
        _ = try Scene.validate(spec)
        let scene = try Scene(spec)
        let canvas = try CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale, background: spec.theme.background)
        FigureRenderer(scene).draw(on: canvas)
        _ = try canvas.rgbPixels()
        // An animation's first, middle and last frames, drawn over its background as the
        // GIF writer draws them.
        if let frames = scene.frames {
            let renderer = FigureRenderer(scene)
            let frameCanvas = try CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale, background: spec.theme.background)
            renderer.drawFrame(step: 0, layers: .background, on: frameCanvas)
            for step in [frames.steps[0], frames.steps[frames.steps.count / 2], frames.lastStep] {
                renderer.drawFrame(step: step, layers: .foreground, on: frameCanvas)
            }
            _ = try frameCanvas.rgbPixels()
        }
    } catch let problems as DiagnosticList {
        check(problems, in: file)
    } catch {
        // A Cairo error on a figure `check` accepted is a disagreement between the two.
        preconditionFailure("check accepted a figure that failed to draw: \(error)")
    }
}

/// The diagnostics' promises, for the decoder's and the scene's alike: every position is in
/// the config, in order, within the limit.
private func check(_ list: DiagnosticList, in file: SourceFile) {
    precondition(list.diagnostics.count <= ConfigLimits.maxDiagnostics, "too many diagnostics")
    var previous = 0
    for diagnostic in list.diagnostics {
        precondition((0...file.bytes.count).contains(diagnostic.offset), "offset \(diagnostic.offset) outside the file")
        precondition(diagnostic.offset >= previous, "diagnostics out of order")
        previous = diagnostic.offset
        precondition(!diagnostic.message.isEmpty)
        let text = diagnostic.description
        precondition(text.hasPrefix("fuzz.toml:\(diagnostic.line):\(diagnostic.column): error: "))
    }
}
