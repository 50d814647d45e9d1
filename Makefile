# lossmap: the two quick-start commands.
#   make render   renders every config in config/ into output/
#   make test     runs the test suite (and the TOML conformance suite when ../shared/toml-test exists)
# Both first install what the build needs (Cairo, libpng, pkg-config, a font) if it is missing.

SWIFT ?= swift
CONFIGS ?= config
OUTPUT ?= output

.PHONY: render test fuzz build release deps bench clean

render: deps release
	.build/release/lossmap render $(CONFIGS) --output $(OUTPUT)

test: deps
	$(SWIFT) test
	$(SWIFT) build --product lossmap
	@if [ -d ../shared/toml-test ]; then \
		python3 ../shared/toml-test/run.py -- .build/debug/lossmap toml-decode; \
	else echo "../shared/toml-test not found: TOML conformance suite skipped"; fi

# The config fuzzer for a fixed number of inputs (CI runs this after the tests); see fuzz/README.md.
fuzz: deps
	RUNS=$${RUNS:-100000} bash fuzz/run.sh

build: deps
	$(SWIFT) build

# The release binary starts fast, since render and check start a worker process too: the Swift
# runtime and Foundation linked in statically (no 15 libraries to load and bind) and no
# position-independent executable (83,000 relocations fewer to apply at every start; the
# executable is then not placed at a random address). Start-up: 10-12 ms -> 6 ms for `list`.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product lossmap -Xlinker --no-pie

deps:
	@scripts/install-deps.sh

clean:
	rm -rf .build
