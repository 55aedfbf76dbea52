#!/usr/bin/env bash
# Slimbench set-up: installs the missing Debian packages, builds Release, then runs the
# workbench ("run") or the test suite ("test"). Safe to re-run: every step is incremental.
#
#   installer/slimbench.sh run    install, build, start the GUI on the embedded default
#   installer/slimbench.sh test   install (with test extras), build, run ctest
#   installer/slimbench.sh build  install and build only
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode="${1:-run}"
build_dir="${SLIMBENCH_BUILD_DIR:-$root/build/release}"

read_list() { grep -v '^\s*#' "$1" | sed 's/\s.*//' | grep -v '^$'; }

install_missing() {
    local wanted=() missing=()
    mapfile -t wanted < <(read_list "$here/deps.txt")
    if [ "$mode" = test ]; then mapfile -t -O "${#wanted[@]}" wanted < <(read_list "$here/deps-test.txt"); fi
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    echo "slimbench: installing ${#missing[@]} Debian packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    local jobs
    jobs="$(nproc)"
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
    # LibTorch translation units take ~1.2 GB each; memory bandwidth, not cores, limits them.
    cmake --build "$build_dir" -j "$jobs"
}

case "$mode" in
    run)
        install_missing
        build
        exec "$build_dir/app/slimbench" "${@:2}"
        ;;
    test)
        install_missing
        build
        cd "$build_dir"
        QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j 2 "${@:2}"
        ;;
    build)
        install_missing
        build
        ;;
    *)
        echo "usage: $0 run|test|build" >&2
        exit 2
        ;;
esac
