#!/usr/bin/env bash
# package.sh [linux=OUT.tar.xz] [windows=OUT.exe]
#
# Builds pocketmap's release packages with the fyne tool (fyne.io/tools,
# pinned below) and writes them to the given paths:
#
#   linux=FILE    the Linux archive for this machine's GOARCH (usr/ tree,
#                 .desktop file, icon and a Makefile to install it), .tar.xz
#   windows=FILE  the Windows amd64 executable, cross-compiled with MinGW-w64
#                 ($WIN_CC, default x86_64-w64-mingw32-gcc), with the icon,
#                 version information and manifest embedded (a .syso that
#                 `fyne package -os windows` generates)
#
# Both are release builds (-trimpath, -s -w, tag release) with the metadata
# of the root FyneApp.toml (name, ID, version, build number, icon) compiled
# in. The fyne tool writes into the source directory while it works (a
# metadata .go file, fyne.syso, the binary) and bumps the build number of a
# FyneApp.toml that it finds there, so it runs on a copy of the working tree
# in a temporary directory: the real tree (cmd/pocketmap, FyneApp.toml) is
# never written to, and a package build cannot break a build running next to
# it. The builds are -trimpath, so Go's build cache is shared with earlier
# runs regardless of where the copy is.
#
# The Windows executable is checked with tools/pecheck (PE32+, AMD64, GUI).
set -euo pipefail

fyne_tool=fyne.io/tools/cmd/fyne@v1.7.4
win_cc=${WIN_CC:-x86_64-w64-mingw32-gcc}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="/usr/local/go/bin:$PATH"

say() { echo "package: $*" >&2; }
die() {
	say "$*"
	exit 1
}

linux_out="" windows_out=""
for arg in "$@"; do
	case $arg in
	linux=?*) linux_out=${arg#linux=} ;;
	windows=?*) windows_out=${arg#windows=} ;;
	-h | --help)
		sed -n '2,25s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "usage: $0 [linux=OUT.tar.xz] [windows=OUT.exe]" >&2
		exit 2
		;;
	esac
done
if [[ -z $linux_out && -z $windows_out ]]; then
	echo "usage: $0 [linux=OUT.tar.xz] [windows=OUT.exe]" >&2
	exit 2
fi

# --- metadata from FyneApp.toml ----------------------------------------------
toml() {
	sed -n "s/^$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*\$/\1/p" FyneApp.toml
}
name=$(toml Name) id=$(toml ID) version=$(toml Version) build=$(toml Build) icon=$(toml Icon)
for v in name id version build icon; do
	[[ -n ${!v} ]] || die "FyneApp.toml has no ${v^} (want Name, ID, Version, Build and Icon under [Details])"
done
[[ -f $icon ]] || die "icon $icon (FyneApp.toml) not found"
toml_sum=$(cksum <FyneApp.toml)

if [[ -n $windows_out ]] && ! command -v "$win_cc" >/dev/null 2>&1; then
	die "C cross-compiler '$win_cc' not found; run scripts/install-deps.sh package"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pocketmap-package.XXXXXX")
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
src=$work/src
mkdir -p "$src" "$work/bin"

# --- copy of the working tree --------------------------------------------------
# The files git knows or would add (tracked and untracked, not ignored), as
# they are on disk now; without git, everything but .git and build outputs.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
	[[ $(git rev-parse --show-toplevel) == "$root" ]] &&
	git ls-files -z --cached --others --exclude-standard >"$work/files"; then
	while IFS= read -r -d '' f; do
		if [[ -e $f ]]; then printf '%s\0' "$f"; fi
	done <"$work/files" | tar -cf - --null -T - | tar -xf - -C "$src"
else
	tar -cf - --exclude=./.git --exclude=./bin --exclude=./dist --exclude=./out \
		--exclude=./pocketmap --exclude='*.tar.xz' --exclude='*.exe' . | tar -xf - -C "$src"
fi
[[ -f $src/go.mod && -d $src/cmd/pocketmap ]] || die "the copy of the tree in $src has no go.mod or cmd/pocketmap"

# The tool is installed rather than `go run`: a CC for Windows in the
# environment would otherwise be used to build the tool itself.
say "installing $fyne_tool"
GOBIN=$work/bin go install "$fyne_tool"
fyne=$work/bin/fyne
go build -o "$work/bin/pecheck" ./tools/pecheck

fyne_package() {
	(cd "$src" && "$fyne" package -release -src cmd/pocketmap \
		-name "$name" -app-id "$id" -app-version "$version" -app-build "$build" \
		-icon "$src/$icon" "$@")
}

put() { # put FROM TO
	mkdir -p "$(dirname "$2")"
	cp "$1" "$2.tmp"
	mv "$2.tmp" "$2"
}

if [[ -n $linux_out ]]; then
	say "building the Linux package ($name $version build $build, $(go env GOOS)/$(go env GOARCH))"
	SECONDS=0
	fyne_package -os linux
	[[ -f $src/$name.tar.xz ]] || die "fyne package did not write $name.tar.xz"
	put "$src/$name.tar.xz" "$linux_out"
	say "wrote $linux_out ($(du -h "$linux_out" | cut -f1), ${SECONDS}s)"
fi

if [[ -n $windows_out ]]; then
	say "building the Windows executable ($name $version build $build, windows/amd64, CC=$win_cc)"
	SECONDS=0
	CC=$win_cc GOARCH=amd64 fyne_package -os windows
	exe=$src/cmd/pocketmap/$name.exe
	[[ -f $exe ]] || die "fyne package did not write cmd/pocketmap/$name.exe"
	"$work/bin/pecheck" "$exe" >/dev/null
	put "$exe" "$windows_out"
	say "wrote $windows_out ($(du -h "$windows_out" | cut -f1), ${SECONDS}s)"
fi

if [[ $(cksum <FyneApp.toml) != "$toml_sum" ]]; then
	die "FyneApp.toml changed while packaging; it must not (the build number is set by hand)"
fi
