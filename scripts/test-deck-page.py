#!/usr/bin/env python3
"""Tests index.html, the batch's gallery and slide deck, in a real browser.

    python3 scripts/test-deck-page.py PATH/TO/lossmap SCRATCH_DIR [SCREENSHOT.png]

Renders a small deck into SCRATCH_DIR (two figures, a PNG whose title tries to break out of
the page's JSON block and an animated GIF, and one config with an error), opens its
index.html from file:// in headless Chromium, presses keys as a presenter would, and checks
what the page shows. Exits 0 when every check passes, 1 with the failures otherwise, 2 when
Chromium is missing. Screenshots: SCREENSHOT (default SCRATCH_DIR/deck.png) shows the first
figure presented; beside it -overview.png, -config.png and -error.png show the gallery, the
config's text opened and the failed figure.

The browser is driven with the standard library only: `chromium --remote-debugging-pipe`
speaks the DevTools protocol (https://chromedevtools.github.io/devtools-protocol/) as JSON
messages ended by a NUL byte, read from its file descriptor 3 and written to its 4.
"""

import base64
import json
import os
import select
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request

HOSTILE_TITLE = 'Bowl </script><b>bold?</b> & <!--<script> "quoted"'

GOOD_PNG = f"""title = {json.dumps(HOSTILE_TITLE)}
output = "bowl.png"
size = [640, 400]

[surface]
function = "quadratic"
condition = 10
w1 = [-2.0, 2.0]
w2 = [-1.5, 1.5]
levels = 8

[optimizer]
start = [-1.8, 1.0]
steps = 30
learning_rates = [0.1, 0.22]
"""

GOOD_GIF = """title = "A walk, one step a frame"
output = "walk.gif"
size = [480, 300]

[surface]
function = "quadratic"
condition = 4
w1 = [-2.0, 2.0]
w2 = [-1.5, 1.5]
levels = 8

[optimizer]
start = [-1.8, 1.0]
steps = 6
learning_rates = [0.2]

[animation]
every = 1
frame_duration = 0.2
"""

BROKEN = """title = "Broken on purpose"
output = "broken.png"

[surface]
function = "quadratik"
w1 = [-2.0, 2.0]
w2 = [-1.5, 1.5]
"""


def find_chromium():
    candidates = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome",
                  "/Applications/Chromium.app/Contents/MacOS/Chromium",
                  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"]
    for name in candidates:
        if name and (shutil.which(name) or os.access(name, os.X_OK)):
            return shutil.which(name) or name
    return None


class Browser:
    """One headless Chromium and one page in it, over the pipe."""

    def __init__(self, executable, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def onto_3_and_4():
            # Out of the way first, so that neither end is clobbered by the other's dup2.
            import fcntl
            r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [executable, "--headless=new", "--remote-debugging-pipe", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--window-size=1280,800", f"--user-data-dir={profile}", "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.log = open(os.path.join(profile, "..", "chromium.log"), "wb")
        self.process = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=onto_3_and_4,
                                        stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self.read(deadline)
            if reply is None:
                raise RuntimeError(f"no answer to {method} within {timeout} s")
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def read(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe (see chromium.log)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for_event(self, method, timeout=30):
        deadline = time.time() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method:
                    del self.events[i]
                    return event
            message = self.read(deadline)
            if message is None:
                raise RuntimeError(f"no {method} within {timeout} s")
            if "method" in message:
                self.events.append(message)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})

    def navigate(self, url):
        self.events = [e for e in self.events if e["method"] != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url})
        self.wait_for_event("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluating {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.05)
        return False

    # Key codes from the DOM's KeyboardEvent.keyCode table, which Chromium wants as well.
    KEYS = {"ArrowRight": 39, "ArrowLeft": 37, "PageDown": 34, "PageUp": 33, " ": 32, "Home": 36,
            "End": 35, "Escape": 27, "Enter": 13, "f": 70, "c": 67}
    CODES = {" ": "Space", "f": "KeyF", "c": "KeyC"}

    def press(self, key):
        params = {"key": key, "code": self.CODES.get(key, key), "windowsVirtualKeyCode": self.KEYS[key]}
        if len(key) == 1 or key == "Enter":
            params["text"] = "\r" if key == "Enter" else key
        self.send("Input.dispatchKeyEvent", dict(params, type="keyDown"))
        self.send("Input.dispatchKeyEvent", dict(params, type="keyUp"))

    def click(self, x, y):
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def console_errors(self):
        """Everything the page reported as an error so far."""
        while True:  # take what has arrived without waiting
            message = self.read(time.time() + 0.2)
            if message is None:
                break
            if "method" in message:
                self.events.append(message)
        errors = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append("console." + params["type"] + ": " +
                              " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                errors.append(f"log: {entry.get('text')} {entry.get('url', '')}")
        return errors

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


STATE = """(() => {
  const deck = document.getElementById("deck");
  const image = deck.querySelector(".stage img");
  const error = deck.querySelector(".stage pre.error");
  const box = image ? image.getBoundingClientRect() : null;
  return {
    presenting: !deck.hidden,
    current: deck.dataset.current === undefined ? null : Number(deck.dataset.current),
    title: deck.querySelector(".slide-title").textContent,
    counter: deck.querySelector(".counter").textContent,
    hash: location.hash,
    image: image ? image.getAttribute("src") : null,
    imageLoaded: image ? image.complete && image.naturalWidth > 0 : null,
    imageInWindow: box ? box.width > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight : null,
    error: error ? error.textContent : null,
    errorWraps: error ? getComputedStyle(error).whiteSpace === "pre-wrap" : null,
    runs: Array.from(deck.querySelectorAll(".runs li")).map(li => li.textContent),
    configHref: deck.querySelector(".config-link").href,
    configText: deck.querySelector(".config-text").hidden ? null : deck.querySelector(".config-text pre").textContent,
    focusedCard: document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.index || null : null,
  };
})()"""


# Back on the overview, out of full screen, the figure last shown focused.
LEFT = "document.getElementById('deck').hidden && !document.fullscreenElement && document.activeElement.matches('figure')"


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    lossmap = os.path.abspath(sys.argv[1])
    scratch = os.path.abspath(sys.argv[2])
    shot = os.path.abspath(sys.argv[3]) if len(sys.argv) == 4 else os.path.join(scratch, "deck.png")
    chromium = find_chromium()
    if chromium is None:
        print("chromium not found (the index.html browser test needs it): run scripts/install-deps.sh", file=sys.stderr)
        return 2

    failures = []

    def check(condition, what):
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            failures.append(what)

    os.makedirs(os.path.join(scratch, "deck"), exist_ok=True)
    configs = {"deck/1-bowl.toml": GOOD_PNG, "deck/2-walk.toml": GOOD_GIF, "deck/3-broken.toml": BROKEN}
    for name, text in configs.items():
        with open(os.path.join(scratch, name), "w", encoding="utf-8") as file:
            file.write(text)
    render = subprocess.run([lossmap, "render", "deck", "-o", "out", "--force", "--quiet"], cwd=scratch,
                            capture_output=True, text=True, timeout=300)
    check(render.returncode == 1, f"lossmap render exits 1 for one failed config (got {render.returncode}: {render.stderr.strip()[:400]})")
    out = os.path.join(scratch, "out")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as file:
        report = json.load(file)
    statuses = [f["status"] for f in report["figures"]]
    check(statuses == ["rendered", "rendered", "failed"], f"the report has two rendered figures and one failed ({statuses})")
    if failures:
        return 1
    broken_error = report["figures"][2]["error"]

    profile = os.path.join(scratch, "chromium-profile")
    os.makedirs(profile, exist_ok=True)
    browser = Browser(chromium, profile)
    try:
        browser.open_page()
        page = "file://" + urllib.request.pathname2url(os.path.join(out, "index.html"))
        browser.navigate(page)
        images_ready = browser.wait_until("Array.from(document.images).every(i => i.complete)")
        check(images_ready, "every image finishes loading")
        sizes = browser.evaluate("Array.from(document.images).map(i => [i.getAttribute('src'), i.naturalWidth])")
        check(len(sizes) == 2 and all(width > 0 for _, width in sizes), f"every <img> in the overview has naturalWidth > 0 ({sizes})")
        check(browser.evaluate("document.querySelectorAll('#gallery figure').length") == 3, "the overview shows three figures")
        check(browser.evaluate("document.querySelector('#gallery figure strong').textContent") == HOSTILE_TITLE,
              "the overview shows the hostile title as text")
        check(browser.evaluate("document.querySelectorAll('b').length") == 0, "the hostile title's <b> is not markup")
        check(not browser.evaluate(STATE)["presenting"], "the page opens on the overview")
        browser.screenshot(shot.replace(".png", "") + "-overview.png")

        # Enter on a focused figure presents it.
        browser.evaluate("document.querySelector('figure[data-index=\"0\"]').focus()")
        browser.press("Enter")
        browser.wait_until("document.querySelector('#deck .stage img') && document.querySelector('#deck .stage img').complete")
        state = browser.evaluate(STATE)
        check(state["presenting"] and state["current"] == 0, f"Enter presents the focused figure ({state['current']})")
        check(state["title"] == HOSTILE_TITLE, f"the slide's title is the hostile title, as text ({state['title']!r})")
        check(state["counter"] == "1 / 3", f"the counter reads 1 / 3 ({state['counter']!r})")
        check(state["hash"] == "#1", f"the URL's hash is #1 ({state['hash']!r})")
        check(state["image"] == "bowl.png" and state["imageLoaded"], f"the slide shows bowl.png, loaded ({state['image']})")
        check(state["imageInWindow"], "the image is scaled to fit the window")
        expected_runs = [(run["label"], run["outcome"]) for run in report["figures"][0]["runs"]]
        check(len(state["runs"]) == len(expected_runs) == 2 and
              all(label in shown and outcome in shown for (label, outcome), shown in zip(expected_runs, state["runs"])),
              f"the slide lists both runs with their outcomes ({state['runs']})")
        check(any("diverged (step" in shown for shown in state["runs"]), "a diverged run shows the step it diverged at")
        config_path = urllib.request.url2pathname(urllib.parse.urlparse(state["configHref"]).path)
        check(os.path.samefile(config_path, os.path.join(scratch, "deck/1-bowl.toml")),
              f"the config link leads to the config ({state['configHref']})")
        check(state["configText"] == GOOD_PNG, "the config's text is in the page")
        time.sleep(0.3)
        browser.screenshot(shot)
        browser.press("c")
        check(browser.evaluate("document.querySelector('#deck .config-text').open"), "C opens the config's text")
        browser.screenshot(shot.replace(".png", "") + "-config.png")
        browser.press("c")

        browser.press("ArrowRight")
        browser.wait_until("document.querySelector('#deck .stage img') && document.querySelector('#deck .stage img').complete")
        state = browser.evaluate(STATE)
        check(state["current"] == 1 and state["title"] == "A walk, one step a frame", f"ArrowRight moves to the second figure ({state['current']}, {state['title']!r})")
        check(state["image"] == "walk.gif" and state["imageLoaded"], f"the GIF is shown, loaded ({state['image']})")
        check(state["hash"] == "#2", f"the URL's hash follows: #2 ({state['hash']!r})")

        browser.press("ArrowRight")
        state = browser.evaluate(STATE)
        check(state["current"] == 2 and state["image"] is None, f"ArrowRight moves to the failed figure, no image ({state['current']})")
        check(state["error"] == broken_error and state["errorWraps"], f"the failed figure shows its error text, pre-wrapped ({state['error']!r})")
        check("quadratik" in (state["error"] or ""), "the error names the mistake")
        browser.screenshot(shot.replace(".png", "") + "-error.png")
        browser.press("ArrowRight")
        check(browser.evaluate(STATE)["current"] == 2, "ArrowRight on the last figure stays there")

        moves = [("Home", 0), ("End", 2), ("ArrowLeft", 1), ("PageUp", 0), ("PageDown", 1), (" ", 2), ("PageUp", 1)]
        for key, expected in moves:
            browser.press(key)
            got = browser.evaluate(STATE)["current"]
            check(got == expected, f"{key!r} moves to figure {expected} ({got})")

        # A reload stays on the figure in the hash (#2: the GIF).
        check(browser.evaluate("location.hash") == "#2", "the hash is #2 before the reload")
        browser.send("Page.reload")
        browser.wait_for_event("Page.loadEventFired")
        browser.wait_until("document.querySelector('#deck .stage img') && document.querySelector('#deck .stage img').complete")
        state = browser.evaluate(STATE)
        check(state["presenting"] and state["current"] == 1, f"a reload at #2 presents the second figure ({state['presenting']}, {state['current']})")
        check(state["imageLoaded"], "and its image loads")

        browser.press("Escape")
        check(browser.wait_until(LEFT, timeout=3), "Escape leaves full screen and focuses the figure")
        state = browser.evaluate(STATE)
        check(not state["presenting"], "Escape returns to the overview")
        check(state["hash"] == "", f"the hash is cleared ({state['hash']!r})")
        check(state["focusedCard"] == "1", f"the figure last shown has the focus ({state['focusedCard']})")

        # Escape at once after a click, before full screen is granted, still ends in the overview.
        box = browser.evaluate("(() => { const r = document.querySelector('figure[data-index=\"0\"]').getBoundingClientRect(); return [r.left + r.width / 2, r.top + 20]; })()")
        browser.click(box[0], box[1])
        browser.press("Escape")
        check(browser.wait_until(LEFT, timeout=3), "Escape at once after a click returns to the overview, out of full screen")

        # A click on a figure presents it; F presents from the focused figure.
        box = browser.evaluate("(() => { const r = document.querySelector('figure[data-index=\"2\"]').getBoundingClientRect(); return [r.left + r.width / 2, r.top + 20]; })()")
        browser.click(box[0], box[1])
        state = browser.evaluate(STATE)
        check(state["presenting"] and state["current"] == 2, f"a click on the failed figure presents it ({state['current']})")
        browser.press("Escape")
        check(browser.wait_until(LEFT, timeout=3), "Escape leaves full screen and focuses the figure")
        browser.press("f")
        state = browser.evaluate(STATE)
        check(state["presenting"] and state["current"] == 2, f"F presents the focused figure ({state['current']})")
        browser.press("Escape")
        check(browser.wait_until(LEFT, timeout=3), "Escape leaves full screen and focuses the figure")

        sizes = browser.evaluate("Array.from(document.images).map(i => [i.getAttribute('src'), i.naturalWidth])")
        check(all(width > 0 for _, width in sizes), f"every <img> has naturalWidth > 0 at the end ({sizes})")
        errors = browser.console_errors()
        check(not errors, "no console errors, exceptions or error log entries" + (": " + "; ".join(errors) if errors else ""))
    except Exception as error:  # a protocol failure is a test failure, with its reason
        failures.append(f"{type(error).__name__}: {error}")
        print(f"FAIL {type(error).__name__}: {error}")
    finally:
        browser.close()

    print(f"screenshots: {shot} and its -overview, -config, -error siblings")
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
