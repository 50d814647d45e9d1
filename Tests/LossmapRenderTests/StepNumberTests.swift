import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing
@testable import LossmapRender

/// `step_numbers`: each numbered step gets one tag, beside its point, clear of the others,
/// inside the frame; on a figure the numbers drawn are the steps'.
@Suite("Step numbers")
struct StepNumberTests {
    let frame = CanvasRect(x: 0, y: 0, width: 400, height: 300)
    let radius = 11.0, clearance = 5.6

    func distance(_ a: CanvasPoint, _ b: CanvasPoint) -> Double { hypot(a.x - b.x, a.y - b.y) }

    @Test("a zig-zag's first steps each get one tag beside their point, inside the frame, none overlapping")
    func zigZag() {
        let path = (0..<12).map { k in CanvasPoint(40 + 28 * Double(k), k % 2 == 0 ? 100 : 200) }
        let tags = StepNumbers.place(paths: [path], counts: [9], radius: radius, clearance: clearance, frame: frame)
        #expect(tags.map(\.step) == Array(1...9))
        for tag in tags {
            #expect(tag.point == path[tag.step])
            let d = distance(tag.center, tag.point)
            #expect(d >= radius + clearance - 1e-9 && d <= 2.6 * (radius + clearance) + 1e-9, "step \(tag.step): \(d)")
            #expect(frame.insetBy(radius).contains(tag.center), "step \(tag.step)")
            // No tag covers a numbered point.
            for k in 1...9 { #expect(distance(tag.center, path[k]) >= radius + clearance - 0.5, "step \(tag.step) covers \(k)") }
        }
        for (i, a) in tags.enumerated() {
            for b in tags[(i + 1)...] { #expect(distance(a.center, b.center) >= 2 * radius + 1, "steps \(a.step) and \(b.step)") }
        }
    }

    @Test("at a corner the tag sits outside the angle the path makes")
    func cornerTagOutside() {
        // Up to (200, 100) and down again: the tag of step 1 goes above it.
        let path = [CanvasPoint(100, 200), CanvasPoint(200, 100), CanvasPoint(300, 200)]
        let tags = StepNumbers.place(paths: [path], counts: [1], radius: radius, clearance: clearance, frame: frame)
        #expect(tags.count == 1)
        #expect(tags[0].center.y < 100 && abs(tags[0].center.x - 200) < 1e-9)
    }

    @Test("steps off the map get no number, and two runs' tags keep clear of each other")
    func offTheMapAndTwoRuns() {
        let leaving = [CanvasPoint(200, 150), CanvasPoint(250, 150), CanvasPoint(500, 150), CanvasPoint(300, 150)]
        let twin = [CanvasPoint(200, 150), CanvasPoint(252, 152), CanvasPoint(260, 160)]
        let tags = StepNumbers.place(paths: [leaving, twin], counts: [3, 2], radius: radius, clearance: clearance, frame: frame)
        #expect(tags.filter { $0.run == 0 }.map(\.step) == [1, 3], "step 2 lies outside the frame")
        #expect(tags.filter { $0.run == 1 }.map(\.step) == [1, 2])
        for (i, a) in tags.enumerated() {
            for b in tags[(i + 1)...] { #expect(distance(a.center, b.center) >= 2 * radius + 1) }
        }
    }

    @Test("a figure draws the numbers of its runs' first steps, each beside its step, and none without step_numbers")
    func onAFigure() throws {
        func spec(_ numbers: Int) -> FigureSpec {
            let surface = SurfaceSpec(surface: Quadratic(condition: 10), name: "quadratic", w1: -2...2, w2: -2...2, resolution: 40)
            return FigureSpec(title: "", width: 800, height: 500, surface: surface,
                              runs: [RunSpec(learningRate: .absolute(0.19), start: Weights(1.5, 1), stopping: Stopping(maxSteps: 30),
                                             stepNumbers: numbers)])
        }
        let scene = try Scene(spec(5))
        let canvas = RecordingCanvas(width: 800, height: 500)
        let renderer = FigureRenderer(scene)
        renderer.draw(on: canvas)
        let style = FigureStyle(width: 800, height: 500)
        let transform = PlotTransform(w1: scene.w1, w2: scene.w2, rect: renderer.layout(on: canvas).maps[0])
        let numbers = canvas.calls.compactMap { call -> (String, CanvasPoint)? in
            guard case .text(let text, let at, let font, _, _) = call, font == style.stepNumberFont else { return nil }
            return (text, at)
        }
        #expect(numbers.map(\.0) == ["1", "2", "3", "4", "5"])
        for (text, at) in numbers {
            let point = transform.point(scene.runs[0].trajectory.points[Int(text)!])
            let d = distance(at, point)
            #expect(d >= style.stepNumberRadius && d <= 2.6 * (style.stepNumberRadius + style.stepDotRadius + 2 * style.unit) + 1e-6,
                    "step \(text) is \(d) px from its point")
        }
        let plain = RecordingCanvas(width: 800, height: 500)
        FigureRenderer(try Scene(spec(0))).draw(on: plain)
        #expect(!plain.calls.contains { if case .text(_, _, let font, _, _) = $0 { font == style.stepNumberFont } else { false } })
    }
}
