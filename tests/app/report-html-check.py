#!/usr/bin/python3
"""report-html-check.py: checks of `consult report --format html`, for
test-report-html.sh (Debian's python3 with python3-html5lib).

  valid FILE          strict HTML5 parse, every <svg> well-formed XML, the
                      CSP and its style hash, nothing that runs or fetches;
                      prints the number of charts
  summary FILE CSV    every number of the report's tables equals the
                      summary export's cell, and every summary row of a
                      shown group has its table row; prints the cells
  groups FILE         the data-group of each table, one per line
  text FILE           the document's text (for grep)
  png FILE            the share (per mille) of pixels that are not the
                      background colour of a PNG screenshot
  bbox FILE MARGIN    every word of pdftotext -bbox output lies within
                      MARGIN points of each page's edges; prints the words
  netlog FILE         no request of the page in chromium's --log-net-log
                      other than file: and data: ones
"""
import base64, csv, hashlib, json, re, struct, sys, zlib
import xml.etree.ElementTree as ET


def parse(path):
    import html5lib
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    data = open(path, "rb").read()
    try:
        doc = parser.parse(data)
    except Exception as e:
        sys.exit("%s: not valid HTML5: %r %s" % (path, e, parser.errors[:3]))
    if parser.errors:
        sys.exit("%s: parse errors: %s" % (path, parser.errors[:3]))
    return doc, data.decode("utf-8")


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def valid(path):
    doc, text = parse(path)
    # Every SVG on its own is well-formed XML.
    svgs = re.findall(r"<svg\b.*?</svg>", text, re.S)
    for s in svgs:
        try:
            ET.fromstring(s)
        except ET.ParseError as e:
            sys.exit("an <svg> is not well-formed XML: %s\n%s" % (e, s[:300]))
    if len(svgs) != text.count("<svg"):
        sys.exit("an <svg> is not closed")
    # Nothing that runs, fetches or navigates away.
    bad = {"script", "iframe", "object", "embed", "img", "link", "image",
           "use", "foreignobject", "form", "base", "audio", "video", "frame"}
    for el in doc.iter():
        name = local(el.tag).lower()
        if name in bad:
            sys.exit("element <%s> in the report" % name)
        for k, v in el.attrib.items():
            k = local(k).lower()
            if k.startswith("on"):
                sys.exit("attribute %s=%r on <%s>" % (k, v, name))
            if k in ("href", "src", "xlink:href", "action", "srcset") and \
                    not v.startswith("#"):
                sys.exit("%s=%r on <%s>" % (k, v, name))
            if k == "style":
                sys.exit("a style attribute on <%s>" % name)
            if "http" in v.lower() or "javascript:" in v.lower():
                sys.exit("%s=%r on <%s>" % (k, v, name))
    # Raw markup never comes through: escaped, it is text.
    if re.search(r"<(script|iframe|img|object|embed|svg\s+on)", text.split(
            "</head>")[1], re.I):
        sys.exit("raw markup of a label in the body")
    if re.search(r"https?:|url\(|@import|@font-face", text.split("<body>")[0],
                 re.I):
        sys.exit("a URL in the head")
    if any(el.tag is ET.Comment or callable(el.tag) for el in doc.iter()):
        sys.exit("a comment in the document")
    # The policy: nothing but the report's own style sheet, by its hash.
    metas = [el for el in doc.iter() if local(el.tag) == "meta" and
             el.get("http-equiv", "").lower() == "content-security-policy"]
    if len(metas) != 1:
        sys.exit("no Content-Security-Policy meta")
    policy = metas[0].get("content")
    for d in ("default-src 'none'", "base-uri 'none'", "form-action 'none'"):
        if d not in policy:
            sys.exit("the policy lacks %s: %s" % (d, policy))
    styles = [el for el in doc.iter() if local(el.tag) == "style"]
    if len(styles) != 1:
        sys.exit("%d <style> elements" % len(styles))
    digest = base64.b64encode(hashlib.sha256(
        styles[0].text.encode("utf-8")).digest()).decode()
    if "style-src 'sha256-%s'" % digest not in policy:
        sys.exit("the style sheet's hash is not the policy's")
    for el in doc.iter():
        if local(el.tag) == "svg":
            kids = [local(k.tag) for k in el]
            if kids[:2] != ["title", "desc"]:
                sys.exit("an <svg> without <title> and <desc>")
    print(len(svgs))


def cells(el):
    """The text of el's descendants by their class."""
    out = {}
    for d in el.iter():
        for c in (d.get("class") or "").split():
            out.setdefault(c, "".join(d.itertext()).strip())
    return out


def summary(path, csvpath):
    doc, _ = parse(path)
    got = {}     # (group, question, option) -> {column: text}
    for q in doc.iter():
        if q.get("data-question") is None:
            continue
        for t in q.iter():
            if local(t.tag) != "table" or t.get("data-group") is None:
                continue
            key = (t.get("data-group"), q.get("data-question"))
            qrow = {}
            for el in t.iter():
                if local(el.tag) == "caption":
                    qrow = cells(el)
                if local(el.tag) == "tr" and el.get("data-option"):
                    got[key + (el.get("data-option"),)] = cells(el)
            got[key + ("",)] = qrow
    rows = list(csv.DictReader(open(csvpath, newline="", encoding="utf-8")))
    cols = ("answered", "count", "percent", "mean", "median", "min", "max",
            "mean_rank", "first", "borda", "standing", "option_label")
    n = 0
    groups = {k[0] for k in got}
    for r in rows:
        if r["group"] not in groups:
            continue
        key = (r["group"], r["question"], r["option"])
        if key not in got:
            sys.exit("no table row for %s" % (key,))
        have = got[key]
        if r["option"] and "answered" not in have:
            have = dict(have, answered=got[key[:2] + ("",)].get("answered"))
        for c in cols:
            if r[c] == "" and c not in have:
                continue
            if have.get(c) != r[c]:
                sys.exit("%s %s: report %r, summary %r" % (key, c,
                         have.get(c), r[c]))
            n += 1
    print(n)


def groups(path):
    doc, _ = parse(path)
    seen = []
    for t in doc.iter():
        g = t.get("data-group")
        if local(t.tag) == "table" and g is not None and g not in seen:
            seen.append(g)
    print("\n".join(seen))


def text(path):
    doc, _ = parse(path)
    print("".join(doc.itertext()))


def png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6):
        sys.exit("PNG of depth %d, colour type %d" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    pixels = {}
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        for x in range(0, stride, bpp):
            px = bytes(line[x:x + 3])
            pixels[px] = pixels.get(px, 0) + 1
        prev = line
    background = max(pixels, key=pixels.get)
    other = w * h - pixels[background]
    print(other * 1000 // (w * h))


def bbox(path, margin):
    margin = float(margin)
    page = None
    n = 0
    for line in open(path, encoding="utf-8"):
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page = (float(m.group(1)), float(m.group(2)))
            continue
        m = re.search(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" '
                      r'xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>', line)
        if not m:
            continue
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        if x0 < margin or x1 > page[0] - margin or y0 < 0 or y1 > page[1]:
            sys.exit("word %r at %.1f..%.1f of a page %.1f wide" %
                     (m.group(5), x0, x1, page[0]))
        n += 1
    print(n)


def netlog(path):
    log = json.load(open(path, encoding="utf-8"))
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    page, own = set(), set()
    for e in log.get("events", []):
        p = e.get("params") or {}
        if types.get(e["type"]) != "URL_REQUEST_START_JOB" or "url" not in p:
            continue
        # Chromium's own housekeeping (network time, component updates)
        # has no initiator; what a page loads has the page's origin.
        if p.get("initiator", "not an origin") == "not an origin":
            own.add(p["url"].split("/")[2] if "//" in p["url"] else p["url"])
        elif not p["url"].startswith(("file:", "data:")):
            page.add(p["url"])
    if page:
        sys.exit("the page requested %s" % " ".join(sorted(page)))
    print("no request from the page; chromium's own: %s" %
          (" ".join(sorted(own)) or "none"))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"valid": valid, "summary": summary, "groups": groups, "text": text,
     "png": png, "bbox": bbox, "netlog": netlog}[cmd](*args)
