#!/usr/bin/env bash
# Renders the README's figures into docs/images at 1200×750 (smaller files than the
# configs' own 1600×1000; the layout scales with the size). Run after `make release`.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
figures=(
  "config/rosenbrock-step-sizes.toml:rosenbrock-step-sizes.png"
  "config/lecture/6-four-steps-side-by-side.toml:lecture-grid.png"
  "config/lecture/5-how-large-a-step.toml:lecture-sweep.png"
  "config/formula-sine-valley-dark.toml:formula-dark.png"
  "config/lecture/1-error-surface.toml:lecture-error-surface.png"
  "config/lecture/7-loss-after-each-step.toml:lecture-loss-curve.png"
  "config/lecture/9-walking-together.toml:lecture-walking-together.gif"
  "config/lecture/0-the-mountain.toml:lecture-mountain.png"
  "config/lecture/11-mountain-and-map.toml:lecture-mountain-and-map.png"
  "config/lecture/12-huge-step-numbered.toml:lecture-numbered-steps.png"
  "config/lecture/13-what-each-step-is-made-of.toml:lecture-step-arrows.png"
  "config/lecture/14-one-step-explained.toml:lecture-one-step-explained.png"
  "config/lecture/16-momentum-phase-diagram.toml:lecture-phase-diagram.png"
  "config/lecture/18-big-steps-first.toml:lecture-schedule.png"
  "config/lecture/17-feels-only-part.toml:lecture-minibatch.png"
  "config/imported-landscape.toml:imported-landscape.png"
  "config/network-two-moons.toml:network-two-moons.png"
)
for entry in "${figures[@]}"; do
  config=${entry%%:*}
  name=${entry##*:}
  folder=$(dirname "$config")
  # Same folder as the original, so data paths resolve; a hidden name so nothing else sees it.
  copy="$folder/.readme-$name.toml"
  sed -e 's/^size = .*$//' -e "s/^output = .*$//" "$config" > "$copy"
  { echo "size = [1200, 750]"; echo "output = \"$name\""; cat "$copy"; } > "$copy.tmp" && mv "$copy.tmp" "$copy"
  .build/release/lossmap render "$copy" --output "$work" --quiet --force || { rm -f "$copy"; exit 1; }
  rm -f "$copy"
  cp "$work/$name" "docs/images/$name"
done
ls -la docs/images
