# pocketmap: build, run, test and package (GNU make).
#
#   make run      install what is needed, start the app on the embedded sample
#   make test     install what is needed, vet, unit tests, build, Xvfb smoke test
#   make build    build bin/pocketmap
#   make bench    run the benchmarks
#   make package  Linux release package dist/pocketmap-VERSION-linux-ARCH.tar.xz
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

GO   ?= go
BIN  := bin/pocketmap
DEPS := scripts/install-deps.sh

# The fyne packaging tool, pinned; `go run pkg@version` caches its build.
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4

# Application metadata, read from FyneApp.toml so it is written down once.
toml = $(shell sed -n 's/^$(1)[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$$/\1/p' FyneApp.toml)
APP_NAME    := $(call toml,Name)
APP_ID      := $(call toml,ID)
APP_VERSION := $(call toml,Version)
APP_BUILD   := $(call toml,Build)
APP_ICON    := $(call toml,Icon)

.PHONY: run test build bench package golden icon clean deps-run deps-test deps-build deps-package

deps-run deps-test deps-build deps-package: deps-%:
	$(DEPS) $*

run: deps-run
	$(GO) run ./cmd/pocketmap

test: deps-test
	$(GO) vet -tags ci ./...
	$(GO) test -tags ci ./...
	$(GO) build -o $(BIN) ./cmd/pocketmap
	scripts/smoke.sh $(BIN)

build: deps-build
	$(GO) build -o $(BIN) ./cmd/pocketmap

bench:
	$(GO) test -run XX -bench . -benchmem ./...

# `fyne package` builds cmd/pocketmap in release mode (-trimpath, -s -w, tag
# release) with the metadata below compiled in, and writes NAME.tar.xz (usr/
# tree, .desktop file, icon and a Makefile to install it) in the current
# directory. The metadata is passed as flags because the tool looks for
# FyneApp.toml only in the source directory, cmd/pocketmap.
package: deps-package
	rm -f $(APP_NAME).tar.xz
	$(GO) run $(FYNE_TOOL) package -os linux -release \
		-src cmd/pocketmap \
		-name $(APP_NAME) -app-id $(APP_ID) \
		-app-version $(APP_VERSION) -app-build $(APP_BUILD) \
		-icon $(CURDIR)/$(APP_ICON)
	mkdir -p dist
	out=dist/$(APP_NAME)-$(APP_VERSION)-linux-$$($(GO) env GOARCH).tar.xz; \
		mv $(APP_NAME).tar.xz "$$out"; echo "wrote $$out"

golden:
	$(GO) test ./render -update
	$(GO) test -tags ci ./ui -run MainWindowImage -update

icon:
	$(GO) run ./tools/icon -o assets/icon.png

clean:
	rm -rf bin dist out $(APP_NAME).tar.xz
