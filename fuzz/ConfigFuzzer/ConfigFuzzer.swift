import LossmapConfig
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
        _ = try FigureConfig.load(file, defaultOutputName: "fuzz.png")
    } catch {
        check(error, in: file)
    }
    return 0
}

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
