# Shared by the load scripts: installs wrk if missing, publishes Qalam and the minimal endpoint (Release) into a
# temporary folder, and stops every server the script started when it exits. Source it from the repository root.
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

out=$(mktemp -d /tmp/qalam-bench.XXXXXX)
dotnet publish src/Qalam.Web -c Release -o "$out/qalam" --nologo -v quiet
dotnet publish bench/Qalam.Bench.Minimal -c Release -o "$out/minimal" --nologo -v quiet

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

# wait_for PORT...: until each loopback port answers.
wait_for() {
  for port in "$@"; do
    for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  done
}
