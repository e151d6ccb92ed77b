#!/usr/bin/env bash
# Builds the Debian package: target/debian/brief_VERSION_ARCH.deb.
#
#   scripts/package.sh
#
# 1. builds the release binary (LTO, one codegen unit, stripped: [profile.release]);
# 2. has that binary write its man page and its bash, zsh and fish completions into
#    target/assets/ (generated, never committed, so they can never disagree with the binary);
# 3. runs cargo-deb on what was built ([package.metadata.deb] in Cargo.toml lists every file).
#
# Needs dpkg-shlibdeps (package dpkg-dev) to compute the package's dependencies; installs
# cargo-deb with `cargo install cargo-deb --locked` when it is missing. Prints the .deb's path
# as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

# Without dpkg-shlibdeps cargo-deb only warns and makes a package that declares no
# dependencies: refuse instead.
if ! command -v dpkg-shlibdeps >/dev/null; then
    echo "package.sh: dpkg-shlibdeps is missing (apt-get install dpkg-dev)" >&2
    exit 1
fi

if ! cargo deb --version >/dev/null 2>&1; then
    echo "== cargo install cargo-deb --locked"
    cargo install cargo-deb --locked
fi

echo "== cargo build --release --locked"
cargo build --release --locked

echo "== man page and completions into target/assets/"
assets=target/assets
rm -rf "$assets"
mkdir -p "$assets"
# `cargo run` of what was just built: it finds the binary wherever the target folder is.
brief() { cargo run --release --locked --quiet -- "$@"; }
brief man >"$assets/brief.1"
brief completions bash >"$assets/brief.bash"
brief completions zsh >"$assets/_brief"
brief completions fish >"$assets/brief.fish"
for f in brief.1 brief.bash _brief brief.fish; do
    if [ ! -s "$assets/$f" ]; then
        echo "package.sh: $assets/$f is empty" >&2
        exit 1
    fi
done

echo "== cargo deb --no-build"
# --no-strip: the release profile strips already. Output: the path of the .deb, last.
deb=$(cargo deb --no-build --no-strip --locked | tail -n 1)
if [ ! -f "$deb" ]; then
    echo "package.sh: cargo deb did not report a package (got: $deb)" >&2
    exit 1
fi
echo "$deb"
