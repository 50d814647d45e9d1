#!/usr/bin/env bash
# Peak memory, time and error size of lossmap on inputs at (and past) its documented limits
# (issue 13): 150 MB and endless standard input to `toml-decode`, and data files of 128 MiB
# (the data limit) made of commas, of one bad field, of short bad lines, and a million good
# rows, each through `check`. Too slow for the debug-built tests; run after
# `make release` (or pass the binary). Needs GNU time (/usr/bin/time).
set -euo pipefail
# The data files live in a temporary folder outside the working directory: allowed explicitly.
cd "$(dirname "$0")/.."
lossmap=$(realpath "${1:-.build/release/lossmap}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'EOF'
import random, sys
folder = sys.argv[1]
n = 128 << 20
open(f"{folder}/commas.csv", "wb").write(b"," * n)
open(f"{folder}/field.csv", "wb").write(b"1,2," + b"x" * (n - 5) + b"\n")
open(f"{folder}/lines.csv", "wb").write(b",,,,\n" * (n // 5))
random.seed(1)
with open(f"{folder}/million.csv", "w") as f:
    for _ in range(1_000_000):
        f.write(f"{random.uniform(-1, 1):.6f},{random.uniform(-1, 1):.6f},{random.randint(0, 1)}\n")
for name in ["commas", "field", "lines", "million"]:
    open(f"{folder}/{name}.toml", "w").write(f"""title = "{name}"
[surface]
model = "perceptron"
data = "{name}.csv"
w1 = [-4.0, 4.0]
w2 = [-4.0, 4.0]
resolution = 16
[optimizer]
steps = 5
learning_rates = [0.1]
""")
EOF
truncate -s 150000000 "$work/huge.toml"

measure() {  # label, command…
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || true
    read -r seconds kib < <(tail -n 1 "$work/time")
    printf "  %-44s %7.2f s %8.1f MiB peak %10d bytes of errors\n" "$label" "$seconds" "$(echo "$kib / 1024" | bc -l)" "$(wc -c < "$work/err")"
}

echo "lossmap on hostile input ($lossmap):"
measure "toml-decode < 150 MB file" sh -c "\"$lossmap\" toml-decode < \"$work/huge.toml\""
measure "toml-decode < /dev/zero (1 GB address limit)" sh -c "ulimit -v 1000000; \"$lossmap\" toml-decode < /dev/zero"
measure "head -c 150000000 /dev/zero | toml-decode" sh -c "head -c 150000000 /dev/zero | \"$lossmap\" toml-decode"
measure "check: 128 MiB of commas" "$lossmap" check --allow-outside-data "$work/commas.toml"
measure "check: a field of 128 MiB" "$lossmap" check --allow-outside-data "$work/field.toml"
measure "check: 128 MiB of lines ',,,,'" "$lossmap" check --allow-outside-data "$work/lines.toml"
measure "check: 1,000,000 good rows (21 MB)" "$lossmap" check --allow-outside-data "$work/million.toml"
