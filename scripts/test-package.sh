#!/usr/bin/env bash
# Tests the Debian package as an administrator would use it: builds it (scripts/package.sh),
# installs it with dpkg, checks what a user gets (the binary, the man page, the completions,
# the examples), removes and purges it, and checks that nothing it installed is left behind.
#
#   scripts/test-package.sh        # as root, or with sudo; .ci/run calls it
#
# Needs dpkg-dev (dpkg-shlibdeps, for the package's dependencies) and man-db (`man -w`).
# Refuses to run where a `brief` package is already installed: it would remove it.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi

fail() {
    echo "test-package.sh: FAIL: $*" >&2
    exit 1
}
ok() { echo "ok: $*"; }

for tool in dpkg-shlibdeps man; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install dpkg-dev man-db)"
done
status=$(dpkg-query -W -f='${Status}' brief 2>/dev/null || true)
case "$status" in
    "" | *not-installed) ;;
    *) fail "a brief package is on this machine already ($status); purge it first (dpkg -P brief)" ;;
esac

# Everything this script leaves: scratch files, and the package once installed, whatever fails.
scratch=$(mktemp -d)
installed=no
cleanup() {
    if [ "$installed" = yes ]; then "${as_root[@]}" dpkg -P brief >/dev/null 2>&1 || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

deb=$(scripts/package.sh | tail -n 1)
[ -f "$deb" ] || fail "scripts/package.sh made no package"
version=$(dpkg-deb -f "$deb" Version)
ok "built $deb (version $version)"

# What the package holds, checked in the archive itself: so a machine that keeps some paths
# out at install time (below) cannot hide a file missing from the package.
contents=$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|')
for path in /usr/bin/brief /usr/share/man/man1/brief.1.gz \
    /usr/share/bash-completion/completions/brief /usr/share/zsh/vendor-completions/_brief \
    /usr/share/fish/vendor_completions.d/brief.fish /usr/share/doc/brief/copyright \
    /usr/share/doc/brief/README.md /usr/share/doc/brief/CHANGELOG.md \
    /usr/share/doc/brief/examples/2024-09-18-qaani-baghdad.toml \
    /usr/share/doc/brief/examples/harbour-desk/2025-06-14-kestrel-strait-tanker.toml; do
    grep -qx "$path" <<<"$contents" || fail "$path is not in the package"
done
ok "the package holds the binary, man page, completions, docs and examples"
depends=$(dpkg-deb -f "$deb" Depends)
grep -q 'libc6 (>= ' <<<"$depends" || fail "Depends is '$depends', not computed from the binary"
ok "Depends: $depends"

# Debian and Ubuntu container images often tell dpkg not to install documentation
# (path-exclude=/usr/share/man/*, /usr/share/doc/* in /etc/dpkg/dpkg.cfg.d/). Say so, and
# re-include our files for this install only (a command-line option, the machine's
# configuration untouched), so that what is tested below is what the package installs.
excludes=$(grep -hs '^path-exclude' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/* || true)
if [ -n "$excludes" ]; then
    echo "note: this machine's dpkg excludes paths from every install:"
    sed 's/^/    /' <<<"$excludes"
    echo "note: re-including /usr/share/man/man1/brief.1.gz and /usr/share/doc/brief/ for this test"
fi
include=(--path-include=/usr/share/man/man1/brief.1.gz '--path-include=/usr/share/doc/brief/*')

# Each path the package lists, and whether it was on the machine before: after a purge, every
# path that was not must be gone.
before=$scratch/before
while read -r path; do
    if [ -e "$path" ]; then echo "$path"; fi
done <<<"$contents" >"$before"

installed=yes
"${as_root[@]}" dpkg "${include[@]}" -i "$deb" >/dev/null
ok "dpkg -i"

[ "$(command -v brief)" = /usr/bin/brief ] || fail "brief on PATH is $(command -v brief)"
got=$(brief --version)
[[ $got == "brief ${version%%-*}"* ]] || fail "brief --version says '$got'"
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
    [[ $got == *"commit $commit"* ]] || fail "brief --version says '$got', not commit $commit"
fi
ok "brief --version: $got"

manpage=$(man -w brief) || fail "man -w brief finds no page"
[ "$manpage" = /usr/share/man/man1/brief.1.gz ] || fail "man -w brief gives $manpage"
MANWIDTH=80 man -P cat brief 2>/dev/null | grep -q 'structured briefings' ||
    fail "man brief does not show the page's text"
ok "man -w brief: $manpage"

# The bash completion, loaded the way bash-completion loads it, completes a command's name.
completed=$(bash -c 'source /usr/share/bash-completion/completions/brief || exit 1
    COMP_WORDS=(brief chec); COMP_CWORD=1; _brief brief chec brief
    printf "%s\n" "${COMPREPLY[@]}"')
grep -qx check <<<"$completed" || fail "bash completion of 'brief chec' gives '$completed'"
ok "bash completion: brief chec<TAB> -> check"
for f in /usr/share/zsh/vendor-completions/_brief /usr/share/fish/vendor_completions.d/brief.fish; do
    [ -s "$f" ] || fail "$f is missing or empty"
done
ok "zsh and fish completions installed"

# The shipped examples pass `brief check`, run in a scratch home (check writes a list cache).
HOME=$scratch XDG_CACHE_HOME=$scratch/cache XDG_STATE_HOME=$scratch/state XDG_CONFIG_HOME=$scratch/config \
    brief check /usr/share/doc/brief/examples >"$scratch/check.out" ||
    fail "brief check /usr/share/doc/brief/examples: $(cat "$scratch/check.out")"
ok "brief check /usr/share/doc/brief/examples: $(tail -n 1 "$scratch/check.out")"

"${as_root[@]}" dpkg -r brief >/dev/null
[ ! -e /usr/bin/brief ] || fail "/usr/bin/brief is still there after dpkg -r"
# The package has no configuration files, so a removal should leave nothing to purge; purge
# anyway if dpkg still knows it.
if [ -n "$(dpkg-query -W -f='${Status}' brief 2>/dev/null | grep -v not-installed)" ]; then
    "${as_root[@]}" dpkg -P brief >/dev/null
fi
installed=no
status=$(dpkg-query -W -f='${Status}' brief 2>/dev/null || true)
case "$status" in
    "" | *not-installed) ;;
    *) fail "dpkg still knows brief after dpkg -r and -P: $status" ;;
esac
left=()
while read -r path; do
    if [ -e "$path" ] && ! grep -qx "$path" "$before"; then left+=("$path"); fi
done <<<"$contents"
[ "${#left[@]}" -eq 0 ] || fail "left behind after dpkg -P: ${left[*]}"
ok "dpkg -r and dpkg -P: nothing the package installed is left ($(wc -l <<<"$contents") paths checked)"
