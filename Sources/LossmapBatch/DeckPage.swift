import Foundation

/// `index.html`: the batch's figures as a gallery that is also a slide deck. The gallery is
/// plain HTML (it reads without JavaScript); clicking a figure, or Enter / F, presents the
/// figures one at a time, full screen, with their titles, runs, outcomes and configs. The page
/// stands alone from `file://`: its CSS and script are inline, images are linked by relative
/// path, and nothing is fetched from a network.
enum DeckPage {
    /// Where a figure's config is, as the page links it, and its text when it could be read.
    struct ConfigSource: Sendable, Equatable {
        /// The config's path relative to the output folder (percent-encoded), or as given.
        var href: String
        /// The config's text, shown under the figure; nil when unreadable or too long.
        var text: String?
    }

    /// A config longer than this is linked, not copied into the page: a deck of a hundred
    /// configs stays a page of a few hundred KiB, and a config is a few KiB at most.
    static let maxEmbeddedConfigBytes = 64 * 1024

    /// Reads every figure's config (relative to the working directory, as the report names
    /// them) and links it from the output folder. A config that cannot be read is linked only.
    static func configSources(of report: BatchReport, outputFolder: URL,
                              workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> [ConfigSource] {
        let folder = outputFolder.resolvingSymlinksInPath().standardizedFileURL
        return report.figures.map { figure in
            let file = (figure.config.hasPrefix("/") ? URL(fileURLWithPath: figure.config)
                                                    : workingDirectory.appendingPathComponent(figure.config))
                .resolvingSymlinksInPath().standardizedFileURL
            var text: String?
            if let size = (try? file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])).flatMap({ $0.isRegularFile == true ? $0.fileSize : nil }),
               size <= maxEmbeddedConfigBytes, let data = try? Data(contentsOf: file) {
                text = String(decoding: data, as: UTF8.self)
            }
            return ConfigSource(href: relativeHref(from: folder, to: file), text: text)
        }
    }

    /// The path from `folder` to `file` as a relative URL reference: `../config/a.toml`.
    static func relativeHref(from folder: URL, to file: URL) -> String {
        let base = folder.pathComponents, target = file.pathComponents
        var common = 0
        while common < base.count, common < target.count - 1, base[common] == target[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(percentEncoded)
        return parts.joined(separator: "/")
    }

    /// A path component as it may stand in a URL: `#`, `?`, `%` and spaces would otherwise
    /// end or change the link.
    static func percentEncoded(_ component: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~!$&'()*+,;=:@")
        return component.addingPercentEncoding(withAllowedCharacters: allowed) ?? component
    }

    /// What the page's script knows of one figure (the `lossmap-deck` JSON block).
    struct Slide: Encodable {
        struct Run: Encodable {
            var label: String
            var method: String
            var learningRate: String
            var outcome: String
            var outcomeStep: Int?
            var finalLoss: String?
            enum CodingKeys: String, CodingKey {
                case label, method, outcome
                case learningRate = "learning_rate"
                case outcomeStep = "outcome_step"
                case finalLoss = "final_loss"
            }
        }
        var title: String
        var config: String
        var configHref: String
        var configText: String?
        var status: String
        var output: String
        /// The image to show (a frames folder shows its last frame), when there is one.
        var image: String?
        /// A figure the browser cannot show inline (PDF), linked instead.
        var link: String?
        var error: String?
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case title, config, status, output, image, link, error, runs
            case configHref = "config_href"
            case configText = "config_text"
        }
    }

    /// The title a figure is shown under: its own, else its config's path.
    static func title(of figure: FigureReport) -> String {
        figure.title.map { $0.isEmpty ? figure.config : $0 } ?? figure.config
    }

    /// The image the page shows for a figure: the file itself when a browser draws it inline,
    /// a frames folder's last frame (the outcome), else none.
    static func image(of figure: FigureReport) -> String? {
        guard figure.status != .failed else { return nil }
        let name = figure.output.lowercased()
        if [".png", ".svg", ".gif", ".apng"].contains(where: { name.hasSuffix($0) }) { return figure.output }
        if name.hasSuffix("/"), let frames = figure.animation?.frames, frames > 0 {
            return figure.output + FrameFolder.name(ofFrame: frames - 1, count: frames)
        }
        return nil
    }

    static func slides(_ report: BatchReport, configs: [ConfigSource]) -> [Slide] {
        report.figures.enumerated().map { i, figure in
            let source = i < configs.count ? configs[i] : ConfigSource(href: percentEncodedPath(figure.config), text: nil)
            let image = image(of: figure)
            return Slide(title: title(of: figure), config: figure.config, configHref: source.href, configText: source.text,
                         status: figure.status.rawValue, output: figure.output, image: image.map(percentEncodedPath),
                         link: image == nil && figure.status != .failed && !figure.output.isEmpty ? percentEncodedPath(figure.output) : nil,
                         error: figure.status == .failed ? (figure.error ?? "failed") : nil,
                         runs: figure.runs.map { run in
                             Slide.Run(label: run.label, method: run.method, learningRate: ReportWriter.format(run.learningRate),
                                       outcome: run.outcome, outcomeStep: run.outcomeStep, finalLoss: run.finalLoss.map(ReportWriter.format))
                         })
        }
    }

    static func percentEncodedPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { percentEncoded(String($0)) }.joined(separator: "/")
    }

    /// The slides as JSON that can stand inside `<script type="application/json">`: every `<`
    /// is written `\u003c`, so no text in it (a title reading `</script>`, or `<!--<script>`,
    /// which would switch the HTML parser into the script's double-escaped state and hide the
    /// block's real end tag) can end the block or change how it is parsed. JSON.parse reads
    /// `\u003c` back as `<`.
    static func scriptJSON(_ slides: [Slide]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(slides)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    static func html(_ report: BatchReport, configs: [ConfigSource]) -> String {
        let escape = ReportWriter.escape
        let slides = slides(report, configs: configs)
        var cards: [String] = []
        for (i, (figure, slide)) in zip(report.figures, slides).enumerated() {
            let title = escape(slide.title)
            let outcomes = figure.runs.map { "\(escape($0.label)): \(escape($0.outcome))" }.joined(separator: "<br>")
            let picture: String
            if let src = slide.image {
                let href = escape(figure.output.hasSuffix("/") ? percentEncodedPath(figure.output) : src)
                picture = "<a href=\"\(href)\"><img src=\"\(escape(src))\" alt=\"\(title)\" loading=\"lazy\"></a>"
            } else if let link = slide.link {
                picture = "<a href=\"\(escape(link))\">\(escape(figure.output))</a>"
            } else {
                picture = "<pre>\(escape(slide.error ?? "no figure was written"))</pre>"
            }
            cards.append("""
                <figure class="\(figure.status.rawValue)" data-index="\(i)" tabindex="0">\(picture)<figcaption><strong>\(title)</strong><br><a class="config" href="\(escape(slide.configHref))"><code>\(escape(figure.config))</code></a> · \(figure.status.rawValue)<br>\(outcomes)</figcaption></figure>
                """)
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>lossmap figures</title>
            <style>
            \(style)
            </style></head>
            <body><h1>lossmap figures</h1><p>\(report.figures.count) figures, lossmap \(escape(report.version)). <span class="hint">Click a figure or press F to present; → and ← move, Esc returns here.</span></p>
            <main id="gallery">
            \(cards.joined(separator: "\n"))
            </main>
            <section id="deck" hidden tabindex="-1" aria-label="presentation">
            <header><span class="counter"></span><h2 class="slide-title"></h2><button type="button" class="previous" aria-label="previous figure">‹</button><button type="button" class="next" aria-label="next figure">›</button><button type="button" class="close" aria-label="back to the overview">×</button></header>
            <div class="stage"></div>
            <footer><ul class="runs"></ul><div class="config-line">config: <a class="config-link"></a> <details class="config-text"><summary>show config</summary><pre></pre></details></div></footer>
            </section>
            <script type="application/json" id="lossmap-deck">\(scriptJSON(slides))</script>
            <script>
            \(script)
            </script>
            </body></html>

            """
    }

    static let style = """
        body { font-family: system-ui, sans-serif; margin: 2rem; background: #fafafa; color: #1a1a1a; }
        main { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1.5rem; }
        figure { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .75rem; cursor: zoom-in; }
        figure:focus { outline: 3px solid #0072b2; outline-offset: 2px; }
        figure.failed { border-color: #d55e00; }
        figure img { width: 100%; height: auto; display: block; }
        figcaption { font-size: .85rem; margin-top: .5rem; line-height: 1.4; }
        figure pre { white-space: pre-wrap; font-size: .75rem; color: #a33; }
        .hint { color: #666; }
        body.presenting { overflow: hidden; }
        #deck { position: fixed; inset: 0; z-index: 10; background: #16181c; color: #eee; display: grid;
                grid-template-rows: auto minmax(0, 1fr) auto; outline: none; }
        #deck[hidden] { display: none; }
        #deck header { display: flex; align-items: center; gap: .8rem; padding: .6rem 1.2rem; }
        #deck .counter { color: #999; font-variant-numeric: tabular-nums; }
        #deck[data-status="failed"] .counter::after { content: " · failed"; color: #ff8a5c; }
        #deck h2 { margin: 0; flex: 1; font-size: clamp(1rem, 2.2vw, 1.7rem); font-weight: 600; }
        #deck button { background: none; color: #ccc; border: 1px solid #444; border-radius: 4px; font-size: 1.3rem;
                       line-height: 1; padding: .2rem .6rem; cursor: pointer; }
        #deck button:hover { color: #fff; border-color: #888; }
        #deck .stage { min-height: 0; display: flex; align-items: center; justify-content: center; padding: 0 1.2rem; }
        #deck .stage img { width: 100%; height: 100%; object-fit: contain; display: block; }
        #deck .stage pre.error { white-space: pre-wrap; overflow: auto; max-height: 100%; max-width: 100ch; margin: 0;
                                 padding: 1rem 1.2rem; background: #2b1b17; color: #ffc9b8; border-left: 4px solid #d55e00;
                                 font-size: clamp(.8rem, 1.4vw, 1.1rem); }
        #deck .stage a { color: #8cc8ff; font-size: 1.4rem; }
        #deck footer { padding: .5rem 1.2rem .8rem; font-size: .9rem; }
        #deck .runs { list-style: none; margin: 0 0 .4rem; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
        #deck .runs .outcome { border-radius: 3px; padding: 0 .35rem; margin-left: .35rem; color: #111; background: #bbb; }
        #deck .runs .converged { background: #009e73; color: #fff; }
        #deck .runs .descending { background: #56b4e9; }
        #deck .runs .oscillating { background: #e69f00; }
        #deck .runs .diverged, #deck .runs .left_map { background: #d55e00; color: #fff; }
        #deck .runs .numbers { color: #999; margin-left: .35rem; }
        #deck .config-line { color: #999; }
        #deck .config-line a { color: #8cc8ff; }
        #deck details { display: inline; }
        #deck details summary { display: inline; cursor: pointer; color: #8cc8ff; margin-left: .6rem; }
        #deck details pre { max-height: 40vh; overflow: auto; background: #0e0f12; color: #ddd; padding: .6rem .8rem;
                            white-space: pre-wrap; margin: .4rem 0 0; }
        """

    /// Every text the script puts on the page goes in through `textContent`, never as HTML.
    static let script = #"""
        (function () {
          "use strict";
          const slides = JSON.parse(document.getElementById("lossmap-deck").textContent);
          const deck = document.getElementById("deck");
          const gallery = document.getElementById("gallery");
          const stage = deck.querySelector(".stage");
          const titleText = deck.querySelector(".slide-title");
          const counter = deck.querySelector(".counter");
          const runs = deck.querySelector(".runs");
          const configLink = deck.querySelector(".config-link");
          const configText = deck.querySelector(".config-text");
          let current = -1;
          let entering = null;  // a request for full screen, until it is answered

          function element(tag, className, text) {
            const e = document.createElement(tag);
            if (className) e.className = className;
            if (text !== undefined && text !== null) e.textContent = text;
            return e;
          }

          function setHash(hash) {
            try {
              history.replaceState(null, "", hash || location.pathname + location.search);
            } catch (e) {
              if (hash) location.replace(hash);
            }
          }

          function show(i) {
            if (slides.length === 0) return;
            i = Math.max(0, Math.min(slides.length - 1, i));
            current = i;
            const slide = slides[i];
            deck.dataset.current = String(i);
            deck.dataset.status = slide.status;
            titleText.textContent = slide.title;
            counter.textContent = (i + 1) + " / " + slides.length;
            let content;
            if (slide.error !== undefined && slide.error !== null) {
              content = element("pre", "error", slide.error);
            } else if (slide.image) {
              content = element("img");
              content.src = slide.image;
              content.alt = slide.title;
            } else if (slide.link) {
              content = element("a", "file", slide.output);
              content.href = slide.link;
            } else {
              content = element("p", "", "no figure was written");
            }
            stage.replaceChildren(content);
            runs.replaceChildren(...slide.runs.map(function (run) {
              const item = element("li");
              item.append(element("span", "label", run.label));
              item.append(element("span", "outcome " + run.outcome,
                                  run.outcome + (run.outcome_step !== undefined ? " (step " + run.outcome_step + ")" : "")));
              item.append(element("span", "numbers", run.method + ", η " + run.learning_rate +
                                  (run.final_loss !== undefined ? ", final loss " + run.final_loss : "")));
              return item;
            }));
            configLink.textContent = slide.config;
            configLink.href = slide.config_href;
            configText.open = false;
            configText.hidden = slide.config_text === undefined;
            configText.querySelector("pre").textContent = slide.config_text || "";
            setHash("#" + (i + 1));
          }

          function present(i, byHand) {
            show(i);
            deck.hidden = false;
            document.body.classList.add("presenting");
            deck.focus();
            // Full screen needs a click or a key press; from a reload (#3) the deck fills
            // the window instead.
            if (byHand && deck.requestFullscreen && !document.fullscreenElement) {
              entering = deck.requestFullscreen().catch(function () {}).finally(function () { entering = null; });
            }
          }

          function leave() {
            if (deck.hidden) return;
            deck.hidden = true;
            document.body.classList.remove("presenting");
            setHash("");
            // The figure last shown takes the focus, so Enter presents it again; not before
            // full screen has ended, which would take the focus back to the page.
            const card = gallery.querySelector('figure[data-index="' + current + '"]');
            const focusCard = function () { if (card) card.focus(); };
            const exit = function () {
              if (document.fullscreenElement && document.exitFullscreen) {
                document.exitFullscreen().then(focusCard, focusCard);
              } else {
                focusCard();
              }
            };
            // Escape pressed before full screen was granted: leave it once it has been.
            if (entering) entering.then(exit); else exit();
          }

          // The browser takes Escape out of full screen itself; that, too, returns to the
          // overview. The change from a previous exit can arrive while a new request is
          // pending (F pressed at once after Escape): that one is not a request to leave.
          document.addEventListener("fullscreenchange", function () {
            if (!document.fullscreenElement && !deck.hidden && entering === null) leave();
          });

          gallery.addEventListener("click", function (event) {
            const card = event.target.closest("figure[data-index]");
            if (!card || event.target.closest("a.config")) return;
            if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            present(Number(card.dataset.index), true);
          });

          deck.querySelector(".previous").addEventListener("click", function () { show(current - 1); });
          deck.querySelector(".next").addEventListener("click", function () { show(current + 1); });
          deck.querySelector(".close").addEventListener("click", leave);
          stage.addEventListener("click", function (event) {
            if (!event.target.closest("a, pre")) show(current + 1);
          });

          document.addEventListener("keydown", function (event) {
            if (event.altKey || event.ctrlKey || event.metaKey) return;
            if (deck.hidden) {
              const card = event.target.closest ? event.target.closest("figure[data-index]") : null;
              if ((event.key === "Enter" && card) || event.key === "f" || event.key === "F") {
                event.preventDefault();
                present(card ? Number(card.dataset.index) : 0, true);
              }
              return;
            }
            switch (event.key) {
              case "ArrowRight": case "ArrowDown": case "PageDown": show(current + 1); break;
              case "ArrowLeft": case "ArrowUp": case "PageUp": show(current - 1); break;
              case " ": show(event.shiftKey ? current - 1 : current + 1); break;
              case "Home": show(0); break;
              case "End": show(slides.length - 1); break;
              case "Escape": leave(); break;
              case "c": case "C": if (!configText.hidden) configText.open = !configText.open; break;
              default: return;
            }
            event.preventDefault();
          });

          function fromHash() {
            const match = /^#(\d+)$/.exec(location.hash);
            if (!match) return;
            const i = Number(match[1]) - 1;
            if (i < 0 || i >= slides.length) return;
            if (deck.hidden) present(i, false); else if (i !== current) show(i);
          }
          window.addEventListener("hashchange", fromHash);
          fromHash();
        })();
        """#
}
