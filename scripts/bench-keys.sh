#!/bin/sh
# Key press to first byte, before and after a change, in turn (A B A B ...), so that a busy
# machine weighs on both alike. Each run is `pty_bench keys` on DIR at COLSxROWS: a first
# start in a scratch home, then MOVES presses of `j` in the list (BENCHMARKS.md).
#
#   scripts/bench-keys.sh BEFORE AFTER DIR COUNT [ROUNDS] [MOVES] [COLS] [ROWS]
#
# BEFORE and AFTER are two `brief` binaries; PTY_BENCH names pty_bench (default:
# target/release/examples/pty_bench). Prints one line per run (median, p95, bytes a move,
# bytes a changed cell, the reader's main-thread CPU time a move) and keeps the JSON of each run in $OUT (default: a temporary folder).
set -eu
[ $# -ge 4 ] || { sed -n 2,11p "$0"; exit 2; }
before=$1 after=$2 dir=$3 count=$4
rounds=${5:-3} moves=${6:-100} cols=${7:-200} rows=${8:-60}
bench=${PTY_BENCH:-target/release/examples/pty_bench}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); runs kept in $out"
round=1
while [ "$round" -le "$rounds" ]; do
    for side in before after; do
        if [ "$side" = before ]; then bin=$before; else bin=$after; fi
        json="$out/$side-$round.json"
        "$bench" keys "$bin" "$dir" --count "$count" --moves "$moves" --cols "$cols" \
            --rows "$rows" 2>/dev/null | sed -n 's/^JSON //p' >"$json"
        python3 - "$json" "$side" "$round" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))["moves"]
l = m["latency_ms"]
print(f"{sys.argv[2]:6} round {sys.argv[3]}: key p50 {l['median']:.2f} ms, p95 {l['p95']:.2f} ms, "
      f"max {l['max']:.1f} ms; bytes a move {m['bytes']['median']:.0f}, "
      f"a changed cell {m['bytes_per_changed_cell']:.2f}; main thread CPU a move "
      f"{m.get('main_thread_cpu_ms_per_move') or float('nan'):.2f} ms")
EOF
    done
    round=$((round + 1))
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
