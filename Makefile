# lossmap: the two quick-start commands.
#   make render   renders every config in config/ into output/
#   make test     runs the test suite (and the TOML conformance suite when ../shared/toml-test exists)
# Both first install what the build needs (Cairo, libpng, pkg-config, a font) if it is missing.

SWIFT ?= swift
CONFIGS ?= config
OUTPUT ?= output

PREFIX ?= /usr/local

.PHONY: render test fuzz build release deps bench clean install uninstall

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

# Installs the release binary, its man page (generated from the command's own help by
# swift-argument-parser's generate-manual plugin) and bash, zsh and fish completions under
# $(DESTDIR)$(PREFIX): bin/, share/man/man1/, share/bash-completion/completions/,
# share/zsh/site-functions/ and share/fish/vendor_completions.d/.
install: release
	$(SWIFT) package plugin generate-manual
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 .build/release/lossmap "$(DESTDIR)$(PREFIX)/bin/lossmap"
	install -m 644 "$$(find .build/plugins/GenerateManual/outputs -name lossmap.1 | head -n 1)" "$(DESTDIR)$(PREFIX)/share/man/man1/lossmap.1"
	.build/release/lossmap --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/lossmap"
	.build/release/lossmap --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lossmap"
	.build/release/lossmap --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lossmap.fish"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/lossmap" "$(DESTDIR)$(PREFIX)/share/man/man1/lossmap.1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions/lossmap" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lossmap" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lossmap.fish"

deps:
	@scripts/install-deps.sh

clean:
	rm -rf .build
