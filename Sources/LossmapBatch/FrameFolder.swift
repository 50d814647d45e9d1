import Foundation
import LossmapBackend
import LossmapScene

/// A folder of numbered PNG frames (`frame-001.png` …), for slide builds: one picture per
/// build step in PowerPoint, Keynote or Google Slides.
///
/// The frames are written into a hidden temporary folder beside the target, which is then
/// renamed into place, so the folder is never seen half-filled. A folder already there is
/// replaced only if it holds nothing but the frames of an earlier render: a folder of the
/// user's own files is never deleted.
enum FrameFolder {
    /// The name of frame `index` (from 0) of `count`: numbered from 1, zero-padded to at
    /// least three digits so they sort in order in every file browser.
    static func name(ofFrame index: Int, count: Int) -> String {
        let digits = max(3, String(count).count)
        let number = String(index + 1)
        return "frame-" + String(repeating: "0", count: max(0, digits - number.count)) + number + ".png"
    }

    /// Files a desktop leaves in any folder it shows (Finder's, Windows Explorer's): not the
    /// user's work, so they neither keep a frames folder from being replaced nor count in its
    /// hash.
    static func isDesktopMetadata(_ name: String) -> Bool {
        [".DS_Store", "Thumbs.db", "desktop.ini"].contains(name) || name.hasPrefix("._")
    }

    /// Whether `name` is a frame lossmap writes, the listing it writes beside them, or a
    /// desktop's metadata file: what a folder of earlier frames may hold.
    static func isFrameName(_ name: String) -> Bool {
        if name == "frames.txt" || isDesktopMetadata(name) { return true }
        guard name.hasPrefix("frame-"), name.hasSuffix(".png") else { return false }
        let number = name.dropFirst("frame-".count).dropLast(".png".count)
        return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
    }

    static func write(_ figure: Scene, _ schedule: FrameSchedule, to url: URL, config: String?,
                      progress: AnimationFile.Progress?) throws {
        let target = URL(fileURLWithPath: url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path)
        try checkReplaceable(target)
        let temporary = AtomicFile.temporaryURL(for: target)
        guard mkdir(temporary.path, 0o755) == 0 else {
            throw OutputError("cannot write \(target.path)/: \(String(cString: strerror(errno)))")
        }
        do {
            var texts: [(key: String, value: String)] = [(key: "Software", value: "lossmap")]
            if !figure.spec.title.isEmpty { texts.append((key: "Title", value: figure.spec.title)) }
            var listing = "# frame, step, seconds shown\n"
            try FrameStream(figure, steps: schedule.steps).forEach { i, image in
                let step = schedule.steps[i]
                let name = name(ofFrame: i, count: schedule.frameCount)
                // The config rides along in the last frame only (it is the same for all).
                let frameTexts = i == schedule.frameCount - 1 && config != nil ? texts + [(key: "lossmap-config", value: config!)] : texts
                try PNGWriter.write(rgb: image.rgb, width: image.width, height: image.height,
                                    to: temporary.appendingPathComponent(name), texts: frameTexts, dpi: figure.spec.rasterDPI)
                listing += "\(name), \(step), \(String(format: "%.2f", schedule.durations[i]))\n"
                progress?(i + 1, schedule.frameCount)
            }
            try AtomicFile.write(Data(listing.utf8), to: temporary.appendingPathComponent("frames.txt"))
            try replace(target, with: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Refuses to replace anything but a folder of earlier frames (or nothing). `shownAs`:
    /// the name to give in the message, when `target` is that folder renamed aside.
    static func checkReplaceable(_ target: URL, shownAs: URL? = nil) throws {
        let shown = (shownAs ?? target).path
        var info = stat()
        guard lstat(target.path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError("cannot write \(shown)/: a file of that name is in the way; lossmap replaces only a folder of its own frames")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: target.path) else {
            throw OutputError("cannot write \(shown)/: its contents cannot be listed, so lossmap cannot tell they are only its frames")
        }
        if let foreign = names.sorted().first(where: { !isFrameName($0) }) {
            throw OutputError("cannot write \(shown)/: the folder holds `\(foreign)`, which lossmap did not write; move it away or choose another `output` folder")
        }
    }

    /// Puts the new folder where the old one was: the old one is renamed aside first (one
    /// rename each way, so a reader sees the old frames or the new ones), then removed, but
    /// only if it still holds nothing but frames: a file put there while the frames were
    /// drawn brings the old folder back and fails the render.
    static func replace(_ target: URL, with temporary: URL) throws {
        try checkReplaceable(target)
        var info = stat()
        var aside: URL?
        if lstat(target.path, &info) == 0 {
            let old = AtomicFile.temporaryURL(for: target)
            guard rename(target.path, old.path) == 0 else {
                throw OutputError("cannot replace \(target.path)/: \(String(cString: strerror(errno)))")
            }
            aside = old
            do {
                try checkReplaceable(old, shownAs: target)
            } catch {
                rename(old.path, target.path)
                throw error
            }
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let aside { rename(aside.path, target.path) }
            throw OutputError("cannot write \(target.path)/: \(reason)")
        }
        if let aside { try? FileManager.default.removeItem(at: aside) }
    }
}
