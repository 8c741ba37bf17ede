#!/usr/bin/env bash
# install-deps.sh [run|build|test|package|windows]
#
# Installs the Debian/Ubuntu packages that pocketmap needs for MODE (default
# test) and checks that Go 1.26 or later is there. Packages already installed
# are left alone, so a second run only asks dpkg and takes well under a
# second; apt-get runs only when something is missing.
#
#   build    C toolchain and the X11/OpenGL headers that Fyne (GLFW) builds with
#   run      build, plus the Mesa OpenGL drivers a desktop session draws with
#   test     run, plus Xvfb, xauth and ImageMagick for the screenshot smoke
#            test, GDAL (ogrinfo) to read the exported GeoPackage,
#            PostgreSQL and PostGIS for the server store's tests (a
#            throwaway server in a temporary directory; the packaged
#            cluster is not used), and MinGW-w64 for the Windows
#            cross-build (`make windows`)
#   package  build, plus xz-utils for the .tar.xz that `fyne package` writes
#            and MinGW-w64 (x86_64-w64-mingw32-gcc) for the Windows .exe
#   windows  only MinGW-w64, for `make windows`
set -euo pipefail

mode=${1:-test}

build_pkgs=(gcc libc6-dev pkg-config libgl-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev)
desktop_pkgs=(libgl1-mesa-dri)
smoke_pkgs=(xvfb xauth imagemagick)
# GDAL's ogrinfo reads the exported GeoPackage, as QGIS would.
gis_pkgs=(gdal-bin)
# The server store's tests start their own PostgreSQL with PostGIS.
pg_pkgs=(postgresql postgresql-postgis)
# C cross-compiler for GOOS=windows GOARCH=amd64 (GLFW and go-gl are cgo).
windows_pkgs=(gcc-mingw-w64-x86-64)

case $mode in
build) pkgs=("${build_pkgs[@]}") ;;
run) pkgs=("${build_pkgs[@]}" "${desktop_pkgs[@]}") ;;
test) pkgs=("${build_pkgs[@]}" "${desktop_pkgs[@]}" "${smoke_pkgs[@]}" "${gis_pkgs[@]}" "${pg_pkgs[@]}" "${windows_pkgs[@]}") ;;
package) pkgs=("${build_pkgs[@]}" xz-utils "${windows_pkgs[@]}") ;;
windows) pkgs=("${windows_pkgs[@]}") ;;
-h | --help)
	sed -n '2,19s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "install-deps: unknown mode '$mode' (want run, build, test, package or windows)" >&2
	exit 2
	;;
esac

say() { echo "install-deps: $*" >&2; }

# --- Go --------------------------------------------------------------------
check_go() {
	local gobin ver major minor
	if command -v go >/dev/null 2>&1; then
		gobin=$(command -v go)
	elif [[ -x /usr/local/go/bin/go ]]; then
		gobin=/usr/local/go/bin/go
	else
		say "Go is not installed: no 'go' on PATH and no /usr/local/go/bin/go."
		say "Install Go 1.26 or later from https://go.dev/dl/ into /usr/local/go"
		say "and add /usr/local/go/bin to PATH, then run this again."
		return 1
	fi
	ver=$("$gobin" env GOVERSION 2>/dev/null || true)
	if [[ ! $ver =~ ^go([0-9]+)\.([0-9]+) ]]; then
		say "cannot tell the version of $gobin (got '$ver'); pocketmap needs Go 1.26 or later"
		return 1
	fi
	major=${BASH_REMATCH[1]}
	minor=${BASH_REMATCH[2]}
	if ((major < 1 || (major == 1 && minor < 26))); then
		say "$gobin is $ver, but pocketmap needs Go 1.26 or later."
		say "Install Go 1.26 from https://go.dev/dl/ into /usr/local/go and put"
		say "/usr/local/go/bin first on PATH."
		return 1
	fi
	say "using $gobin ($ver)"
}

# --- Debian packages ---------------------------------------------------------
install_pkgs() {
	if ! command -v dpkg-query >/dev/null 2>&1; then
		say "dpkg-query not found: this is not a Debian/Ubuntu system."
		say "Install the equivalents of: ${pkgs[*]}"
		return 0
	fi
	local p status missing=()
	for p in "${pkgs[@]}"; do
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		if [[ $status != "install ok installed" ]]; then
			missing+=("$p")
		fi
	done
	if ((${#missing[@]} == 0)); then
		say "all ${#pkgs[@]} packages for '$mode' are installed"
		return 0
	fi

	local sudo=()
	if ((EUID != 0)); then
		if ! command -v sudo >/dev/null 2>&1; then
			say "missing packages: ${missing[*]}"
			say "not root and sudo is not installed; as root run:"
			say "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
			return 1
		fi
		sudo=(sudo)
	fi
	say "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -q
	"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

check_display() {
	if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
		say "warning: neither DISPLAY nor WAYLAND_DISPLAY is set; 'make run' needs a desktop session"
		say "(to try it headless: xvfb-run -a go run ./cmd/pocketmap)"
	fi
}

check_go
install_pkgs
if [[ $mode == run ]]; then
	check_display
fi
