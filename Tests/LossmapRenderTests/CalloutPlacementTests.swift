import Foundation
import LossmapCanvas
import Testing
@testable import LossmapRender

/// Where a callout's box goes, on tiny literal layouts: clear of paths, of boxes placed before
/// and of key points; the least covered place when none is free; path samples every 6 px that
/// survive absurd and non-finite points.
@Suite("Callout placement")
struct CalloutPlacementTests {
    let frame = CanvasRect(x: 0, y: 0, width: 400, height: 300)
    let size = (width: 80.0, height: 40.0)
    let margin = 6.0

    /// A horizontal line through the frame's middle, y = 150, sampled.
    var middleLine: [CanvasPoint] { CalloutPlacement.samples(of: [[CanvasPoint(0, 150), CanvasPoint(400, 150)]]) }

    func inside(_ box: CanvasRect, _ frame: CanvasRect) -> Bool {
        box.minX >= frame.minX && box.maxX <= frame.maxX && box.minY >= frame.minY && box.maxY <= frame.maxY
    }

    @Test("with nothing in the way the box sits beside its anchor, inside the frame, the leader starting on its edge")
    func free() throws {
        let placement = CalloutPlacement(frame: frame, pathSamples: [], margin: margin)
        let anchor = CanvasPoint(200, 150)
        let (box, leaderStart) = placement.place(size: size, anchor: anchor)
        #expect(box.width == 80 && box.height == 40)
        #expect(inside(box, frame))
        #expect(!box.contains(anchor))
        // Among the nearest ring of candidates (3 margins out).
        #expect(CalloutPlacement.distance(from: anchor, to: box) <= 3 * margin + 1e-9)
        let start = try #require(leaderStart)
        #expect(start == CalloutPlacement.nearestPoint(on: box, to: anchor))
        #expect(start.x == box.minX || start.x == box.maxX || start.y == box.minY || start.y == box.maxY)
    }

    @Test("a box keeps clear of a path through the frame's middle, its anchor on the path")
    func avoidsAPath() {
        let placement = CalloutPlacement(frame: frame, pathSamples: middleLine, margin: margin)
        let (box, _) = placement.place(size: size, anchor: CanvasPoint(200, 150))
        #expect(inside(box, frame))
        // Entirely above or below the line, with the margin.
        #expect(box.maxY + margin < 150 || box.minY - margin > 150, "\(box)")
        #expect(placement.cost(of: box) == 0)
        // A diagonal path: no sample within the box grown by the margin.
        let diagonal = CalloutPlacement.samples(of: [[CanvasPoint(0, 0), CanvasPoint(400, 300)]])
        let crossing = CalloutPlacement(frame: frame, pathSamples: diagonal, margin: margin)
        let (other, _) = crossing.place(size: size, anchor: CanvasPoint(200, 150))
        #expect(!diagonal.contains { other.insetBy(-margin).contains($0) }, "\(other)")
    }

    @Test("a box keeps clear of the boxes placed before it, and of each other in turn")
    func avoidsPlacedBoxes() {
        let anchor = CanvasPoint(200, 150)
        let first = CalloutPlacement(frame: frame, pathSamples: [], margin: margin).place(size: size, anchor: anchor).box
        // The same anchor again, with the first box placed: the second goes elsewhere.
        let placement = CalloutPlacement(frame: frame, pathSamples: [], placed: [first], margin: margin)
        let second = placement.place(size: size, anchor: anchor).box
        #expect(!second.insetBy(-margin).intersects(first), "\(first) and \(second)")
        #expect(inside(second, frame))
        // A big box placed over the whole upper half: the callout goes below it.
        let upper = CanvasRect(x: 0, y: 0, width: 400, height: 150)
        let below = CalloutPlacement(frame: frame, pathSamples: [], placed: [upper], margin: margin)
            .place(size: size, anchor: CanvasPoint(200, 160)).box
        #expect(below.minY - margin > 150, "\(below)")
    }

    @Test("a box does not hide a key point where it would otherwise go")
    func avoidsKeyPoints() {
        let anchor = CanvasPoint(200, 150)
        let placement = CalloutPlacement(frame: frame, pathSamples: [], margin: margin)
        let free = placement.place(size: size, anchor: anchor).box
        let key = CanvasPoint(free.midX, free.midY)
        var guarded = placement
        guarded.keyPoints = [key, anchor]
        let box = guarded.place(size: size, anchor: anchor).box
        #expect(!box.insetBy(-2 * margin).contains(key), "\(box) hides \(key)")
        #expect(!box.insetBy(-2 * margin).contains(anchor))
        // A key point costs as much as 40 path samples.
        #expect(guarded.cost(of: free) >= CalloutPlacement.keyPointWeight)
    }

    @Test("when no place is free the least covered one wins: the corner where the paths are sparsest")
    func leastCost() {
        // Samples every 5 px over the whole frame, but every 20 px in its lower-left quarter.
        let small = CanvasRect(x: 0, y: 0, width: 300, height: 200)
        var samples: [CanvasPoint] = []
        for x in stride(from: 0.0, through: 300, by: 5) {
            for y in stride(from: 0.0, through: 200, by: 5) {
                let sparse = x < 150 && y > 100
                if !sparse || (x.truncatingRemainder(dividingBy: 20) == 0 && y.truncatingRemainder(dividingBy: 20) == 0) {
                    samples.append(CanvasPoint(x, y))
                }
            }
        }
        let placement = CalloutPlacement(frame: small, pathSamples: samples, margin: margin)
        let box = placement.place(size: (60, 40), anchor: nil).box
        let candidates = placement.candidates(size: (60, 40), anchor: nil)
        #expect(candidates.allSatisfy { placement.cost(of: $0) > 0 }, "some place is free")
        // The lower-left corner, a margin in from the frame.
        #expect(box == CanvasRect(x: margin, y: 200 - margin - 40, width: 60, height: 40), "\(box)")
        #expect(candidates.allSatisfy { placement.cost(of: box) <= placement.cost(of: $0) })
    }

    @Test("without an anchor the box goes to a corner or an edge's middle, never the frame's centre")
    func noAnchor() {
        let placement = CalloutPlacement(frame: frame, pathSamples: [], margin: margin)
        let candidates = placement.candidates(size: size, anchor: nil)
        #expect(candidates.count == 8)
        #expect(!candidates.contains { $0.midX == frame.midX && $0.midY == frame.midY })
        let (box, leader) = placement.place(size: size, anchor: nil)
        #expect(leader == nil)
        #expect(box == CanvasRect(x: margin, y: margin, width: 80, height: 40), "the first corner, upper left")
    }

    @Test("a box outside the frame costs more than any path could")
    func outsideCosts() {
        let placement = CalloutPlacement(frame: frame, pathSamples: middleLine, margin: margin)
        #expect(placement.cost(of: CanvasRect(x: 380, y: 10, width: 80, height: 40)) >= 10_000)
        #expect(placement.cost(of: CanvasRect(x: 10, y: 10, width: 80, height: 40)) == 0)
    }

    @Test("samples lie every 6 px along a segment, its ends kept, and a short segment keeps only its ends")
    func sampleSpacing() {
        let samples = CalloutPlacement.samples(of: [[CanvasPoint(0, 0), CanvasPoint(60, 0)]])
        #expect(samples.count == 11)
        #expect(samples.first == CanvasPoint(0, 0) && samples.last == CanvasPoint(60, 0))
        for (a, b) in zip(samples, samples.dropFirst()) { #expect(abs(b.x - a.x - 6) < 1e-12 && b.y == 0) }
        #expect(CalloutPlacement.samples(of: [[CanvasPoint(0, 0), CanvasPoint(3, 4)]]) == [CanvasPoint(0, 0), CanvasPoint(3, 4)])
        // 12.5 px: two pieces of 6.25.
        #expect(CalloutPlacement.samples(of: [[CanvasPoint(0, 0), CanvasPoint(0, 12.5)]])
                == [CanvasPoint(0, 0), CanvasPoint(0, 6.25), CanvasPoint(0, 12.5)])
        // Separate polylines are not joined.
        #expect(CalloutPlacement.samples(of: [[CanvasPoint(0, 0)], [CanvasPoint(100, 0)]]) == [CanvasPoint(0, 0), CanvasPoint(100, 0)])
    }

    @Test("a segment 1e308 px long is sampled at most 4000 times, all finite, ends kept; an infinite one keeps its ends")
    func hugeSegment() {
        let huge = CalloutPlacement.samples(of: [[CanvasPoint(0, 0), CanvasPoint(1e308, 0)]])
        #expect(huge.count == 4001)
        #expect(huge.allSatisfy { $0.x.isFinite && $0.y.isFinite })
        #expect(huge.first == CanvasPoint(0, 0) && huge.last == CanvasPoint(1e308, 0))
        // From −1e308 to 1e308 the length overflows to infinity.
        let overflow = CalloutPlacement.samples(of: [[CanvasPoint(-1e308, 0), CanvasPoint(1e308, 0)]])
        #expect(overflow == [CanvasPoint(-1e308, 0), CanvasPoint(1e308, 0)])
    }

    @Test("non-finite points break a polyline and are never samples")
    func nonFinite() {
        let samples = CalloutPlacement.samples(of: [[CanvasPoint(0, 0), CanvasPoint(.nan, 0), CanvasPoint(60, 0),
                                                     CanvasPoint(.infinity, 5), CanvasPoint(0, -.infinity), CanvasPoint(60, 12)]])
        #expect(samples.allSatisfy { $0.x.isFinite && $0.y.isFinite })
        // (0,0) and (60,0) are not joined across the NaN; (60,0) and (60,12) are not across the infinities.
        #expect(samples == [CanvasPoint(0, 0), CanvasPoint(60, 0), CanvasPoint(60, 12)])
        // A placement over such samples still finds a free place.
        let placement = CalloutPlacement(frame: frame, pathSamples: samples, margin: margin)
        #expect(placement.cost(of: placement.place(size: size, anchor: nil).box) == 0)
    }
}
