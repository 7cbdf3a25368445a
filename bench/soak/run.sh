#!/usr/bin/env bash
# The many-machines soak (bench/soak/README.md): PostgreSQL, Redis, three Qalam nodes and Caddy on loopback, a mixed
# load with faults, then the checks. One command; everything it starts stops when it ends.
# Usage: bench/soak/run.sh [minutes=10] [blogs=1000] [posts=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-10}
blogs=${2:-1000}
posts=${3:-100000}

need=()
[ -x "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -n1)" ] || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v caddy >/dev/null || need+=(caddy)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian's packages start their own servers where a service manager runs; the rig uses its own ports and folders.

work=$(mktemp -d /tmp/qalam-soak.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work/pg" "$work/media" "$work"/node*/search' EXIT
dotnet publish src/Qalam.Web -c Release -o "$work/app" --nologo -v quiet
testdata=$(cd .. && pwd)/shared/testdata
python3 bench/soak/soak.py --app "$work/app" --work "$work" --minutes "$minutes" --blogs "$blogs" --posts "$posts" \
  --testdata "$testdata"
echo "report and client records: $work (report.md, results/)"
