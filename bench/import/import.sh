#!/usr/bin/env bash
# Import speed and peak memory: the Theme Unit Test export, then generated exports of growing size (the generator
# is bench/import/generate-wxr.py), each into a new blog of a fresh SQLite database, with the Release build.
# Prints posts/s (from the import's own clock, without start-up) and the process's peak resident memory, for the
# import alone (--no-similar) and for the similar-posts rebuild after it.
# Usage: bench/import/import.sh [sizes...]   (default: 1000 10000 40000)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-1000 10000 40000}")
read -r -a sizes <<< "${sizes[*]}"
out=$(mktemp -d /tmp/qalam-import-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
dotnet publish src/Qalam.Web -c Release -o "$out/qalam" --nologo -v quiet

run() { # run NAME FILE [options]: prints one line per measurement
  local name=$1 file=$2; shift 2
  rm -f "$out/bench.db"*
  export Storage__ConnectionString="Data Source=$out/bench.db" Qalam__SampleContent=false
  "$out/qalam/qalam" blogs create --handle bench --title Bench --language fa >/dev/null
  /usr/bin/time -v "$out/qalam/qalam" import wordpress "$file" --blog bench "$@" > "$out/log" 2> "$out/time" || true
  local finished rss
  finished=$(grep -o 'Finished in .*' "$out/log" || grep -m1 -o 'Out of memory.*' "$out/log" || echo failed)
  rss=$(awk '/Maximum resident/ {printf "%.0f", $6/1024}' "$out/time")
  printf '%-32s %-44s peak %5s MiB  %s\n' "$name" "$finished" "$rss" "$(grep -o 'Similar posts recomputed in .*' "$out/log" || echo '(similar posts not recomputed)')"
}

run "themeunittestdata (79 posts)" ../shared/testdata/wordpress/themeunittestdata.wordpress.xml
for n in "${sizes[@]}"; do
  python3 bench/import/generate-wxr.py "$n" > "$out/generated.xml"
  bytes=$(stat -c %s "$out/generated.xml")
  run "generated $n posts ($((bytes / 1048576)) MiB)" "$out/generated.xml" --no-similar
done
# Streaming, shown: the largest file again with the managed heap capped at 64 MiB; it fails with "Out of memory" if
# an import ever holds on to what it has read.
DOTNET_GCHeapHardLimit=0x4000000 run "generated ${sizes[-1]} posts, 64 MiB GC heap" "$out/generated.xml" --no-similar
n=${sizes[1]:-${sizes[0]}}
python3 bench/import/generate-wxr.py "$n" > "$out/generated.xml"
run "generated $n posts + similar" "$out/generated.xml"
