# Reads a feed on stdin with Python's feedparser (Debian's python3-feedparser) and prints what it understood as JSON,
# so the tests check our feeds against a widely used parser rather than against our own reading of the specs.
import calendar
import json
import sys

import feedparser


def instant(parsed):
    return None if parsed is None else calendar.timegm(parsed)


feed = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
    "bozo": bool(feed.bozo),
    "bozo_exception": str(feed.get("bozo_exception", "")),
    "version": feed.version,
    "title": feed.feed.get("title"),
    "language": feed.feed.get("language"),
    "updated": instant(feed.feed.get("updated_parsed")),
    "links": [{"rel": l.get("rel"), "href": l.get("href"), "type": l.get("type")} for l in feed.feed.get("links", [])],
    "entries": [{
        "id": e.get("id"),
        "title": e.get("title"),
        "link": e.get("link"),
        "published": instant(e.get("published_parsed")),
        "updated": instant(e.get("updated_parsed")),
        "html": (e.get("content") or [{"value": e.get("summary", "")}])[0]["value"],
        "tags": [t.get("term") for t in e.get("tags", [])],
        "author": e.get("author"),
    } for e in feed.entries],
}, ensure_ascii=False))
