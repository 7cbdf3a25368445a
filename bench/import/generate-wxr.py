#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of N generated posts to stdout, for the import benchmark.

Every post has a title, four paragraphs of classic-editor HTML (Persian and English alternate), two or three
tags from a pool of 300, a category, and two comments (every fifth post also has a reply). Deterministic.
Usage: generate-wxr.py N > file.xml
"""
import random
import sys
from xml.sax.saxutils import escape

n = int(sys.argv[1])
rng = random.Random(42)
fa = "دفتر شعر حافظ سعدی مولوی خیام فردوسی باران کوه دریا شب روز کتاب قلم نامه باغ گل بهار پاییز زمستان".split()
en = "poem garden river mountain night morning letter book pen rain spring autumn winter road city harbour".split()
tags = [f"tag-{i}" for i in range(300)]


def words(pool, count):
    return " ".join(rng.choice(pool) for _ in range(count))


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
          ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
          ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Generated</title>\n'
          '<link>https://generated.example</link>\n<language>fa-IR</language>\n<wp:wxr_version>1.2</wp:wxr_version>\n'
          '<wp:base_site_url>https://generated.example</wp:base_site_url>\n')
comment_id = 0
for i in range(1, n + 1):
    pool = fa if i % 2 else en
    title = words(pool, 5).capitalize()
    body = "\n\n".join(words(pool, 60) + ("\n" + words(pool, 10) if j == 1 else "") for j in range(4))
    day = 1 + i % 28
    month = 1 + i % 12
    date = f"20{10 + i % 15:02d}-{month:02d}-{day:02d} 10:{i % 60:02d}:00"
    out.write(f"<item>\n<title>{escape(title)}</title>\n<link>https://generated.example/{date[:4]}/{month:02d}/post-{i}/</link>\n"
              f"<dc:creator>{cdata('author')}</dc:creator>\n<content:encoded>{cdata(body)}</content:encoded>\n"
              f"<wp:post_id>{i}</wp:post_id>\n<wp:post_date_gmt>{date}</wp:post_date_gmt>\n<wp:post_name>post-{i}</wp:post_name>\n"
              f"<wp:status>publish</wp:status>\n<wp:post_type>post</wp:post_type>\n")
    out.write(f'<category domain="category" nicename="section-{i % 12}">{cdata(f"Section {i % 12}")}</category>\n')
    for tag in rng.sample(tags, rng.choice((2, 3))):
        out.write(f'<category domain="post_tag" nicename="{tag}">{cdata(tag)}</category>\n')
    first = comment_id + 1
    for c in range(2 + (1 if i % 5 == 0 else 0)):
        comment_id += 1
        parent = first if c == 2 else 0
        out.write(f"<wp:comment>\n<wp:comment_id>{comment_id}</wp:comment_id>\n<wp:comment_author>{cdata(f'Reader {comment_id % 97}')}</wp:comment_author>\n"
                  f"<wp:comment_author_email>reader{comment_id % 97}@example.com</wp:comment_author_email>\n"
                  f"<wp:comment_date_gmt>{date}</wp:comment_date_gmt>\n<wp:comment_content>{cdata(words(pool, 25))}</wp:comment_content>\n"
                  f"<wp:comment_approved>1</wp:comment_approved>\n<wp:comment_parent>{parent}</wp:comment_parent>\n</wp:comment>\n")
    out.write("</item>\n")
out.write("</channel>\n</rss>\n")
