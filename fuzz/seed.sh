#!/usr/bin/env bash
# Fills fuzz/corpus/load_toml and fuzz/corpus/load_json (gitignored) with the shipped briefings
# and the tests' fixtures, as seeds for libFuzzer. Safe to run again: it only adds files.
set -euo pipefail
cd "$(dirname "$0")/.."

seed() {
    local ext=$1 target=$2
    mkdir -p "fuzz/corpus/$target"
    find briefings tests/fixtures -type f -name "*.$ext" -print0 |
        while IFS= read -r -d '' file; do
            # One flat name per source file: tests/fixtures/valid/full.toml -> tests_fixtures_valid_full.toml
            cp "$file" "fuzz/corpus/$target/${file//\//_}"
        done
    echo "fuzz/corpus/$target: $(find "fuzz/corpus/$target" -type f | wc -l) files"
}

seed toml load_toml
seed json load_json
