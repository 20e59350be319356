"""RSS feeds that attack XML parsers, shared by the security tests and the soak (bench/soak.py)."""

from __future__ import annotations

from pathlib import Path

ITEM = "<item><title>عنوان</title><guid>g{n}</guid><description>{body}</description></item>"


def hostile_feeds(secret: Path) -> dict[str, str]:
    """File name -> feed: a billion-laughs bomb, an external entity and an external DTD that point at
    ``secret`` (a local file whose text must never come out), and a quadratic blow-up."""
    lols = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
    rss = '<rss version="2.0"><channel><title>t</title>{}</channel></rss>'
    return {
        "billion-laughs.rss": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{lols}]>'
                              + rss.format(ITEM.format(n=1, body="&lol9; نص الخبر هنا")),
        "external-entity.rss": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                               + rss.format(ITEM.format(n=2, body="&xxe; نص الخبر هنا للقراءة")),
        "external-dtd.rss": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "file://{secret}"> %ext;]>'
                            + rss.format(ITEM.format(n=3, body="نص الخبر هنا للقراءة")),
        "quadratic-blowup.rss": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>'
                                + rss.format(ITEM.format(n=4, body="&a;" * 2_000)),
    }
