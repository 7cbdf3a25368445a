#!/usr/bin/env bash
# The post page with 10,000 blogs and 1,000,000 posts in the database beside the same page with the sample
# content alone, in the same run: both servers run at once (SQLite, Release) and wrk loads them alternately.
# Usage: bench/load/many-blogs.sh [duration-seconds] [connections] [blogs] [posts]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}
blogs=${3:-10000}
posts=${4:-1000000}
. bench/load/common.sh

serve() { # serve DB PORT INDEX-DIR
  (cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$1" Search__IndexDirectory="$3" \
    exec ./qalam --urls "http://127.0.0.1:$2") & pids+=($!)
}

# The one-blog install: sample content, made by the program on its first start; then stopped so its file can be copied.
serve "$out/one.db" 5311 "$out/index-one"
wait_for 5311
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
sqlite3 "$out/one.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$out/one.db" "$out/many.db"

# The same install plus generated blogs and posts (the sample blogs are two of the $blogs), written by SQLite itself.
started=$(date +%s)
sqlite3 "$out/many.db" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $blogs - 2)
INSERT INTO blogs (handle, title, description, language, time_zone_id, calendar, comment_policy, created_at)
SELECT 'gen' || i, 'Generated blog ' || i, '', CASE WHEN i % 2 = 0 THEN 'fa' ELSE 'en' END,
       CASE WHEN i % 2 = 0 THEN 'Asia/Tehran' ELSE 'UTC' END, i % 2, 1, '2026-01-01 00:00:00' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $posts)
INSERT INTO posts (blog_id, body_html, body_markdown, created_at, excerpt, language, published_at, slug, status, title, updated_at, visit_count)
SELECT (SELECT min(id) FROM blogs WHERE handle LIKE 'gen%') + (i % ($blogs - 2)),
       '<p>Generated post ' || i || ' with a few words of text.</p>', 'Generated post ' || i || ' with a few words of text.',
       '2026-01-01 00:00:00', 'Generated post ' || i, 'en', datetime('2026-01-01', '+' || (i % 300) || ' days'), 'post-' || i, 1,
       'Generated post ' || i, '2026-01-01 00:00:00', 0 FROM n;
COMMIT;
SQL
echo "generated $(sqlite3 "$out/many.db" 'select count(*) from blogs') blogs and $(sqlite3 "$out/many.db" 'select count(*) from posts') posts in $(( $(date +%s) - started )) s"

serve "$out/one.db" 5311 "$out/index-one"
serve "$out/many.db" 5312 "$out/index-many"
wait_for 5311 5312
# Each node fills its search index from the database in the background at start; wait until that is done, so that the
# comparison is of serving pages, not of a node busy indexing a million posts.
started=$(date +%s)
curl -fs -o /dev/null "http://127.0.0.1:5312/dariche/search?q=x"
echo "the many-blog node's search index caught up in $(( $(date +%s) - started )) s"

path="/dariche/posts/$(python3 -c 'import urllib.parse;print(urllib.parse.quote("فال-حافظ-در-شب-یلدا"))')"
ua="Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
rps() { wrk -t2 -c"$connections" -d"${duration}s" -H "User-Agent: $ua" "$1" | awk '/Requests\/sec/ {print $2}'; }
for port in 5311 5312; do wrk -t2 -c"$connections" -d15s -H "User-Agent: $ua" "http://127.0.0.1:$port$path" >/dev/null; done
one1=$(rps "http://127.0.0.1:5311$path"); many1=$(rps "http://127.0.0.1:5312$path")
one2=$(rps "http://127.0.0.1:5311$path"); many2=$(rps "http://127.0.0.1:5312$path")
# The blog home and the install's front page read across many rows: measured too.
home1=$(rps "http://127.0.0.1:5311/dariche"); home2=$(rps "http://127.0.0.1:5312/dariche")
front1=$(rps "http://127.0.0.1:5311/"); front2=$(rps "http://127.0.0.1:5312/")
echo "post page, one install:          $one1 / $one2 requests/s"
echo "post page, $blogs blogs / $posts posts: $many1 / $many2 requests/s"
echo "blog home: $home1 (one) / $home2 (many) requests/s"
echo "front page: $front1 (one) / $front2 (many) requests/s"
python3 -c "print(f'ratio post page many / one: {($many1+$many2)/($one1+$one2):.3f}')"
