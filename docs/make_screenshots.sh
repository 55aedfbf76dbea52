#!/bin/sh
# The README's screenshots, in English and Chinese, made under Xvfb from a built tree:
# the pruning workbench, and the project tour (versions, comparison table, accuracy vs MACs,
# with the figure pack written under screenshots/figure-pack).
#   docs/make_screenshots.sh [BUILD_DIR]   (default build/release)
set -eu
build=${1:-build/release}
here=$(dirname "$0")
for tool in workbench_screenshots project_screenshots; do
    for language in en zh_CN; do
        HOME=$(mktemp -d) LANG=$language.UTF-8 xvfb-run -a -s '-screen 0 1600x1000x24' \
            "$build/tools/$tool" "$here/screenshots" "$language"
    done
done
