#!/usr/bin/env python3
"""The many-machines soak: PostgreSQL, Redis, three Qalam nodes on one media folder and Caddy in front, all on
loopback; generated blogs, posts and comments; a mixed load from several client processes for a bounded time with
faults at known times (a node killed with SIGKILL and started again, PostgreSQL restarted, Redis stopped for a while);
then the checks: nothing acknowledged lost, visits exact, limits shared, edits and new posts seen on every node,
latency per kind and node, memory, and a backup taken during the run restored into an empty install.

Started by bench/soak/run.sh (which installs and publishes first). Standard library only.
Usage: soak.py --app PUBLISHED_DIR --work DIR [--minutes 10] [--blogs 1000] [--posts 100000] [--testdata DIR]
"""
import argparse
import http.client
import http.cookiejar
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PG_PORT, REDIS_PORT, PROXY_PORT, SMTP_PORT = 55610, 56610, 5610, 2526
NODE_PORTS = [5611, 5612, 5613]
DB = "qalam"
PG_BIN = os.path.dirname(sorted(subprocess.run("ls /usr/lib/postgresql/*/bin/initdb", shell=True, capture_output=True,
                                               text=True).stdout.split(), key=lambda p: [int(x) for x in re.findall(r"\d+", p)])[-1])
WORDS_EN = ("river mountain poem garden winter coffee library music city train history science football market "
            "election painting recipe travel island forest").split()
WORDS_FA = "رود کوه شعر باغ زمستان قهوه کتابخانه موسیقی شهر قطار تاریخ دانش فوتبال بازار انتخابات نقاشی آشپزی سفر جزیره جنگل".split()
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:{0}.0) Gecko/20100101 Firefox/{0}.0"
# The probe reads as a crawler, so its page loads are not visits and the visit check counts readers alone.
PROBE_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def sh(command, **kwargs):
    return subprocess.run(command, shell=True, check=True, text=True, capture_output=True, **kwargs).stdout


def as_postgres(command):
    return sh(f"su postgres -s /bin/sh -c {shlex_quote(command)}")


def shlex_quote(s):
    return "'" + s.replace("'", "'\"'\"'") + "'"


def psql(sql, db=None):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", db or DB, "-At", "-v",
                           "ON_ERROR_STOP=1", "-c", sql], check=True, text=True, capture_output=True).stdout.strip()


def connection_string(db=DB):
    return f"Host=127.0.0.1;Port={PG_PORT};Username=postgres;Database={db};Maximum Pool Size=40"


class Rig:
    def __init__(self, app, work, testdata):
        self.app, self.work, self.testdata = app, work, testdata
        self.nodes = [None, None, None]
        self.redis = self.caddy = self.sink = None
        os.makedirs(work, exist_ok=True)
        os.makedirs(f"{work}/media", exist_ok=True)

    def node_env(self, index, db=DB, redis=True):
        env = dict(os.environ)
        env.update({
            "Storage__Provider": "postgres",
            "Storage__ConnectionString": connection_string(db),
            "Search__IndexDirectory": f"{self.work}/node{index}/search" if index >= 0 else f"{self.work}/cli-search",
            "Media__Directory": f"{self.work}/media",
            "Hosting__TrustedProxies__0": "127.0.0.1",
            "Qalam__PublicOrigin": f"http://127.0.0.1:{PROXY_PORT}",
            "Qalam__SampleContent": "false",
            "Mail__Host": "127.0.0.1", "Mail__Port": str(SMTP_PORT), "Mail__Security": "None",
            "Mail__From": "soak@rig.test", "Mail__MaxPerMinute": "0",
            "Comments__MinimumFormAge": "00:00:01",
            "Logging__LogLevel__Default": "Warning",
            "Logging__LogLevel__Microsoft.AspNetCore": "Error",
            "DOTNET_gcServer": "0",
        })
        if redis:
            env["Redis__Configuration"] = f"127.0.0.1:{REDIS_PORT}"
        return env

    def cli(self, *args, db=DB, check=True):
        return subprocess.run([f"{self.app}/qalam", *args], cwd=self.app, env=self.node_env(-1, db), text=True,
                              capture_output=True, check=check)

    # PostgreSQL: a private cluster owned by the postgres user.
    def start_postgres(self):
        data = f"{self.work}/pg"
        if not os.path.isdir(f"{data}/data"):
            os.makedirs(data, exist_ok=True)
            shutil.chown(data, "postgres", "postgres")
            as_postgres(f"{PG_BIN}/initdb -D {data}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
        as_postgres(f"{PG_BIN}/pg_ctl -D {data}/data -l {data}/log -w -o \"-c listen_addresses=127.0.0.1 -p {PG_PORT} "
                    f"-k {data} -c max_connections=300 -c shared_buffers=512MB\" start")

    def restart_postgres(self):
        # -l: without it the new server writes to pg_ctl's output, which would then never close.
        as_postgres(f"{PG_BIN}/pg_ctl -D {self.work}/pg/data -l {self.work}/pg/log -m fast -w restart")

    def stop_postgres(self):
        subprocess.run(f"su postgres -s /bin/sh -c '{PG_BIN}/pg_ctl -D {self.work}/pg/data -m immediate stop'",
                       shell=True, capture_output=True)

    def start_redis(self):
        self.redis = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "",
                                       "--appendonly", "no"], stdout=subprocess.DEVNULL)
        wait_port(REDIS_PORT)

    def stop_redis(self):
        if self.redis:
            self.redis.terminate()
            self.redis.wait()
            self.redis = None

    def start_sink(self):
        here = os.path.dirname(os.path.abspath(__file__))
        self.sink = subprocess.Popen([sys.executable, f"{here}/../mail/sink.py", str(SMTP_PORT), f"{self.work}/sink"])
        wait_port(SMTP_PORT)

    def start_node(self, index):
        os.makedirs(f"{self.work}/node{index}", exist_ok=True)
        out = open(f"{self.work}/node{index}/log", "a")
        self.nodes[index] = subprocess.Popen([f"{self.app}/qalam", "--urls", f"http://127.0.0.1:{NODE_PORTS[index]}"],
                                             cwd=self.app, env=self.node_env(index), stdout=out, stderr=out)

    def kill_node(self, index):
        self.nodes[index].send_signal(signal.SIGKILL)
        self.nodes[index].wait()

    def stop_nodes(self):
        for node in self.nodes:
            if node and node.poll() is None:
                node.terminate()
        for node in self.nodes:
            if node:
                try:
                    node.wait(30)
                except subprocess.TimeoutExpired:
                    node.kill()

    def start_caddy(self):
        upstreams = " ".join(f"127.0.0.1:{p}" for p in NODE_PORTS)
        with open(f"{self.work}/Caddyfile", "w") as f:
            f.write(f"""{{
	admin off
	auto_https off
}}
:{PROXY_PORT} {{
	reverse_proxy {upstreams} {{
		lb_policy round_robin
		lb_try_duration 5s
		lb_try_interval 100ms
		fail_duration 5s
		max_fails 1
		health_uri /robots.txt
		health_interval 1s
		health_timeout 2s
		header_down X-Qalam-Node {{http.reverse_proxy.upstream.hostport}}
	}}
}}
""")
        self.caddy = subprocess.Popen(["caddy", "run", "--config", f"{self.work}/Caddyfile", "--adapter", "caddyfile"],
                                      stdout=open(f"{self.work}/caddy.log", "w"), stderr=subprocess.STDOUT)
        wait_port(PROXY_PORT)

    def rss(self, index):
        try:
            with open(f"/proc/{self.nodes[index].pid}/status") as f:
                return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) // 1024
        except (OSError, AttributeError):
            return None

    def shutdown(self):
        self.stop_nodes()
        for p in (self.caddy, self.sink):
            if p and p.poll() is None:
                p.terminate()
        self.stop_redis()
        self.stop_postgres()


def wait_port(port, path=None, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5) if path else None
            if c:
                c.request("GET", path)
                if c.getresponse().status < 500:
                    return
            else:
                import socket
                socket.create_connection(("127.0.0.1", port), 1).close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"port {port} did not answer")


def generate(rig, blogs, posts):
    """Blogs, posts, tags and comments written by PostgreSQL itself, after `qalam migrate` made the schema."""
    per_blog = max(1, posts // blogs)
    en = "ARRAY[" + ",".join(f"'{w}'" for w in WORDS_EN) + "]"
    fa = "ARRAY[" + ",".join(f"'{w}'" for w in WORDS_FA) + "]"
    psql(f"""
BEGIN;
INSERT INTO blogs (handle, title, description, language, time_zone_id, calendar, comment_policy, comment_max_links,
                   comment_blocklist, comment_notifications, spam_lessons, ham_lessons, created_at, awaiting_confirmation, awaiting_approval)
SELECT 'soak' || i, 'Soak blog ' || i, '', CASE WHEN i % 2 = 0 THEN 'fa' ELSE 'en' END,
       CASE WHEN i % 2 = 0 THEN 'Asia/Tehran' ELSE 'UTC' END, i % 2, 0, 2, '', 0, 0, 0, now() - interval '400 days', false, false
FROM generate_series(1, {blogs}) i;
CREATE TEMP TABLE gen AS
SELECT i, b.id AS blog_id, b.language,
       (SELECT string_agg(CASE WHEN b.language = 'fa' THEN ({fa})[1 + (i * 7 + k * 13) % {len(WORDS_FA)}]
                               ELSE ({en})[1 + (i * 7 + k * 13) % {len(WORDS_EN)}] END, ' ')
          FROM generate_series(1, 40 + i % 20) k) AS body
FROM generate_series(0, {blogs * per_blog - 1}) i
JOIN blogs b ON b.handle = 'soak' || (1 + i % {blogs});
INSERT INTO posts (blog_id, body_html, body_markdown, created_at, excerpt, language, published_at, slug, status, title, updated_at,
                   visit_count, comments_closed)
SELECT blog_id, '<p>' || body || '</p>', body, now() - interval '300 days', left(body, 120), language,
       now() - ((i % 365) || ' days')::interval - ((i % 1440) || ' minutes')::interval, 'p-' || i, 1,
       'Soak post ' || i || ' ' || split_part(body, ' ', 1), now() - interval '300 days', 0, false
FROM gen;
INSERT INTO tags (blog_id, name, slug)
SELECT b.id, t.name, t.name FROM blogs b CROSS JOIN (VALUES ('alpha'), ('beta'), ('gamma')) t(name) WHERE b.handle LIKE 'soak%';
INSERT INTO post_tags (post_id, tags_id)
SELECT p.id, t.id FROM posts p JOIN tags t ON t.blog_id = p.blog_id AND t.name = (ARRAY['alpha','beta','gamma'])[1 + p.id % 3];
INSERT INTO comments (blog_id, post_id, author_name, body, status, created_at, client_address, lesson)
SELECT p.blog_id, p.id, 'Reader ' || p.id, 'A generated comment on post ' || p.id, 1, p.published_at + interval '1 hour', '192.0.2.1', 0
FROM posts p WHERE p.id % 2 = 0;
COMMIT;
""")


def post_index():
    rows = psql("SELECT p.id, b.handle, p.slug FROM posts p JOIN blogs b ON b.id = p.blog_id WHERE b.handle LIKE 'soak%'")
    return [(int(i), h, s) for i, h, s in (r.split("|") for r in rows.splitlines())]


# ---- clients -------------------------------------------------------------------------------------------------------

class Recorder:
    def __init__(self, path):
        self.file = open(path, "w")

    def add(self, **record):
        self.file.write(json.dumps(record) + "\n")


def request(method, path, port=PROXY_PORT, source=None, headers=None, body=None, timeout=30):
    """One request on a new connection (from `source`, a loopback address standing for one reader); returns
    (status, headers, body text, milliseconds); status 0 for a connection that failed."""
    started = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        text = r.read().decode("utf-8", "replace")
        c.close()
        return r.status, dict(r.getheaders()), text, (time.time() - started) * 1000
    except (OSError, http.client.HTTPException):
        return 0, {}, "", (time.time() - started) * 1000


def reader_address(n):
    return f"127.{10 + n // 65000}.{(n // 250) % 250 + 1}.{n % 250 + 1}"


def reader_client(worker, end, posts, work, seed):
    rng = random.Random(seed)
    rec = Recorder(f"{work}/results/reader{worker}.jsonl")
    recent = []
    n = 0
    while time.time() < end and n < 2_000_000:
        n += 1
        kind = rng.choices(["post", "home", "tag", "archive", "search", "feed"], [60, 10, 6, 6, 8, 10])[0]
        if kind == "post" and recent and rng.random() < 0.3:
            reader, (pid, handle, slug) = rng.choice(recent)  # a reload
        else:
            reader = worker * 1_000_000 + rng.randrange(200_000)
            pid, handle, slug = rng.choice(posts)
        path = {
            "post": f"/{handle}/posts/{slug}",
            "home": f"/{handle}",
            "tag": f"/{handle}/tags/{rng.choice(['alpha', 'beta', 'gamma'])}",
            "archive": f"/{handle}/archive",
            "search": f"/{handle}/search?q=" + urllib.parse.quote(rng.choice(WORDS_EN + WORDS_FA)),
            "feed": f"/{handle}/feed.xml" if rng.random() < 0.5 else f"/{handle}/atom.xml",
        }[kind]
        status, headers, _, ms = request("GET", path, source=reader_address(reader % 3_000_000),
                                         headers={"User-Agent": UA.format(100 + reader % 97)})
        rec.add(t=time.time(), kind=kind, status=status, ms=round(ms, 2), node=headers.get("X-Qalam-Node", ""),
                post=pid if kind == "post" else None, reader=[reader_address(reader % 3_000_000), 100 + reader % 97])
        if kind == "post" and status == 200 and len(recent) < 5000:
            recent.append((reader, (pid, handle, slug)))


def stamp_of(page):
    m = re.search(r'name="Form.Stamp"[^>]*value="([^"]+)"', page) or re.search(r'value="([^"]+)"[^>]*name="Form.Stamp"', page)
    return m.group(1).replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "=") if m else None


def comment_once(rec, rng, post, source, body, kind="comment"):
    pid, handle, slug = post
    path = f"/{handle}/posts/{slug}"
    ua = UA.format(500 + rng.randrange(50))
    status, _, page, _ = request("GET", path, source=source, headers={"User-Agent": ua})
    rec.add(t=time.time(), kind="post", status=status, ms=0, node="", post=pid, reader=[source, int(ua.split("rv:")[1].split(".")[0])])
    stamp = stamp_of(page) if status == 200 else None
    if not stamp:
        rec.add(t=time.time(), kind=kind, status=status or -1, ms=0, node="", body=body, acked=False, source=source)
        return None
    time.sleep(1.1)
    form = urllib.parse.urlencode({"Form.Name": "Soak reader", "Form.Body": body, "Form.Stamp": stamp})
    status, headers, _, ms = request("POST", path, source=source, body=form, headers={
        "User-Agent": ua, "Content-Type": "application/x-www-form-urlencoded"})
    rec.add(t=time.time(), kind=kind, status=status, ms=round(ms, 2), node=headers.get("X-Qalam-Node", ""), body=body,
            acked=status in (302, 303), source=source)
    return status


def commenter_client(worker, end, posts, work, seed, bursts):
    """Comments from many addresses (some spam-like), and at the given times a burst of 15 from one address."""
    rng = random.Random(seed)
    rec = Recorder(f"{work}/results/commenter{worker}.jsonl")
    n = 0
    pending = sorted(bursts)
    while time.time() < end and n < 100_000:
        if pending and time.time() >= pending[0][0]:
            at, label = pending.pop(0)
            source = f"127.200.{len(bursts) - len(pending)}.1"
            for i in range(15):
                comment_once(rec, rng, rng.choice(posts), source, f"burst {label} {i} {seed}", kind="burst-" + label)
            continue
        n += 1
        spam = rng.random() < 0.2
        body = (f"soak comment {worker}-{n} " + ("Buy cheap pills http://spam.example/x http://spam.example/y" if spam
                                                 else "a thoughtful remark about the post"))
        comment_once(rec, rng, rng.choice(posts), f"127.100.{n // 250 % 250}.{n % 250 + 1}", body)


def api(method, path, token, payload=None, port=PROXY_PORT):
    body = json.dumps(payload) if payload is not None else None
    status, headers, text, ms = request(method, path, port=port, body=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json", "User-Agent": "soak-writer"})
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    return status, headers, data, ms


def writer_client(worker, end, work, seed, writers):
    """Posts saved and published through the API, then edited; through the proxy."""
    rng = random.Random(seed)
    rec = Recorder(f"{work}/results/writer{worker}.jsonl")
    n = 0
    mine = []
    while time.time() < end and n < 20_000:
        n += 1
        handle, token = rng.choice(writers)
        if mine and rng.random() < 0.3:
            h, pid, title = rng.choice(mine)
            status, headers, _, ms = api("PUT", f"/api/v1/blogs/{h}/posts/{pid}", token_of(writers, h),
                                         {"title": title + " (edited)", "body": "Edited body of a soak post."})
            rec.add(t=time.time(), kind="api-edit", status=status, ms=round(ms, 2), node=headers.get("X-Qalam-Node", ""))
            continue
        title = f"Writer {worker} post {n} {seed}"
        status, headers, data, ms = api("POST", f"/api/v1/blogs/{handle}/posts", token, {
            "title": title, "body": f"A post written during the soak, number {n}. " + " ".join(rng.choice(WORDS_EN) for _ in range(60)),
            "language": "en", "status": "published", "tags": ["soak"]})
        ok = status == 201 and data and "id" in data
        rec.add(t=time.time(), kind="api-create", status=status, ms=round(ms, 2), node=headers.get("X-Qalam-Node", ""),
                title=title, acked=bool(ok), id=data.get("id") if ok else None)
        if ok:
            mine.append((handle, data["id"], title))
        time.sleep(0.2)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_writer_client(end, work, seed, email, handle):
    """A writer through the admin forms, as a person in a browser: signs in (a cookie, through the proxy, so each
    request may reach another node), opens the editor, publishes a post, and now and then opens one of them again and
    updates it. Acknowledged = the editor's redirect to the saved post."""
    rng = random.Random(seed)
    rec = Recorder(f"{work}/results/formwriter.jsonl")
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    def go(method, path, form=None):
        started = time.time()
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{PROXY_PORT}{path}", data=data, method=method,
                                     headers={"User-Agent": "soak-editor"})
        try:
            with opener.open(req, timeout=30) as r:
                status, headers, text = r.status, dict(r.getheaders()), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, headers, text = e.code, dict(e.headers), e.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            status, headers, text = 0, {}, ""
        return status, headers, text, (time.time() - started) * 1000

    def token(page):
        m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page)
        return m.group(1) if m else None

    def sign_in():
        status, _, page, _ = go("GET", "/admin/signin")
        if status != 200 or not token(page):
            return False
        status, headers, _, _ = go("POST", "/admin/signin", {"Email": email, "password": "a long enough passphrase",
                                                              "__RequestVerificationToken": token(page)})
        return status in (302, 303)

    mine = []
    n = 0
    signed_in = False
    while time.time() < end and n < 5_000:
        if not signed_in:
            signed_in = sign_in()
            if not signed_in:
                rec.add(t=time.time(), kind="form-signin-failed")
                time.sleep(1)
                continue
        n += 1
        editing = bool(mine) and rng.random() < 0.3
        target = rng.choice(mine)[0] if editing else None
        path = f"/admin/{handle}/posts/{target}" if editing else f"/admin/{handle}/posts/new"
        status, _, page, _ = go("GET", path)
        if status in (302, 303):  # signed out (a node without the key yet would be a bug): sign in again
            signed_in = False
            continue
        if status != 200 or not token(page):
            rec.add(t=time.time(), kind="form-open-failed", status=status)
            time.sleep(0.5)
            continue
        title = f"Form {'edit' if editing else 'post'} {n} {seed}"
        status, headers, _, ms = go("POST", path, {
            "Form.Title": title, "Form.Body": f"Written in the editor during the soak, number {n}. " +
            " ".join(rng.choice(WORDS_EN) for _ in range(50)), "Form.Tags": "soak, editor", "Form.Language": "en",
            "Form.MailToSubscribers": "false", "command": "save" if editing else "publish",
            "__RequestVerificationToken": token(page)})
        saved = re.search(r"/posts/(\d+)\?saved=", headers.get("Location", "")) if status in (302, 303) else None
        rec.add(t=time.time(), kind="form-edit" if editing else "form-create", status=status, ms=round(ms, 2),
                node=headers.get("X-Qalam-Node", ""), title=title, acked=bool(saved), id=int(saved.group(1)) if saved else target)
        if saved and not editing:
            mine.append((int(saved.group(1)), title))
        time.sleep(0.5)


def token_of(writers, handle):
    return dict(writers)[handle]


def signup_client(worker, end, work, seed, bursts):
    rng = random.Random(seed)
    rec = Recorder(f"{work}/results/signup{worker}.jsonl")
    n = 0
    pending = sorted(bursts)
    while time.time() < end and n < 10_000:
        n += 1
        if pending and time.time() >= pending[0][0]:
            at, label = pending.pop(0)
            source = f"127.201.{len(bursts) - len(pending)}.1"
            for i in range(8):
                signup_once(rec, source, f"b{label}{i}x{seed % 100000}", kind="signup-burst-" + label)
            continue
        signup_once(rec, f"127.150.{n // 250 % 250}.{n % 250 + 1}", f"s{worker}n{n}x{seed % 100000}")
        time.sleep(0.5)


def signup_once(rec, source, handle, kind="signup"):
    cookies = {}
    status, headers, page, _ = request("GET", "/signup", source=source, headers={"User-Agent": UA.format(150)})
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) or \
        re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
    for k, v in headers.items():
        if k.lower() == "set-cookie":
            cookies.update(dict(c.split(";")[0].split("=", 1) for c in v.split(", ") if "=" in c.split(";")[0]))
    if status != 200 or not token:
        rec.add(t=time.time(), kind=kind, status=status or -1, ms=0, node="", email=None, acked=False)
        return
    email = f"{handle}@soak.test"
    form = urllib.parse.urlencode({"Form.Email": email, "Form.Password": "a long enough passphrase", "Form.Handle": handle,
                                   "Form.Title": "Signed up during the soak", "Form.Language": "en", "Form.Website": "",
                                   "__RequestVerificationToken": token.group(1)})
    status, headers, page, ms = request("POST", "/signup", source=source, body=form, headers={
        "User-Agent": UA.format(150), "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    acked = status == 200 and 'class="notice" role="status"' in page
    rec.add(t=time.time(), kind=kind, status=status, ms=round(ms, 2), node=headers.get("X-Qalam-Node", ""), email=email, acked=acked)


def freshness_probe(end, work, writers, seed):
    """Every 15 s: a post created through node 1, then each other node polled for it in search; its title edited
    through node 1, then each other node's post page polled for the new title. Milliseconds until seen."""
    rec = Recorder(f"{work}/results/fresh.jsonl")
    handle, token = writers[0]
    n = 0
    while time.time() < end - 20:
        n += 1
        word = f"zq{seed % 10000}x{n}soak"
        status, _, data, _ = api("POST", f"/api/v1/blogs/{handle}/posts", token, {
            "title": f"Fresh {word}", "body": f"Probe {word}.", "language": "en", "status": "published"}, port=NODE_PORTS[0])
        if status != 201:
            rec.add(t=time.time(), kind="probe-failed", status=status)
            time.sleep(15)
            continue
        saved = time.time()
        slug = data["slug"]
        for i, seen in each_node(lambda port: word in request("GET", f"/{handle}/search?q={word}", port=port,
                                                              headers={"User-Agent": PROBE_UA})[2], saved):
            rec.add(t=time.time(), kind="search-fresh", node=i, ms=seen, acked=True, id=data["id"])
        # A reader on each other node loads the page (kept in its cache), then the title changes through node 1.
        for port in NODE_PORTS[1:]:
            request("GET", f"/{handle}/posts/{slug}", port=port, headers={"User-Agent": PROBE_UA})
        title = f"Edited {word}"
        edit, _, _, _ = api("PUT", f"/api/v1/blogs/{handle}/posts/{data['id']}", token, {
            "title": title, "body": f"Probe {word}.", "language": "en", "status": "published", "slug": slug}, port=NODE_PORTS[0])
        edited = time.time()
        if edit != 200:
            rec.add(t=time.time(), kind="probe-failed", status=edit)
            time.sleep(15)
            continue
        for i, seen in each_node(lambda port: title in request("GET", f"/{handle}/posts/{slug}", port=port,
                                                               headers={"User-Agent": PROBE_UA})[2], edited):
            rec.add(t=time.time(), kind="edit-fresh", node=i, ms=seen)
        time.sleep(15)


def each_node(seen, since):
    """Nodes 2 and 3 polled at once (one thread each), so a slow or dead node does not delay the other's figure."""
    found = {}
    threads = [threading.Thread(target=lambda i, port: found.__setitem__(i, poll(lambda: seen(port), since)), args=(i, port))
               for i, port in enumerate(NODE_PORTS[1:], 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(found.items())


def poll(seen, since, limit=20):
    while time.time() - since < limit:
        if seen():
            return round((time.time() - since) * 1000, 1)
        time.sleep(0.02)
    return None


# ---- conductor ------------------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--blogs", type=int, default=1000)
    ap.add_argument("--posts", type=int, default=100000)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--testdata", default="")
    a = ap.parse_args()
    rig = Rig(a.app, a.work, a.testdata)
    os.makedirs(f"{a.work}/results", exist_ok=True)
    timeline = []

    def mark(what):
        timeline.append((time.time(), what))
        log(what)

    try:
        rig.start_postgres()
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-c", f"CREATE DATABASE {DB}"],
                       capture_output=True)
        rig.start_redis()
        rig.start_sink()
        rig.cli("migrate")
        if psql("SELECT count(*) FROM blogs") == "0":
            started = time.time()
            generate(rig, a.blogs, a.posts)
            log(f"generated {psql('SELECT count(*) FROM blogs')} blogs, {psql('SELECT count(*) FROM posts')} posts, "
                f"{psql('SELECT count(*) FROM comments')} comments in {time.time() - started:.0f} s")
        # Writers: a few blogs with owners and tokens, made through the command line.
        writers = []
        for i in range(4):
            email = f"writer{i}@soak.test"
            rig.cli("users", "create", "--email", email, "--password", "a long enough passphrase", "--role", "author", check=False)
            rig.cli("blogs", "create", "--handle", f"writer{i}", "--title", f"Writer {i}", "--language", "en", "--owner", email, check=False)
            writers.append((f"writer{i}", rig.cli("tokens", "create", "--email", email).stdout.strip()))
        rig.cli("users", "create", "--email", "editor@soak.test", "--password", "a long enough passphrase", "--role", "author", check=False)
        rig.cli("blogs", "create", "--handle", "editor", "--title", "Editor", "--language", "en", "--owner", "editor@soak.test", check=False)
        rig.cli("users", "create", "--email", "importer@soak.test", "--password", "a long enough passphrase", check=False)
        rig.cli("blogs", "create", "--handle", "imported", "--title", "Imported", "--language", "en", "--owner", "importer@soak.test", check=False)
        rig.cli("blogs", "create", "--handle", "importcheck", "--title", "Imported quietly", "--language", "en", "--owner", "importer@soak.test", check=False)
        posts = post_index()
        for i in range(3):
            rig.start_node(i)
        rig.start_caddy()
        started = time.time()
        for port in NODE_PORTS:
            wait_port(port, "/soak1/search?q=river", timeout=1800)
        log(f"three nodes up, search indexes filled, in {time.time() - started:.0f} s")
        visits_before = int(psql("SELECT coalesce(sum(visit_count), 0) FROM posts"))
        rss_start = [rig.rss(i) for i in range(3)]

        seconds = a.minutes * 60
        t0 = time.time() + 2
        end = t0 + seconds
        at = lambda share: t0 + seconds * share  # noqa: E731
        faults = {"kill": at(0.2), "restart-node": at(0.25), "pg-restart": at(0.4), "redis-stop": at(0.6),
                  "redis-start": at(0.6) + min(60, seconds * 0.1), "backup": at(0.3), "import": at(0.15)}
        comment_bursts = [(at(0.1), "redis-up"), (faults["redis-stop"] + 5, "redis-down")]
        signup_bursts = [(at(0.12), "redis-up"), (faults["redis-stop"] + 8, "redis-down")]
        clients = [mp.Process(target=reader_client, args=(i, end, posts, a.work, 1000 + i)) for i in range(a.readers)]
        clients.append(mp.Process(target=commenter_client, args=(0, end, posts, a.work, 7, comment_bursts)))
        clients.append(mp.Process(target=commenter_client, args=(1, end, posts, a.work, 8, [])))
        clients.append(mp.Process(target=writer_client, args=(0, end, a.work, 9, writers)))
        clients.append(mp.Process(target=form_writer_client, args=(end, a.work, 12, "editor@soak.test", "editor")))
        clients.append(mp.Process(target=signup_client, args=(0, end, a.work, 10, signup_bursts)))
        clients.append(mp.Process(target=freshness_probe, args=(end, a.work, writers, 11)))
        while time.time() < t0:
            time.sleep(0.05)
        mark("traffic starts")
        for c in clients:
            c.start()
        backup = imported = None
        done = set()
        while time.time() < end:
            now = time.time()
            for name, when in sorted(faults.items(), key=lambda kv: kv[1]):
                if name in done or now < when:
                    continue
                done.add(name)
                if name == "kill":
                    mark("node 2 killed (SIGKILL)")
                    rig.kill_node(1)
                elif name == "restart-node":
                    rig.start_node(1)
                    mark("node 2 started again")
                elif name == "pg-restart":
                    mark("PostgreSQL restart begins")
                    rig.restart_postgres()
                    mark("PostgreSQL restarted")
                elif name == "redis-stop":
                    rig.stop_redis()
                    mark("Redis stopped")
                elif name == "redis-start":
                    rig.start_redis()
                    mark("Redis started again")
                elif name == "backup":
                    mark("backup begins")
                    backup_started = time.time()
                    backup = subprocess.Popen([f"{a.app}/qalam", "backup", "--out", f"{a.work}/backup.zip"], cwd=a.app,
                                              env=rig.node_env(-1), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                elif name == "import" and a.testdata:
                    mark("WordPress import begins")
                    imported = subprocess.Popen([f"{a.app}/qalam", "import", "wordpress",
                                                 f"{a.testdata}/wordpress/themeunittestdata.wordpress.xml", "--blog", "imported"],
                                                cwd=a.app, env=rig.node_env(-1), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if backup and backup.poll() is not None and "backup-done" not in done:
                done.add("backup-done")
                mark(f"backup ended, exit {backup.returncode} {backup.stderr.read().strip()[:200]}")
                backup_ended = time.time()
            if imported and imported.poll() is not None and "import-done" not in done:
                done.add("import-done")
                mark(f"import ended, exit {imported.returncode} {imported.stderr.read().strip()[:200]}")
                if imported.returncode != 0:
                    # Cut short (by the database restart): the same import again adds only what it had not.
                    mark("WordPress import run again")
                    imported = subprocess.Popen(imported.args, cwd=a.app, env=rig.node_env(-1), stdout=subprocess.PIPE,
                                                stderr=subprocess.PIPE, text=True)
                    done.discard("import-done")
            time.sleep(0.05)
        for c in clients:
            c.join(120)
        mark("traffic ends")
        if a.testdata:
            # The same export imported again with nothing else running: what the import during the run should hold.
            rig.cli("import", "wordpress", f"{a.testdata}/wordpress/themeunittestdata.wordpress.xml", "--blog", "importcheck", check=False)
        rss_end = [rig.rss(i) for i in range(3)]
        time.sleep(3)  # one flush interval and more
        report = check(rig, a, timeline, faults, visits_before, rss_start, rss_end,
                       backup_started if backup else None, backup_ended if backup and "backup-done" in done else None)
        with open(f"{a.work}/report.md", "w") as f:
            f.write(report)
        print(report)
    finally:
        rig.shutdown()


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p))], 1)


def check(rig, a, timeline, faults, visits_before, rss_start, rss_end, backup_started, backup_ended):
    records = []
    for name in os.listdir(f"{a.work}/results"):
        with open(f"{a.work}/results/{name}") as f:
            records += [json.loads(line) for line in f if line.strip()]
    t0 = timeline[0][0]
    out = [f"# Soak run: {a.minutes:g} minutes, {a.blogs} blogs, {a.posts} posts\n"]
    out.append("## Fault timeline (seconds from the start of traffic)\n")
    out += [f"- {t - t0:7.1f} s  {what}" for t, what in timeline]

    # Fault windows: from each fault until 30 s after it ended (the node: its restart), or until the next fault began.
    starts = sorted([faults["kill"], faults["pg-restart"], faults["redis-stop"]])
    cut = lambda start, end: min([end] + [s for s in starts if s > start])  # noqa: E731
    windows = [("node 2 killed", faults["kill"], cut(faults["kill"], faults["restart-node"] + 30)),
               ("PostgreSQL restart", faults["pg-restart"], cut(faults["pg-restart"], faults["pg-restart"] + 30)),
               ("Redis stopped", faults["redis-stop"], cut(faults["redis-stop"], faults["redis-start"] + 30))]
    served = [r for r in records if r["kind"] in ("post", "home", "tag", "archive", "search", "feed", "comment", "api-create",
                                                   "api-edit", "form-create", "form-edit", "signup") and r.get("ms")]
    bad = [r for r in served if r["status"] >= 500 or r["status"] <= 0]
    out.append("\n## Failed answers (5xx or no answer)\n")
    outside = [r for r in bad if not any(s <= r["t"] <= e for _, s, e in windows)]
    out.append(f"- outside the fault windows: {len(outside)} of {len([r for r in served if not any(s <= r['t'] <= e for _, s, e in windows)])}")
    for name, s, e in windows:
        inside = [r for r in bad if s <= r["t"] <= e]
        total = len([r for r in served if s <= r["t"] <= e])
        recovery = f"{max(r['t'] for r in inside) - s:.1f} s after it began" if inside else "none failed"
        out.append(f"- {name}: {len(inside)} of {total} failed; last failure {recovery}")

    out.append("\n## Latency (ms) and throughput\n")
    out.append("| kind | requests | p50 | p99 | node 1 p50/p99 | node 2 p50/p99 | node 3 p50/p99 |")
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    duration = timeline[-1][0] - t0
    for kind in ("post", "home", "tag", "archive", "search", "feed", "comment", "api-create", "api-edit", "form-create",
                 "form-edit", "signup"):
        rs = [r for r in served if r["kind"] == kind and 0 < r["status"] < 500]
        per = []
        for port in NODE_PORTS:
            ms = [r["ms"] for r in rs if r["node"].endswith(str(port))]
            per.append(f"{percentile(ms, 0.5)} / {percentile(ms, 0.99)}")
        out.append(f"| {kind} | {len(rs)} | {percentile([r['ms'] for r in rs], 0.5)} | {percentile([r['ms'] for r in rs], 0.99)} | " + " | ".join(per) + " |")
    out.append(f"\n{len(served)} requests in {duration:.0f} s: {len(served) / duration:.1f} requests/s through the proxy.")

    # Nothing acknowledged lost.
    out.append("\n## Nothing acknowledged lost\n")
    bodies = set(psql("SELECT body FROM comments WHERE body LIKE 'soak comment %' OR body LIKE 'burst %'").splitlines())
    acked = [r for r in records if r["kind"].startswith(("comment", "burst")) and r.get("acked")]
    missing = [r for r in acked if r["body"] not in bodies]
    out.append(f"- comments acknowledged: {len(acked)}, missing from the database: {len(missing)}")
    ids = set(int(x) for x in psql("SELECT id FROM posts").splitlines())
    created = [r for r in records if r["kind"] == "api-create" and r.get("acked")]
    out.append(f"- posts acknowledged (201): {len(created)}, missing: {len([r for r in created if r['id'] not in ids])}")
    formed = [r for r in records if r["kind"] == "form-create" and r.get("acked")]
    titles = dict((int(i), t) for i, t in (line.split("|", 1) for line in psql(
        "SELECT id || '|' || title FROM posts WHERE blog_id = (SELECT id FROM blogs WHERE handle = 'editor')").splitlines() if "|" in line))
    edits = [r for r in records if r["kind"] == "form-edit" and r.get("acked")]
    # The stored title must be the last acknowledged update's, or that of an update tried after it whose answer failed
    # (it may have been saved all the same).
    possible = {}
    for r in sorted((r for r in records if r["kind"] == "form-edit"), key=lambda r: r["t"]):
        possible[r["id"]] = [r["title"]] if r.get("acked") else possible.get(r["id"], []) + [r["title"]]
    updated = {r["id"] for r in edits}
    wrong = [i for i, ts in possible.items() if i in updated and titles.get(i) not in ts]
    out.append(f"- posts published through the editor form (acknowledged by its redirect): {len(formed)}, missing: "
               f"{len([r for r in formed if r['id'] not in titles])}; updates acknowledged: {len(edits)}, posts whose "
               f"stored title is not their last acknowledged one: {len(wrong)}; "
               f"sign-ins or editor pages that failed: {len([r for r in records if r['kind'] in ('form-signin-failed', 'form-open-failed')])}")
    emails = set(psql('SELECT lower(email) FROM "AspNetUsers"').splitlines())
    signed = [r for r in records if r["kind"].startswith("signup") and r.get("acked")]
    out.append(f"- sign-ups acknowledged: {len(signed)}, missing: {len([r for r in signed if r['email'].lower() not in emails])}")
    if a.testdata:
        held = {h: psql(f"SELECT (SELECT count(*) FROM posts p WHERE p.blog_id = b.id) || ' posts, ' || "
                        f"(SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE p.blog_id = b.id) || ' comments' "
                        f"FROM blogs b WHERE b.handle = '{h}'") for h in ("imported", "importcheck")}
        out.append(f"- the WordPress import during the run holds {held['imported']}; the same export imported after "
                   f"the run with nothing else running: {held['importcheck']}")
    doubled = psql("SELECT count(*) FROM (SELECT body FROM comments WHERE body LIKE 'soak comment %' GROUP BY body HAVING count(*) > 1) d")
    out.append(f"- comments stored twice: {doubled}")

    # Visits: distinct (post, reader) pairs answered 200, against what the database counted.
    pairs = {(r["post"], tuple(r["reader"])) for r in records if r["kind"] == "post" and r["status"] == 200 and r.get("post")}
    stored = int(psql("SELECT coalesce(sum(visit_count), 0) FROM posts")) - visits_before
    killed_at = faults["kill"]
    last_second = {(r["post"], tuple(r["reader"])) for r in records if r["kind"] == "post" and r["status"] == 200
                   and r["node"].endswith(str(NODE_PORTS[1])) and killed_at - 1.0 <= r["t"] <= killed_at and r.get("post")}
    out.append("\n## Visits\n")
    out.append(f"- distinct readers answered (post, reader): {len(pairs)}; stored visits added: {stored}; "
               f"difference {len(pairs) - stored}; node 2's readers in the flush interval before its kill: {len(last_second)}")

    out.append("\n## Shared limits (a burst of 15 comments and 8 sign-ups from one address each)\n")
    for label in ("redis-up", "redis-down"):
        burst = [r for r in records if r["kind"] == "burst-" + label]
        sbur = [r for r in records if r["kind"] == "signup-burst-" + label]
        out.append(f"- {label}: comments accepted {sum(1 for r in burst if r.get('acked'))} of {len(burst)} "
                   f"(429: {sum(1 for r in burst if r['status'] == 429)}, 5xx: {sum(1 for r in burst if r['status'] >= 500)}); "
                   f"sign-ups accepted {sum(1 for r in sbur if r.get('acked'))} of {len(sbur)} "
                   f"(429: {sum(1 for r in sbur if r['status'] == 429)})")

    out.append("\n## Freshness across nodes (ms from the answer on node 1 to seen on the other node)\n")
    for kind in ("edit-fresh", "search-fresh"):
        ms = [r["ms"] for r in records if r["kind"] == kind and r["ms"] is not None]
        never = sum(1 for r in records if r["kind"] == kind and r["ms"] is None)
        out.append(f"- {kind}: {len(ms)} probes, p50 {percentile(ms, 0.5)}, max {max(ms) if ms else None}; not seen within 20 s: {never}")

    out.append("\n## Memory (MiB resident)\n")
    out.append(f"- at the start: {rss_start}; at the end: {rss_end} (node 2 was restarted during the run)")

    out.append("\n## Backup taken during the run\n")
    if backup_started and backup_ended:
        out.append(restore_check(rig, a, records, backup_started, backup_ended))
    else:
        out.append("- no backup finished")
    return "\n".join(out) + "\n"


def restore_check(rig, a, records, started, ended):
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-c", "DROP DATABASE IF EXISTS restored"], capture_output=True)
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-c", "CREATE DATABASE restored"], capture_output=True)
    result = rig.cli("restore", f"{a.work}/backup.zip", db="restored", check=False)
    if result.returncode != 0:
        return f"- restore failed: {result.stderr.strip()[:300]}"
    lines = [f"- restored into an empty database: exit 0 ({result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ''})"]
    bodies = set(psql("SELECT body FROM comments WHERE body LIKE 'soak comment %' OR body LIKE 'burst %'", db="restored").splitlines())
    before = [r for r in records if r["kind"].startswith(("comment", "burst")) and r.get("acked") and r["t"] < started]
    after = [r for r in records if r["kind"].startswith(("comment", "burst")) and r.get("acked") and r["t"] - r["ms"] / 1000 > ended]
    lines.append(f"- comments acknowledged before the backup began: {len(before)}, in the restored copy: "
                 f"{sum(1 for r in before if r['body'] in bodies)}; sent after it ended and (wrongly) in it: "
                 f"{sum(1 for r in after if r['body'] in bodies)}")
    for table in ("blogs", "posts", "comments", '"AspNetUsers"'):
        restored = psql(f"SELECT count(*) FROM {table}", db="restored")
        live = psql(f"SELECT count(*) FROM {table}")
        lines.append(f"- {table}: {restored} restored, {live} in the live database at the end")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
