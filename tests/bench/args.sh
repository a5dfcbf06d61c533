# What every bench script starts with (sourced from the repository root,
# with the script's arguments <build-dir> <inzicht-binary>): $build and
# $bin made absolute, and $root.
build=${1:-build}
bin=${2:-bin/inzicht}
root=$(pwd)
case $bin in /*) ;; *) bin=$root/$bin ;; esac
case $build in /*) ;; *) build=$root/$build ;; esac
