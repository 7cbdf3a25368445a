#!/usr/bin/env bash
# Fresh lists under a burst: a site on a loopback port takes N posts of Hamshahri's feed through the API, each as soon
# as the last was accepted, while its background rebuilder works; prints the time from save to a full list of the
# post's own and to a place in another post's list (p50, p95), and P@5 of the lists as the burst left them against a
# full rebuild's. Usage: bench/relevance/freshness.sh [N]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/relevance/data.sh
dotnet run -c Release --project bench/Qalam.Relevance -- --hamshahri "$cache/hamshahri.json" --freshness "${1:-1000}"
