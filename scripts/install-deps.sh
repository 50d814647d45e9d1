#!/usr/bin/env bash
# Installs what lossmap needs to build and draw, only if it is missing:
# pkg-config, Cairo, libpng and giflib headers (giflib writes animated GIFs; it ships no
# pkg-config file, so its header is looked for directly), a font (DejaVu Sans) for the figure text, and GNU time,
# with which the input-limit tests measure lossmap's peak memory, and Chromium (test-only:
# the index.html slide deck is tested in a headless browser).
# Debian/Ubuntu via apt-get (as root, or through sudo); macOS via Homebrew.
set -euo pipefail

have_libs() {
    command -v pkg-config >/dev/null 2>&1 && pkg-config --exists cairo libpng && have_gif
}
have_gif() {
    local prefix
    for prefix in /usr/include /usr/local/include /opt/homebrew/include; do
        [[ -f "$prefix/gif_lib.h" ]] && return 0
    done
    return 1
}
have_font() {
    [[ "$(uname)" == Darwin ]] && return 0
    command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "DejaVu Sans"
}

have_time() {
    [[ "$(uname)" == Darwin ]] || [[ -x /usr/bin/time ]]
}

# Pillow: the tests' independent decoder of the animated PNGs lossmap writes (test-only).
have_pillow() {
    command -v python3 >/dev/null 2>&1 && python3 -c "import PIL" >/dev/null 2>&1
}
if ! have_pillow && command -v python3 >/dev/null 2>&1; then
    echo "installing Pillow (test-only: decodes the animated PNGs) with pip…"
    python3 -m pip install --quiet --disable-pip-version-check Pillow || echo "could not install Pillow: the APNG decoding tests will fail" >&2
fi

# jsonschema: the tests' independent validator of lossmap.schema.json against the example configs (test-only).
have_jsonschema() {
    command -v python3 >/dev/null 2>&1 && python3 -c "import jsonschema" >/dev/null 2>&1
}
if ! have_jsonschema && command -v python3 >/dev/null 2>&1; then
    echo "installing jsonschema (test-only: validates the example configs against the schema) with pip…"
    python3 -m pip install --quiet --disable-pip-version-check jsonschema || echo "could not install jsonschema: the schema validation tests will fail" >&2
fi

# Chromium: the headless browser that scripts/test-deck-page.py drives (test-only).
have_chromium() {
    [[ "$(uname)" == Darwin ]] && return 0   # the test finds Chrome or Chromium in /Applications
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
}

if have_libs && have_font && have_time && have_chromium; then
    exit 0
fi

if [[ "$(uname)" == Darwin ]]; then
    command -v brew >/dev/null 2>&1 || { echo "install Homebrew, then: brew install cairo libpng giflib pkg-config" >&2; exit 1; }
    echo "installing cairo, libpng, giflib and pkg-config with Homebrew…"
    brew install cairo libpng giflib pkg-config
    exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to apt-get install libcairo2-dev libpng-dev libgif-dev pkg-config fonts-dejavu-core" >&2; exit 1; }
        SUDO="sudo"
    fi
    echo "installing libcairo2-dev, libpng-dev, libgif-dev, pkg-config, fonts-dejavu-core and time with apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends libcairo2-dev libpng-dev libgif-dev pkg-config fonts-dejavu-core fontconfig time >/dev/null
    if ! have_chromium; then
        echo "installing chromium (test-only: the index.html browser test) with apt-get…"
        $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null || echo "could not install chromium: the index.html browser test will fail" >&2
    fi
    have_libs || { echo "Cairo, libpng or giflib is still not found" >&2; exit 1; }
    exit 0
fi

echo "please install Cairo, libpng, giflib, pkg-config and the DejaVu fonts with your package manager" >&2
exit 1
