#!/usr/bin/env bash
# Two builds of brief side by side, interleaved (A B A B ...): the reader's peak memory (VmHWM)
# and CPU after a warm and after a first start, and the peak memory of `brief check`.
# Peak memory does not depend on the load of the machine; wall times do (run on a quiet one).
#
#   scripts/memory-ab.sh WHAT ROUNDS PTY_BENCH CORPUS BIN...
#
# WHAT: warm (a kept cache, written by an untimed first start), cold (an empty cache each run), or
# check. PTY_BENCH: target/release/examples/pty_bench. CORPUS: a folder made by
# `gen_corpus N DIR`. Runs `brief` in a scratch HOME, so the user's flags and cache are never
# touched. Prints one line per run: the binary, the round, then pty_bench's figures.
set -euo pipefail
what=$1 rounds=$2 pty=$3 corpus=$4
shift 4
count=$(find "$corpus" -name '*.toml' -o -name '*.json' | wc -l)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/config
export XDG_STATE_HOME=$scratch/home/state BRIEF_STATE_DIR=$scratch/home/state/brief
mkdir -p "$HOME"
if [[ $what == warm ]]; then
  # Each binary's cache, written by a first start that is not counted.
  n=0
  for bin in "$@"; do
    n=$((n + 1))
    "$pty" startup "$bin" "$corpus" --count "$count" --runs 1 --cols 200 --rows 60 \
      --cache "$scratch/cache-$n" >/dev/null 2>&1
  done
fi
for round in $(seq 1 "$rounds"); do
  n=0
  for bin in "$@"; do
    n=$((n + 1))
    load=$(cut -d' ' -f1 /proc/loadavg)
    case $what in
    check)
      kib=$( { /usr/bin/time -f %M "$bin" check "$corpus" >/dev/null; } 2>&1 | tail -1)
      echo "$bin round $round load $load: check peak ${kib} KiB"
      ;;
    warm | cold)
      cache=()
      [[ $what == warm ]] && cache=(--cache "$scratch/cache-$n")
      line=$("$pty" startup "$bin" "$corpus" --count "$count" --runs 1 --cols 200 --rows 60 \
        "${cache[@]}" 2>/dev/null | grep '^JSON' | sed 's/^JSON //')
      echo "$bin round $round load $load: $(echo "$line" | jq -c '{list_ms: .list_shown_ms.median, all_ms: .all_shown_ms.median, peak_kib: .reader_vm_hwm_kib.median, cpu_ms: .reader_cpu_ms.median}')"
      ;;
    esac
  done
done
