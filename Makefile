# pocketmap: build, run, test and package (GNU make).
#
#   make run      install what is needed, start the app on the embedded sample
#   make test     install what is needed, vet, unit tests, build, Xvfb smoke test,
#                 Windows cross-build checked with tools/pecheck
#   make build    build bin/pocketmap
#   make bench    run the benchmarks
#   make fuzz     fuzz every file reader for FUZZTIME each (default 10m);
#                 `make test` replays their seed corpora
#   make package  release packages in dist/: pocketmap-VERSION-linux-ARCH.tar.xz
#                 and pocketmap-VERSION-windows-amd64.exe (cross-compiled)
#   make windows  cross-compile bin/pocketmap.exe for Windows (amd64, MinGW-w64)
#   make golden   rewrite render's golden images (look at them before committing)
#   make icon     redraw assets/icon.png
#   make clean    remove build outputs (the Go build cache is kept)
#
# Go's default build and module caches are used, so a second run rebuilds
# only what changed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

# Go 1.26 from https://go.dev/dl/ lives in /usr/local/go.
export PATH := /usr/local/go/bin:$(PATH)

GO      ?= go
BIN     := bin/pocketmap
WIN_EXE := bin/pocketmap.exe
DEPS    := scripts/install-deps.sh

# Application name and version, read from FyneApp.toml (the one place where
# they are written down) for the names of the packages. scripts/package.sh
# reads the rest of the metadata there and pins the fyne tool's version.
toml = $(shell sed -n 's/^$(1)[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$$/\1/p' FyneApp.toml)
APP_NAME    := $(call toml,Name)
APP_VERSION := $(call toml,Version)

.PHONY: run test build bench fuzz package windows golden icon clean
.PHONY: loadtest deps-run deps-test deps-build deps-package deps-windows

deps-run deps-test deps-build deps-package deps-windows: deps-%:
	$(DEPS) $*

run: deps-run
	$(GO) run ./cmd/pocketmap

# The server store's tests need PostgreSQL (installed by deps-test): under
# make test a missing server is a failure, not a skip.
PGREQUIRE := POCKETMAP_REQUIRE_PG=1

test: deps-test
	$(GO) vet -tags ci ./...
	$(PGREQUIRE) $(GO) test -tags ci ./...
	$(GO) build -o $(BIN) ./cmd/pocketmap
	scripts/smoke.sh $(BIN)
	$(MAKE) --no-print-directory windows
	$(GO) run ./tools/pecheck $(WIN_EXE)
	if command -v file >/dev/null 2>&1; then file $(WIN_EXE); fi

build: deps-build
	$(GO) build -o $(BIN) ./cmd/pocketmap

# The office server under 16 concurrent workstations for 60 s (saves,
# edits, undos, stale copies): every acknowledged save present, conflicts
# reported as conflicts, p50/p95 save latency logged.
loadtest: deps-test
	POCKETMAP_LOAD=1 POCKETMAP_LOAD_SECONDS=$${POCKETMAP_LOAD_SECONDS:-60} $(GO) test -count=1 -run TestLoad -v -timeout 15m ./pgstore

bench:
	$(GO) test -run XX -bench . -benchmem ./...

# The fuzz targets: package and function. New readers add theirs here.
FUZZ_TARGETS := geo:FuzzReadGeoJSON ingest:FuzzReadCSV ingest:FuzzReadHouseholdsCSV \
	ingest:FuzzReadHouseholdsXLSX ingest:FuzzReadPoints store:FuzzDecodeGeom shp:FuzzReadShp \
	gpkg:FuzzDecodeGeometry
FUZZTIME ?= 10m
FUZZPARALLEL ?= $(shell nproc)
# Go minimizes every new interesting input for up to a minute by default;
# a workbook is a zip, so that minute is spent on every one of them and
# FuzzReadHouseholdsXLSX hardly fuzzes. Five seconds keep it fuzzing.
FUZZMINIMIZE ?= 5s

fuzz:
	for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t#*:}; \
		echo "fuzz: $$fn in ./$$pkg for $(FUZZTIME)"; \
		$(GO) test -run XX -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) -parallel $(FUZZPARALLEL) ./$$pkg || exit 1; \
	done

# Both packages are release builds made with the fyne tool (-trimpath, -s -w,
# tag release) with the metadata of FyneApp.toml compiled in; the .exe also
# carries the icon and version information. scripts/package.sh runs the tool
# on a copy of the working tree, because the tool writes into the source
# directory (and would bump the build number of a FyneApp.toml there): the
# tree and FyneApp.toml are left as they are. The Linux archive holds a usr/
# tree, the .desktop file, the icon and a Makefile for `sudo make install`.
package: deps-package
	scripts/package.sh \
		linux=dist/$(APP_NAME)-$(APP_VERSION)-linux-$$($(GO) env GOARCH).tar.xz \
		windows=dist/$(APP_NAME)-$(APP_VERSION)-windows-amd64.exe

# The same release build of the .exe as in `make package`, so that both share
# Go's build cache: the first cross-build compiles GLFW and OpenGL with MinGW
# (minutes), later ones only what changed (seconds). `make test` runs it and
# checks the result with tools/pecheck.
windows: deps-windows
	scripts/package.sh windows=$(WIN_EXE)

golden:
	$(GO) test ./render -update
	$(GO) test -tags ci ./ui -run "MainWindowImage|PresentationImage" -update

icon:
	$(GO) run ./tools/icon -o assets/icon.png

clean:
	rm -rf bin dist out $(APP_NAME).tar.xz
