import LossmapCanvas

/// A perceptually uniform colormap by name, optionally reversed (`viridis_r`).
public struct Colormap: Sendable, Equatable {
    /// The published maps lossmap carries (tables in `ColormapTables`).
    public enum Name: String, Sendable, CaseIterable {
        case viridis, magma, inferno, plasma, cividis, greys
    }

    public var name: Name
    public var reversed: Bool

    public init(_ name: Name, reversed: Bool = false) {
        self.name = name
        self.reversed = reversed
    }

    /// Parses `viridis`, `magma_r` …; nil for an unknown name.
    public init?(named text: String) {
        var base = Substring(text)
        var reversed = false
        if base.hasSuffix("_r") {
            base = base.dropLast(2)
            reversed = true
        }
        guard let name = Name(rawValue: String(base)) else { return nil }
        self.init(name, reversed: reversed)
    }

    /// Every accepted name, for messages and `lossmap list`.
    public static var allNames: [String] { Name.allCases.flatMap { [$0.rawValue, $0.rawValue + "_r"] } }

    public var displayName: String { name.rawValue + (reversed ? "_r" : "") }

    private var table: [Float] {
        switch name {
        case .viridis: return ColormapTables.viridis
        case .magma: return ColormapTables.magma
        case .inferno: return ColormapTables.inferno
        case .plasma: return ColormapTables.plasma
        case .cividis: return ColormapTables.cividis
        case .greys: return ColormapTables.greys
        }
    }

    /// The colour at `t` in 0…1 (clamped), linearly interpolated between table entries.
    public func color(at t: Double) -> RGBA {
        let table = self.table
        let count = table.count / 3
        var u = t.isFinite ? min(max(t, 0), 1) : 0
        if reversed { u = 1 - u }
        let position = u * Double(count - 1)
        let i = min(Int(position), count - 2)
        let f = position - Double(i)
        func component(_ c: Int) -> Double {
            Double(table[i * 3 + c]) * (1 - f) + Double(table[(i + 1) * 3 + c]) * f
        }
        return RGBA(red: component(0), green: component(1), blue: component(2))
    }
}
