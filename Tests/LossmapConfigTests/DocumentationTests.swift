import Foundation
import Testing
@testable import LossmapConfig
import LossmapContour
import LossmapCore
import LossmapSpec

/// docs/config.md documents every key of every table and every name a key accepts; these
/// tests fail when the decoder gains a key or a name the page does not list, or the reverse,
/// and when the page's key reference is not what the key tables generate.
@Suite("The config documentation")
struct DocumentationTests {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(KeyReference.page)
    static let page: String = (try? String(contentsOf: url, encoding: .utf8)) ?? ""

    @Test("the page's key reference is what the key tables generate (LOSSMAP_UPDATE_SNAPSHOTS=1 rewrites it)")
    func keyReferenceIsGenerated() throws {
        let generated = try KeyReference.updated(Self.page)
        if Fixtures.updating {
            try generated.write(to: Self.url, atomically: true, encoding: .utf8)
            return
        }
        let lines = Self.page.split(separator: "\n", omittingEmptySubsequences: false)
        let expected = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let common = min(lines.count, expected.count)
        guard let first = (0..<common).first(where: { lines[$0] != expected[$0] }) ?? (lines.count == expected.count ? nil : common) else {
            return
        }
        Issue.record("""
            docs/config.md differs from what the key tables generate, from line \(first + 1):
            --- on the page
            \(first < lines.count ? lines[first] : "(end of file)")
            --- generated
            \(first < expected.count ? expected[first] : "(end of file)")
            Edit Sources/LossmapConfig/Keys (not the generated text), then run `swift run lossmap docs config-keys --write` \
            or `LOSSMAP_UPDATE_SNAPSHOTS=1 swift test --filter DocumentationTests`.
            """)
    }

    @Test("every table's generated reference sits between its markers, each once")
    func markersAreThere() {
        for table in ConfigKeys.tables {
            #expect(Self.page.components(separatedBy: KeyReference.beginMarker(table)).count == 2, "\(table.id)")
            #expect(Self.page.components(separatedBy: KeyReference.endMarker(table)).count == 2, "\(table.id)")
        }
    }

    /// The keys documented under a `### heading` section: the backquoted names of its
    /// `#### ` headings (`#### \`w1\`, \`w2\`` documents two).
    static func documentedKeys(in section: String) -> [String] {
        let parts = page.components(separatedBy: "\n### ")
        guard let body = parts.first(where: { $0.hasPrefix(section + "\n") }) else { return [] }
        return body.split(separator: "\n").filter { $0.hasPrefix("#### ") }.flatMap { line in
            line.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    @Test("every table's keys are documented, and only those", arguments: [
        ("Top level", TopLevelKeys.table.keys),
        ("`[surface]`", SurfaceKeys.table.keys),
        ("`[optimizer]`", OptimizerKeys.table.keys),
        ("`[[run]]`", RunKeys.table.keys),
        ("`[sweep]`", SweepKeys.table.keys),
        ("`[phase]`", PhaseKeys.table.keys),
        ("`[[marker]]`", MarkerKeys.table.keys),
        ("`[[explain]]`", ExplainKeys.table.keys),
        ("`[[inset]]`", InsetKeys.table.keys),
        ("`[animation]`", AnimationKeys.table.keys),
        ("`[camera]`", CameraKeys.table.keys),
    ])
    func keysAreDocumented(_ section: String, _ keys: [String]) {
        #expect(Set(Self.documentedKeys(in: section)) == Set(keys))
    }

    @Test("every surface, colormap, level scale, method and limit is named on the page")
    func namesAreDocumented() {
        let names = BuiltinSurface.allCases.map(\.rawValue) + Colormap.Name.allCases.map(\.rawValue)
            + LevelScale.allCases.map(\.rawValue) + Method.names
            + Theme.Name.allCases.map(\.rawValue) + MapLayout.allCases.map(\.rawValue)
            + PerceptronActivation.allCases.map(\.rawValue) + PerceptronLoss.allCases.map(\.rawValue)
            + TopLevelKeys.kindNames + TopLevelKeys.aspectNames + OptimizerKeys.relativeToNames + ["perceptron"]
            + TopLevelKeys.outputExtensions.map { ".\($0)" }
        for name in names {
            #expect(Self.page.contains("`\(name)`"), "docs/config.md does not name `\(name)`")
        }
        for limit in [ConfigLimits.maxFileBytes, ConfigLimits.maxStringBytes, ConfigLimits.maxValueLength,
                      ConfigLimits.maxArrayLength, ConfigLimits.maxNestingDepth, ConfigLimits.maxRuns, ConfigLimits.maxDiagnostics,
                      ConfigLimits.maxDataFileBytes, ConfigLimits.maxDataRows, ConfigLimits.maxPerceptronWork] {
            #expect(Self.page.contains(ConfigLimits.grouped(limit)), "docs/config.md does not give the limit \(limit)")
        }
    }

    @Test("each surface's window and start point are documented as the code has them")
    func surfaceDefaultsAreDocumented() {
        func text(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        for surface in BuiltinSurface.allCases {
            let d = surface.defaults
            let row = "| `\(surface.rawValue)` |"
            let line = Self.page.split(separator: "\n").first { $0.hasPrefix(row) }.map(String.init) ?? ""
            let expected = "| [\(text(d.w1.lowerBound)), \(text(d.w1.upperBound))] | [\(text(d.w2.lowerBound)), \(text(d.w2.upperBound))] | "
                + "[\(text(d.start.w1)), \(text(d.start.w2))] | \(d.logarithmicLevels ? "log" : "linear") |"
            #expect(line.hasSuffix(expected), "docs/config.md row for \(surface.rawValue): \(line)")
        }
    }

    @Test("each hyperparameter's methods, default and interval are documented as the method table has them")
    func hyperparametersAreDocumented() {
        for key in MethodCatalog.parameterKeys {
            let line = Self.page.split(separator: "\n").first { $0.hasPrefix("| `\(key)` | `") }.map(String.init) ?? ""
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count == 5, "docs/config.md has no row for `\(key)`")
            guard cells.count == 5 else { continue }
            for entry in MethodCatalog.entries {
                guard let parameter = entry.parameter(key) else { continue }
                #expect(cells[1].contains("`\(entry.name)`"), "`\(key)` row does not name `\(entry.name)`")
                #expect(Double(cells[2]) == parameter.defaultValue, "`\(key)` default: \(cells[2])")
                #expect(cells[3] == parameter.allowed.description, "`\(key)` interval: \(cells[3])")
            }
        }
    }

    @Test("each new key's default and range are documented as the decoder has them")
    func newKeyLimitsAreDocumented() {
        let page = Self.page
        #expect(page.contains("| number | 1 | 0.25 … 8, and `size` × `scale` at most \(TopLevelKeys.sizeRange.upperBound) pixels a side |"))
        #expect(page.contains("| integer | \(SweepKeys.defaultCount) | \(SweepKeys.countRange.lowerBound) … \(SweepKeys.countRange.upperBound) |"))
        #expect(TopLevelKeys.scaleRange == 0.25...8)
        #expect(page.contains("| number | 1e-8 |") && Stopping.defaultGradientTolerance == 1e-8)
        #expect(page.contains("| number | 0 (off) |") && Stopping.defaultLossChangeTolerance == 0)
    }

    @Test("the page's example of a formula mistake is what lossmap prints")
    func formulaErrorExample() {
        do {
            _ = try decode("[surface]\nexpression = \"sqr(w1) + w2^2\"\nw1 = [-1, 1]\nw2 = [-1, 1]\n")
            Issue.record("accepted")
        } catch {
            #expect(Self.page.contains("```\n" + error.description + "\n```"), "\(error.description)")
        }
    }

    @Test("the example at the top of the page is a valid config")
    func exampleDecodes() throws {
        let start = try #require(Self.page.range(of: "```toml\n"))
        let end = try #require(Self.page.range(of: "```", range: start.upperBound..<Self.page.endIndex))
        let example = String(Self.page[start.upperBound..<end.lowerBound])
        #expect(throws: Never.self) { try decode(example) }
    }
}
