#!/bin/sh
# The README's workbench screenshots, in English and Chinese, made under Xvfb from a built
# tree: docs/make_screenshots.sh [BUILD_DIR]   (default build/release)
set -eu
build=${1:-build/release}
here=$(dirname "$0")
for language in en zh_CN; do
    HOME=$(mktemp -d) LANG=$language.UTF-8 xvfb-run -a -s '-screen 0 1600x1000x24' \
        "$build/tools/workbench_screenshots" "$here/screenshots" "$language"
done
