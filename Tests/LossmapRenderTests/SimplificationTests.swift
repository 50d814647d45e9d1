import Foundation
import Testing
import LossmapCanvas
@testable import LossmapRender

@Suite struct SimplificationTests {
    @Test("a straight run of points keeps only its ends")
    func straightLine() {
        let line = (0...50).map { CanvasPoint(Double($0), 2 * Double($0) + 1) }
        #expect(PlotTransform.simplified(line) == [line.first!, line.last!])
    }

    @Test("every dropped point stays within the tolerance of the simplified line, on a gentle curve too")
    func toleranceHolds() {
        // A circle of radius 300 px sampled every 0.5 px: each vertex bends it by ~0.0004 px,
        // so a careless rule would drop them all and cut the chord.
        let circle = (0..<3770).map { k -> CanvasPoint in
            let a = Double(k) / 3770 * 2 * .pi
            return CanvasPoint(400 + 300 * cos(a), 400 + 300 * sin(a))
        }
        let simplified = PlotTransform.simplified(circle)
        #expect(simplified.count < circle.count / 4)
        #expect(simplified.first == circle.first && simplified.last == circle.last)
        for p in circle {
            let nearest = zip(simplified, simplified.dropFirst()).map { PlotTransform.distance(p, $0, $1) }.min() ?? .infinity
            #expect(nearest <= 0.1 + 1e-9)
        }
    }

    @Test("short polylines are left alone")
    func short() {
        let three = [CanvasPoint(0, 0), CanvasPoint(1, 0.01), CanvasPoint(2, 0)]
        #expect(PlotTransform.simplified(three) == three)
    }
}
