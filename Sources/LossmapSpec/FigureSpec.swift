import LossmapCanvas
import LossmapContour
import LossmapCore

/// Everything needed to draw one figure, independent of where it came from (a config file,
/// a test, a benchmark).
public struct FigureSpec: Sendable {
    /// The heading drawn above the map.
    public var title: String
    /// A smaller line under the title (empty: none).
    public var subtitle: String = ""
    /// A small line at the bottom of the figure, e.g. a source or a note (empty: none).
    public var footnote: String = ""
    /// The colours of everything but the bands.
    public var theme: Theme = .light
    /// All runs on one map, or one map per run.
    public var layout: MapLayout = .overlay
    /// A loss-against-step panel beside the map.
    public var lossCurve: Bool = false
    /// A learning-rate-against-step panel beside the map (η_t of schedules and line searches).
    public var rateCurve: Bool = false
    /// Whether to analyse the minimum's curvature and show learning rates relative to the
    /// critical one (η/η_crit in the legend, η_crit in the footnote).
    public var showsCriticalRate: Bool = true
    /// What kind of figure: a contour map with paths, or a learning-rate sweep.
    public var kind: FigureKind = .map
    /// Device pixels per layout pixel: 2 renders a 1600×1000 layout at 3200×2000 for HiDPI.
    public var scale: Double = 1
    /// Multiplies every text size (titles, labels, ticks, legend, callouts); the layout makes
    /// room for the text as it is.
    public var fontScale: Double = 1
    /// What lies behind the figure: the theme's colour, or nothing (a transparent PNG, an SVG
    /// or PDF without the background rectangle).
    public var background: FigureBackground = .theme
    /// Pixels of `width` × `height` per inch, recorded in the file so that slide software
    /// places it at width/dpi inches (a PNG's pHYs chunk, a PDF's or SVG's page size);
    /// nil: none recorded (a PDF point or an SVG unit per pixel, as always).
    public var dpi: Double?
    /// Canvas size in pixels.
    public var width: Int
    public var height: Int
    /// The loss surface and how it is contoured.
    public var surface: SurfaceSpec
    /// One descent per entry, drawn in order.
    public var runs: [RunSpec]
    /// Points marked on the map with their loss (`[[marker]]`).
    public var markers: [MarkerSpec] = []
    /// Steps explained in callouts (`[[explain]]`), one of them perhaps with its slice panel.
    public var explanations: [ExplanationSpec] = []
    /// Magnifiers on the map (`[[inset]]`).
    public var insets: [InsetSpec] = []
    /// The map, the 3-D surface, or both side by side.
    public var view: FigureView = .map
    /// How the 3-D surface is seen (for `view` surface or both).
    public var camera = CameraSpec()
    /// Frames instead of one still figure (an animated output or a frames folder): which
    /// steps, their timing, and what each frame shows. nil: a still figure.
    public var animation: AnimationSpec?
    /// Where the figure's steps are set in its config ([optimizer]'s `steps`), for problems
    /// with what the runs cost that only loading the data reveals.
    public var stepsSite: SpecSite?
    /// Axis titles.
    public var w1Label: String
    public var w2Label: String
    /// One unit of w1 as long as one unit of w2 on the map, so descent paths cross the
    /// isolines at the right angles they really make. Off: the map fills the space.
    public var equalAspect: Bool

    public init(title: String, width: Int = 1600, height: Int = 1000, surface: SurfaceSpec, runs: [RunSpec],
                w1Label: String = "w₁", w2Label: String = "w₂", equalAspect: Bool = true) {
        self.title = title
        self.width = width
        self.height = height
        self.surface = surface
        self.runs = runs
        self.w1Label = w1Label
        self.w2Label = w2Label
        self.equalAspect = equalAspect
    }
}

/// The kinds of figure lossmap draws.
public enum FigureKind: Sendable, Equatable {
    /// The contour map with a descent path per run.
    case map
    /// The loss after a fixed number of steps against the learning rate, for `count`
    /// log-spaced rates from `from` to `to`, using the first run's method, start and steps.
    case sweep(from: LearningRate, to: LearningRate, count: Int)
    /// The momentum phase diagram of the quadratic model at the minimum.
    case phase(PhaseSpec)

    public var isMap: Bool { self == .map }

    /// The phase diagram's settings, when the figure is one.
    public var phase: PhaseSpec? {
        if case .phase(let spec) = self { return spec }
        return nil
    }
}

/// What a figure is drawn on.
public enum FigureBackground: String, Sendable, CaseIterable {
    /// The theme's background colour, filling the whole canvas.
    case theme
    /// Nothing: the slide shows through wherever the figure draws nothing.
    case transparent
}

/// How runs are spread over maps.
public enum MapLayout: String, Sendable, CaseIterable {
    /// Every run on one map.
    case overlay
    /// One map per run, with identical axes and levels, each titled with its run.
    case grid
}

/// Contour levels: how many, or exactly which.
public enum LevelChoice: Sendable, Equatable {
    case count(Int)
    case values([Double])
}

/// The surface of a figure and how its contour map is drawn.
public struct SurfaceSpec: Sendable {
    /// The loss function: ready (a built-in surface, a formula), or a perceptron whose data
    /// the scene's resolving step loads.
    public var source: SurfaceSource
    /// Its name, for messages and reports.
    public var name: String
    /// Plotted ranges; nil (a perceptron's, when the config gives none): a square around the
    /// minimum, found when the surface is resolved.
    public var w1: ClosedRange<Double>?
    public var w2: ClosedRange<Double>?
    /// Grid samples per axis.
    public var resolution: Int
    public var levels: LevelChoice
    public var levelScale: LevelScale
    public var colormap: Colormap
    /// Whether each isoline carries its level's value.
    public var contourLabels: Bool = false
    /// Whether the Hessian's eigen-directions at the minimum are drawn as axes, each labelled
    /// with its eigenvalue and every run's factor |1 − ηλ| along it.
    public var eigen: Bool = false

    public init(source: SurfaceSource, name: String, w1: ClosedRange<Double>?, w2: ClosedRange<Double>?,
                resolution: Int = 400, levels: LevelChoice = .count(20), levelScale: LevelScale = .linear,
                colormap: Colormap = Colormap(.viridis)) {
        self.source = source
        self.name = name
        self.w1 = w1
        self.w2 = w2
        self.resolution = resolution
        self.levels = levels
        self.levelScale = levelScale
        self.colormap = colormap
    }

    /// A ready surface over a given window.
    public init(surface: any LossSurface, name: String, w1: ClosedRange<Double>, w2: ClosedRange<Double>,
                resolution: Int = 400, levels: LevelChoice = .count(20), levelScale: LevelScale = .linear,
                colormap: Colormap = Colormap(.viridis)) {
        self.init(source: .ready(surface), name: name, w1: w1, w2: w2, resolution: resolution, levels: levels,
                  levelScale: levelScale, colormap: colormap)
    }
}

/// Where a figure's loss comes from.
public enum SurfaceSource: Sendable {
    /// A surface that needs nothing more: a built-in one or a formula.
    case ready(any LossSurface)
    /// A one-perceptron network's loss on data, built when the data is loaded.
    case perceptron(PerceptronSpec)
    /// A grid of samples read from a file, interpolated bicubically.
    case imported(ImportedGridSpec)
    /// A small network trained on data, its loss sliced along two directions.
    case network(NetworkSpec)
}

extension FigureSpec {
    /// The colour the canvas starts as: the theme's background, or nothing at all.
    public var canvasColor: RGBA {
        background == .transparent ? theme.background.withAlpha(0) : theme.background
    }

    /// Pixels per inch of the written raster: `dpi` for each pixel of `size`, so `scale`
    /// sharpens the image without changing the size it is placed at; nil without `dpi`.
    public var rasterDPI: Double? { dpi.map { $0 * scale } }

    /// PDF points (1/72 in) or SVG units per pixel of `size`: 72/dpi, so the page measures
    /// width/dpi inches; 1 without `dpi`, as before `dpi` existed.
    public var pointsPerPixel: Double { dpi.map { 72 / $0 } ?? 1 }
}
