#!/usr/bin/env bash
# Sending one post to many subscribers: N confirmed subscribers (default 100,000) of one blog in a fresh SQLite
# database, one post published through the API, the Release build sending through a counting SMTP server on
# loopback (bench/mail/sink.py) with no pacing (Mail:MaxPerMinute=0). Prints mails per second from the first to the
# last message the server took, the time from publishing to the last one, the distinct Message-Ids (a duplicate
# would show as fewer than N), the node's peak resident memory and the database's size after.
# Usage: bench/mail/send.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
out=$(mktemp -d /tmp/qalam-mail-bench.XXXXXX)
cleanup() { for pid in ${qalam_pid:-} ${sink_pid:-}; do kill "$pid" 2>/dev/null || true; done; rm -rf "$out"; }
trap cleanup EXIT
dotnet publish src/Qalam.Web -c Release -o "$out/qalam" --nologo -v quiet
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
smtp=$(free_port); http=$(free_port)
export Storage__ConnectionString="Data Source=$out/bench.db" Qalam__SampleContent=false DOTNET_ENVIRONMENT=Production \
  Search__IndexDirectory="$out/search" Media__Directory="$out/media"
"$out/qalam/qalam" migrate >/dev/null
"$out/qalam/qalam" users create --email owner@bench.test --password 'a long bench passphrase' >/dev/null
"$out/qalam/qalam" blogs create --handle bench --title Bench --language fa --owner owner@bench.test >/dev/null
token=$("$out/qalam/qalam" tokens create --email owner@bench.test)
python3 - "$out/bench.db" "$n" <<'PY'
import secrets, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2])
blog = db.execute("select id from blogs where handle='bench'").fetchone()[0]
now = "2026-01-01 00:00:00"
db.executemany("insert into subscribers (blog_id, email, mode, token, source, created_at, confirmed_at) values (?,?,0,?,0,?,?)",
               ((blog, f"reader{i}@bench.test", secrets.token_urlsafe(32), now, now) for i in range(n)))
db.commit()
PY
python3 bench/mail/sink.py "$smtp" "$out/sink" & sink_pid=$!
Mail__Host=127.0.0.1 Mail__Port=$smtp Mail__Security=None Mail__From=blog@bench.test Mail__MaxPerMinute=0 Mail__PollInterval=00:00:01 \
  Qalam__PublicOrigin=http://127.0.0.1:$http Subscriptions__PollInterval=00:00:01 \
  "$out/qalam/qalam" --urls "http://127.0.0.1:$http" > "$out/log" 2>&1 & qalam_pid=$!
until curl -sf "http://127.0.0.1:$http/bench" >/dev/null; do sleep 0.5; done
start=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"نامه‌ای به همه","body":"یک بند فارسی با **Hafez** و حافظ.\n\nAnd an English line.","status":"published"}' \
  "http://127.0.0.1:$http/api/v1/blogs/bench/posts" >/dev/null
while true; do
  read -r count distinct first last < "$out/sink" || true
  [ "${count:-0}" -ge "$n" ] && break
  kill -0 "$qalam_pid" || { echo "qalam stopped"; tail -20 "$out/log"; exit 1; }
  sleep 1
done
sleep 2; read -r count distinct first last < "$out/sink"
peak=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$qalam_pid/status")
# The reference, in the same run: the same sink fed by Python's smtplib over one connection, as fast as it goes.
kill "$qalam_pid"; wait "$qalam_pid" 2>/dev/null || true; qalam_pid=
reference=$(python3 - "$smtp" "$((n / 5))" <<'PY'
import smtplib, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
body = "Subject: reference\r\nMessage-Id: <ref-{}@bench.test>\r\n\r\n" + "A line of text.\r\n" * 60
with smtplib.SMTP("127.0.0.1", port) as smtp:
    start = time.time()
    for i in range(n):
        smtp.sendmail("blog@bench.test", [f"ref{i}@bench.test"], body.format(i))
    print(f"{n / (time.time() - start):.0f}")
PY
)
echo "reference: the sink alone takes $reference mails/s from one smtplib connection"
python3 - "$n" "$count" "$distinct" "$first" "$last" "$start" "$peak" "$(du -m "$out/bench.db" | cut -f1)" <<'PY'
import sys
n, count, distinct = map(int, sys.argv[1:4]); first, last, start = map(float, sys.argv[4:7]); peak, size = sys.argv[7], sys.argv[8]
print(f"{n} subscribers: {count} mails ({distinct} distinct Message-Ids), {count / (last - first):.0f} mails/s between the first and the last, "
      f"{last - start:.1f} s from publishing to the last; qalam peak RSS {peak} MiB; database {size} MiB after")
PY
