import Foundation
import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapSpec

// Mutations tried, each made a test here fail (then undone):
// - `additionalProperties` left out of a table: "only its keys, unknown keys refused" fails.
// - `enum` left out of string keys: "every key with choices has them" fails.
// - the range readers' first range given to an array's elements instead of its length
//   (`levels` 1 … 200 values): the levels and layers bounds fail.
// - "0 < γ ≤ 1" read the other way round (value on the left): decay_factor's bounds fail.
// - the list-ellipsis rule dropped ("1, 2, …" read as a range from 2): `[[explain]] run` fails.
// - grouped thousands not read ("2,000"): train_steps' default fails.
// - a [[table]] written as an object: the required keys of [[marker]], [[inset]] and
//   [[explain]] are not found (and SchemaValidationTests' examples fail).
// - any of these: the snapshot test and `lossmap schema`'s byte-for-byte test fail too.

/// lossmap.schema.json: generated from the key tables, with each key's type, names, bounds,
/// default and required-ness as the decoder's own constants have them. (SchemaValidationTests
/// checks it against the example configs with an independent validator.)
@Suite("The config's JSON Schema")
struct ConfigSchemaTests {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(ConfigSchema.file)

    /// The generated schema read back by Foundation's JSON parser, not ours.
    /// Read once, never written after.
    nonisolated(unsafe) static let schema: [String: Any] = {
        let data = Data(ConfigSchema.text().utf8)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }()

    /// The object schema of `table`: the root, `properties[x]` for `[x]`, its `items` for `[[x]]`.
    static func object(_ table: ConfigTable) -> [String: Any] {
        if table.name == ConfigKeys.tables[0].name { return schema }
        let name = table.name.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let property = ((schema["properties"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
        return table.name.hasPrefix("[[") ? property["items"] as? [String: Any] ?? [:] : property
    }

    static func key(_ name: String, in table: ConfigTable) -> [String: Any] {
        ((object(table)["properties"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
    }

    /// The branch of a key's `anyOf` whose type is `type`, or the key itself when it has one type.
    static func branch(_ key: [String: Any], _ type: String) -> [String: Any] {
        if key["type"] as? String == type { return key }
        return (key["anyOf"] as? [[String: Any]])?.first { $0["type"] as? String == type } ?? [:]
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    static func bounds(_ schema: [String: Any]) -> ClosedRange<Double>? {
        guard let low = number(schema["minimum"]), let high = number(schema["maximum"]) else { return nil }
        return low...high
    }

    static func range<T: BinaryInteger>(_ range: ClosedRange<T>) -> ClosedRange<Double> {
        Double(range.lowerBound)...Double(range.upperBound)
    }

    @Test("lossmap.schema.json is what the key tables generate (LOSSMAP_UPDATE_SNAPSHOTS=1 rewrites it)")
    func fileIsGenerated() {
        Fixtures.checkSnapshot(ConfigSchema.text(), at: Self.url)
    }

    @Test("the generator reads every key's type text and every table it is pointed to")
    func everythingIsRead() {
        #expect(ConfigSchema.generated().problems == [])
    }

    @Test("it is JSON of draft-07, and each table's keys are its properties, and only those: unknown keys refused")
    func tablesAreClosed() {
        #expect(Self.schema["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        for table in ConfigKeys.tables {
            let object = Self.object(table)
            #expect(object["type"] as? String == "object", "\(table.name)")
            #expect(object["additionalProperties"] as? Bool == false, "\(table.name)")
            let properties = object["properties"] as? [String: Any] ?? [:]
            #expect(Set(properties.keys) == Set(table.keys), "\(table.name)")
            for name in table.keys {
                let description = Self.key(name, in: table)["description"] as? String ?? ""
                #expect(!description.isEmpty, "\(table.name) \(name) has no description")
            }
        }
        let properties = Self.schema["properties"] as? [String: Any] ?? [:]
        for repeated in ["run", "marker", "explain", "inset"] {
            #expect((properties[repeated] as? [String: Any])?["type"] as? String == "array", "[[\(repeated)]]")
        }
        for single in ["surface", "optimizer", "sweep", "phase", "animation", "camera"] {
            #expect((properties[single] as? [String: Any])?["type"] as? String == "object", "[\(single)]")
        }
    }

    @Test("every key with choices has them as its names, and so do function, method and colormap")
    func namesAreEnums() {
        for table in ConfigKeys.tables {
            for entry in table.entries where !entry.choices.isEmpty {
                for name in entry.names {
                    let names = Self.branch(Self.key(name, in: table), "string")["enum"] as? [String]
                    #expect(names == entry.choices, "\(table.name) \(name)")
                }
            }
        }
        #expect(Self.key("function", in: SurfaceKeys.table)["enum"] as? [String] == BuiltinSurface.allCases.map(\.rawValue))
        #expect(Self.key("method", in: OptimizerKeys.table)["enum"] as? [String] == Method.names)
        #expect(Self.key("method", in: RunKeys.table)["enum"] as? [String] == Method.names)
        #expect(Set(Self.key("colormap", in: SurfaceKeys.table)["enum"] as? [String] ?? []) == Set(Colormap.allNames))
        let schedule = Self.branch(Self.key("schedule", in: OptimizerKeys.table), "string")
        #expect(schedule["enum"] as? [String] == StepSizeKeys.scheduleNames)
        // The names the tables list in a table of their own are not also `choices` (one list each).
        for name in ConfigSchema.namesListedElsewhere.keys {
            for table in ConfigKeys.tables {
                #expect(table.entry(name)?.choices.isEmpty ?? true, "\(name) has choices now: drop it from namesListedElsewhere")
            }
        }
    }

    @Test("numbers are bounded as the decoder bounds them")
    func boundsAreTheDecoders() {
        let surface = SurfaceKeys.table, optimizer = OptimizerKeys.table
        #expect(Self.bounds(Self.key("resolution", in: surface)) == Self.range(SurfaceKeys.resolutionRange))
        let levels = Self.key("levels", in: surface)
        #expect(Self.bounds(Self.branch(levels, "integer")) == Self.range(SurfaceKeys.levelCountRange))
        let levelList = Self.branch(levels, "array")
        #expect(Self.number(levelList["minItems"]) == Double(SurfaceKeys.levelCountRange.lowerBound))
        #expect(Self.number(levelList["maxItems"]) == Double(SurfaceKeys.levelCountRange.upperBound))
        let layers = Self.key("layers", in: surface)
        #expect(Self.number(layers["minItems"]) == Double(MultilayerPerceptron.layerCounts.lowerBound))
        #expect(Self.number(layers["maxItems"]) == Double(MultilayerPerceptron.layerCounts.upperBound))
        #expect(Self.bounds(layers["items"] as? [String: Any] ?? [:]) == Self.range(MultilayerPerceptron.widths))
        #expect(Self.bounds(Self.key("samples", in: surface)) == Self.range(NetworkKeys.samplesRange))

        #expect(Self.bounds(Self.key("steps", in: optimizer)) == Self.range(OptimizerKeys.stepsRange))
        #expect(Self.bounds(Self.key("step_numbers", in: optimizer)) == Self.range(OptimizerKeys.stepNumbersRange))
        #expect(Self.bounds(Self.branch(Self.key("arrows", in: optimizer), "integer")) == Self.range(OptimizerKeys.arrowsRange))
        #expect(Self.bounds(Self.key("repeats", in: optimizer)) == Self.range(StepSizeKeys.repeatsRange))
        let rates = Self.key("learning_rates", in: optimizer)
        #expect(Self.number(rates["maxItems"]) == Double(ConfigLimits.maxRuns))
        #expect(Self.number((rates["items"] as? [String: Any])?["exclusiveMinimum"]) == 0)
        let pairs = Self.branch(Self.key("schedule", in: optimizer), "array")
        #expect(Self.number(pairs["maxItems"]) == Double(StepSizeKeys.maxPieces))
        let decayFactor = Self.key("decay_factor", in: optimizer)
        #expect(Self.number(decayFactor["exclusiveMinimum"]) == 0 && Self.number(decayFactor["maximum"]) == 1)
        #expect(decayFactor["minimum"] == nil && decayFactor["exclusiveMaximum"] == nil)
        let armijo = Self.key("armijo_c", in: optimizer)
        #expect(Self.number(armijo["exclusiveMinimum"]) == 0 && Self.number(armijo["exclusiveMaximum"]) == 1)
        // "0 … 2⁶³ − 1": a lower bound only (every TOML integer is below the upper one).
        let seed = Self.key("seed", in: optimizer)
        #expect(Self.number(seed["minimum"]) == 0 && seed["maximum"] == nil)
        for name in MethodCatalog.parameterKeys {
            let key = Self.key(name, in: optimizer)
            let intervals = MethodCatalog.entries.compactMap { $0.parameter(name)?.allowed }
            guard let interval = intervals.first, intervals.allSatisfy({ $0 == interval }) else { continue }
            let lower = Self.number(key[interval.includesLower ? "minimum" : "exclusiveMinimum"])
            #expect(lower == interval.lower, "\(name)")
            let upper = Self.number(key[interval.includesUpper ? "maximum" : "exclusiveMaximum"])
            #expect(upper == (interval.upper.isFinite ? interval.upper : nil), "\(name)")
        }

        let lattice = Self.key("lattice", in: PhaseKeys.table)
        #expect(Self.bounds(lattice["items"] as? [String: Any] ?? [:]) == Self.range(PhaseKeys.latticeRange))
        let momenta = Self.key("momentum", in: PhaseKeys.table)["items"] as? [String: Any] ?? [:]
        #expect(Self.number(momenta["minimum"]) == 0 && Self.number(momenta["exclusiveMaximum"]) == 1)
        #expect(Self.bounds(Self.key("count", in: SweepKeys.table)) == Self.range(SweepKeys.countRange))
        #expect(Self.bounds(Self.key("zoom", in: InsetKeys.table)) == InsetKeys.zoomRange)
        #expect(Self.bounds(Self.key("size", in: InsetKeys.table)) == InsetKeys.sizeRange)

        let camera = CameraKeys.table
        #expect(Self.bounds(Self.key("azimuth", in: camera)) == CameraKeys.azimuthRange)
        #expect(Self.bounds(Self.key("elevation", in: camera)) == CameraKeys.elevationRange)
        #expect(Self.bounds(Self.branch(Self.key("mesh_lines", in: camera), "integer")) == Self.range(CameraKeys.meshLinesRange))
        let animation = AnimationKeys.table
        #expect(Self.bounds(Self.branch(Self.key("every", in: animation), "integer")) == Self.range(AnimationKeys.everyRange))
        #expect(Self.bounds(Self.branch(Self.key("loop", in: animation), "integer")) == Self.range(AnimationKeys.playsRange))
        #expect(Self.bounds(Self.key("frame_duration", in: animation)) == AnimationKeys.frameDurationRange)
        #expect(Self.bounds(Self.key("hold_last", in: animation)) == AnimationKeys.holdRange)
        // `run = 1` is the first run: "its number 1, 2, …" is a list, not a range from 2.
        #expect(Self.branch(Self.key("run", in: ExplainKeys.table), "integer")["minimum"] == nil)
    }

    @Test("unions are anyOf their kinds, a value written in the type is a one-name enum")
    func unions() {
        let every = Self.key("every", in: AnimationKeys.table)["anyOf"] as? [[String: Any]] ?? []
        #expect(every.count == 2 && every.contains { $0["enum"] as? [String] == ["auto"] })
        let meshLines = Self.key("mesh_lines", in: CameraKeys.table)["anyOf"] as? [[String: Any]] ?? []
        #expect(meshLines.contains { $0["enum"] as? [Bool] == [false] })
        let arrows = Self.key("arrows", in: OptimizerKeys.table)["anyOf"] as? [[String: Any]] ?? []
        #expect(Set(arrows.compactMap { $0["type"] as? String }) == ["boolean", "integer"])
        let pair = Self.branch(Self.key("schedule", in: OptimizerKeys.table), "array")["items"] as? [String: Any] ?? [:]
        #expect(Self.number(pair["minItems"]) == 2 && Self.number(pair["maxItems"]) == 2)
        let points = Self.key("points", in: SurfaceKeys.table)
        #expect(Self.number((points["items"] as? [String: Any])?["maxItems"]) == 3 && Self.number(points["minItems"]) == 1)
    }

    @Test("defaults are the decoder's, where the table writes one as a value; required keys are required")
    func defaultsAndRequired() {
        #expect(Self.number(Self.key("resolution", in: SurfaceKeys.table)["default"]) == Double(SurfaceKeys.defaultResolution))
        #expect(Self.number(Self.key("train_steps", in: SurfaceKeys.table)["default"]) == Double(NetworkTraining.defaultSteps))
        #expect(Self.key("layers", in: SurfaceKeys.table)["default"] as? [Int] == NetworkKeys.defaultLayers)
        #expect(Self.key("theme", in: TopLevelKeys.table)["default"] as? String == TopLevelKeys.defaultTheme.rawValue)
        #expect(Self.number(Self.key("azimuth", in: CameraKeys.table)["default"]) == CameraKeys.defaults.azimuth)
        #expect(Self.number(Self.key("elevation", in: CameraKeys.table)["default"]) == CameraKeys.defaults.elevation)
        #expect(Self.number(Self.key("hold_first", in: AnimationKeys.table)["default"]) == AnimationKeys.defaults.holdFirst)
        #expect(Self.number(Self.key("hold_last", in: AnimationKeys.table)["default"]) == AnimationKeys.defaults.holdLast)
        #expect(Self.key("every", in: AnimationKeys.table)["default"] as? String == "auto")
        #expect(Self.number(Self.key("gradient_tolerance", in: OptimizerKeys.table)["default"]) == Stopping.defaultGradientTolerance)
        // Words are not values: no default rather than a wrong one.
        #expect(Self.key("title", in: TopLevelKeys.table)["default"] == nil)
        #expect(Self.key("level_scale", in: SurfaceKeys.table)["default"] == nil)
        #expect(Self.key("z_scale", in: CameraKeys.table)["default"] == nil)

        #expect(Self.schema["required"] as? [String] == ["surface"])
        #expect(Self.object(MarkerKeys.table)["required"] as? [String] == ["at"])
        #expect(Self.object(InsetKeys.table)["required"] as? [String] == ["center", "zoom"])
        #expect(Self.object(ExplainKeys.table)["required"] as? [String] == ["run", "step"])
        #expect(Self.object(SweepKeys.table)["required"] as? [String] == ["from", "to"])
        #expect(Self.object(OptimizerKeys.table)["required"] == nil)
    }

    @Test("allowed texts are read as the tables write them")
    func allowedTexts() {
        func ranges(_ text: String) -> [String] {
            AllowedText(text).ranges.map { "\($0.lower)…\($0.upper.map { "\($0)" } ?? "")\($0.each ? " each" : "")" }
        }
        func bounds(_ text: String) -> [String] { AllowedText(text).bounds.map { "\($0.0) \($0.1)" } }
        #expect(ranges("1 … 1,000,000") == ["1.0…1000000.0"])
        #expect(ranges("azimuth -360 … 360") == ["-360.0…360.0"])
        #expect(ranges("2 … 8 widths, each 1 … 256; the first 2") == ["2.0…8.0", "1.0…256.0 each"])
        #expect(ranges("2 … 40 each") == ["2.0…40.0 each"])
        #expect(ranges("0 … 2⁶³ − 1") == ["0.0…"])
        #expect(ranges("its number 1, 2, … in the order") == [])
        #expect(ranges("0.25 … 8, and `size` × `scale` at most 16384") == ["0.25…8.0"])
        #expect(bounds("finite, > 0") == ["exclusiveMinimum 0.0"])
        #expect(bounds("finite, ≥ 0") == ["minimum 0.0"])
        #expect(bounds("0 < γ ≤ 1") == ["exclusiveMinimum 0.0", "maximum 1.0"])
        #expect(bounds("0 ≤ low < high < 1") == ["minimum 0.0", "exclusiveMaximum 1.0"])
        #expect(bounds("finite, min < max") == [])
        #expect(bounds("finite, 0 < `from` < `to`") == ["exclusiveMinimum 0.0"])
        #expect(AllowedText("`a`, `b` or `c`").names == ["a", "b", "c"])
        #expect(AllowedText("`a`, `b`, each also reversed with `_r`").names == ["a", "b", "a_r", "b_r"])
        #expect(AllowedText("16 … 16384 pixels a side; or a name: `slide`, `a4`").names == ["slide", "a4"])
        #expect(AllowedText("`true`, `false`").names == [])
        #expect(AllowedText("a hex colour `#RRGGBB`, or `#RRGGBBAA`").names == [])
        #expect(AllowedText("at least one point").atLeast == 1 && AllowedText("at most 100").atMost == 100)
        #expect(AllowedText.number("1,00") == nil && AllowedText.number("1e-12") == 1e-12 && AllowedText.number("−5") == -5)
    }

    @Test("type texts are read as shapes, and an unknown one is reported, not guessed")
    func typeTexts() {
        func count(_ type: String) -> Int? { ValueShape.alternatives(type)?.count }
        #expect(count("integer, or array of numbers") == 2)
        #expect(count("string, or an array of `[step, η]` pairs") == 2)
        #expect(count("`\"full\"` or integer") == 2)
        #expect(count("number (seconds)") == 1)
        #expect(count("array of two integers `[width, height]`") == 1)
        #expect(count("a colour or a gradient") == nil)
        #expect(count("array of widgets") == nil)
    }
}
