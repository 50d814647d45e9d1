import Foundation
import Testing
import LossmapCanvas
@testable import LossmapRender

@Suite struct ContourLabelTests {
    let placer = ContourLabelPlacer(spacing: 100, padding: 2, frame: CanvasRect(x: 0, y: 0, width: 400, height: 400),
                                    obstacles: [], clearance: 5)
    func size(_ text: String) -> (width: Double, height: Double) { (Double(text.count) * 8, 12) }

    @Test("labels on a line drawn right to left read left to right, never upside down")
    func neverUpsideDown() {
        let line = (0...20).map { CanvasPoint(380 - Double($0) * 18, 200) }
        let labels = placer.place(lines: [(0, line)], text: { _ in "42" }, size: size)
        #expect(!labels.isEmpty)
        for label in labels { #expect(abs(label.angle) < 1e-12) }
        let steep = (0...20).map { CanvasPoint(200, 380 - Double($0) * 18) }
        for label in placer.place(lines: [(0, steep)], text: { _ in "42" }, size: size) {
            #expect(label.angle > -Double.pi / 2 && label.angle <= Double.pi / 2)
        }
    }

    @Test("labels are evenly spaced along a line and never overlap")
    func spacingAndOverlap() {
        let line = (0...100).map { CanvasPoint(10 + Double($0) * 3.8, 100) }
        let labels = placer.place(lines: [(0, line), (1, line.map { CanvasPoint($0.x, $0.y + 4) })],
                                  text: { "level \($0)" }, size: size)
        // The second, nearly identical line gets no label on top of the first one's.
        #expect(labels.allSatisfy { $0.text == "level 0" })
        let xs = labels.map(\.center.x).sorted()
        // 380 px of line, labels 60 px wide: one every max(100, 3 × 60) = 180 px, from 90.
        #expect(xs == [100, 280])
        let gaps = zip(xs, xs.dropFirst()).map { $1 - $0 }
        #expect(gaps.allSatisfy { abs($0 - gaps[0]) < 1e-9 })
    }

    @Test("a label never sits on a descent path or in a tight bend")
    func avoidsPathsAndBends() {
        var withPath = placer
        withPath.obstacles = [(CanvasPoint(0, 0), CanvasPoint(400, 400))]
        let diagonalCrossing = (0...100).map { CanvasPoint(Double($0) * 4, 400 - Double($0) * 4) }
        for label in withPath.place(lines: [(0, diagonalCrossing)], text: { _ in "7" }, size: size) {
            #expect(ContourLabelPlacer.distance(from: label.center, toSegment: CanvasPoint(0, 0), CanvasPoint(400, 400)) > 5)
        }
        // A zig-zag with 6-pixel teeth is never straight for a label's width.
        let zigzag = (0...60).map { CanvasPoint(20 + Double($0) * 6, 200 + ($0 % 2 == 0 ? 0 : 6)) }
        #expect(placer.place(lines: [(0, zigzag)], text: { _ in "1000" }, size: size).isEmpty)
    }
}
