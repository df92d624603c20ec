#!/usr/bin/env python3
"""bench/peers-summary.py — the structure of PDF files, side by side, for
bench/peers-pdfa.sh.

Usage: bench/peers-summary.py FILE.pdf...

Reads each file with `qpdf --json` (objects, stream data inline) and
prints one Markdown table, a row per property and a column per file:
version, size, XMP properties, output intent, fonts (from pdffonts),
annotations and their flags, the structure tree and its roles,
MarkInfo, Lang, ViewerPreferences, associated files. Only the Python
standard library, qpdf and poppler's pdffonts are used.
"""
import base64
import collections
import json
import os
import re
import subprocess
import sys


def qpdf_json(path):
    out = subprocess.run(["qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path],
                         capture_output=True, check=False).stdout
    return json.loads(out)


def objects(doc):
    objs = {}
    for item in doc["qpdf"][1:]:
        for key, val in item.items():
            m = re.match(r"obj:(\d+) 0 R", key)
            if m:
                objs[m.group(1) + " 0 R"] = val
    return objs


def value(o):
    """The dictionary of object o (a stream's dictionary); {} for others."""
    v = o.get("value", o.get("stream", {}).get("dict", {})) if isinstance(o, dict) else o
    return v if isinstance(v, dict) else {}


def deref(objs, v):
    seen = 0
    while isinstance(v, str) and v.endswith(" 0 R") and seen < 10:
        o = objs.get(v, {})
        v = o.get("value", o.get("stream", {}).get("dict"))
        seen += 1
    return v


def stream_data(objs, ref):
    s = objs.get(ref, {}).get("stream", {})
    return base64.b64decode(s.get("data", "")) if s.get("data") else b""


def xmp_props(data):
    """Properties of the XMP packet: prefix:name of every element or
    attribute under rdf:Description, with simple values."""
    text = data.decode("utf-8", "replace")
    props = {}
    for m in re.finditer(r"<([A-Za-z][\w.-]*:[\w.-]+)(?:\s[^>]*)?>([^<]*)</\1>", text):
        name, val = m.group(1), m.group(2).strip()
        if name.startswith(("rdf:", "x:", "pdfaSchema:", "pdfaProperty:", "pdfaExtension:")):
            continue
        props.setdefault(name, val)
    for m in re.finditer(r"<rdf:Description\b([^>]*)>", text):
        for a in re.finditer(r"([A-Za-z][\w.-]*:[\w.-]+)=\"([^\"]*)\"", m.group(1)):
            if not a.group(1).startswith(("rdf:", "xmlns:")):
                props.setdefault(a.group(1), a.group(2))
    # Values of list properties (dc:title, dc:creator) are in rdf:li.
    for name in ("dc:title", "dc:creator", "dc:description"):
        m = re.search(r"<" + name + r">.*?<rdf:li[^>]*>([^<]*)</rdf:li>", text, re.S)
        if m:
            props[name] = m.group(1).strip()
    ext = len(re.findall(r"<pdfaSchema:namespaceURI>", text))
    return props, ext


def fonts(path):
    out = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=False).stdout.splitlines()[2:]
    rows = []
    for line in out:
        f = line.split()
        if len(f) >= 7:
            n = len(f)
            rows.append({"name": f[0], "type": " ".join(f[1:n - 6]), "emb": f[n - 5], "sub": f[n - 4], "uni": f[n - 3]})
    return rows


def summary(path):
    doc = qpdf_json(path)
    objs = objects(doc)
    trailer = value(doc["qpdf"][1].get("trailer", {}))
    root = deref(objs, trailer.get("/Root"))
    s = collections.OrderedDict()
    with open(path, "rb") as f:
        s["header"] = f.read(8).decode("latin-1")
    s["file size (bytes)"] = str(os.path.getsize(path))
    pages = [k for k, o in objs.items() if value(o).get("/Type") == "/Page"] if objs else []
    s["pages"] = str(len(pages))
    s["trailer /ID"] = "yes" if trailer.get("/ID") else "no"
    info = deref(objs, trailer.get("/Info")) or {}
    s["Info keys"] = " ".join(sorted(k.lstrip("/") for k in info)) or "none"

    meta = root.get("/Metadata")
    if meta:
        props, ext = xmp_props(stream_data(objs, meta))
        ids = [f"{k}={props[k]}" for k in ("pdfaid:part", "pdfaid:conformance", "pdfuaid:part") if k in props]
        s["XMP identification"] = " ".join(ids) or "none"
        s["XMP properties"] = str(len(props)) + ": " + " ".join(sorted(k for k in props if not k.startswith(("pdfaid:", "pdfuaid:"))))
        s["XMP extension schemas"] = str(ext)
    else:
        s["XMP identification"] = "no XMP"
    intents = deref(objs, root.get("/OutputIntents")) or []
    desc = []
    for it in intents:
        it = deref(objs, it)
        prof = it.get("/DestOutputProfile")
        icc = stream_data(objs, prof) if prof else b""
        tag = ""
        m = re.search(rb"desc\x00\x00\x00\x00\x00\x00\x00.([\x20-\x7e]{3,60})", icc, re.S)
        if m:
            tag = m.group(1).decode()
        elif b"mluc" in icc[128:4096]:
            tag = "(mluc description, ICC v4)"
        ver = f"v{icc[8]}.{icc[9] >> 4}" if len(icc) > 10 else "?"
        desc.append(f"{it.get('/S', '')} {it.get('/OutputConditionIdentifier', '')} profile {len(icc)} B ICC {ver} {tag}".strip())
    s["output intent"] = "; ".join(desc) or "none"

    rows = fonts(path)
    types = collections.Counter(r["type"] for r in rows)
    s["fonts (pdffonts)"] = f"{len(rows)}: " + ", ".join(f"{n}x {t}" for t, n in sorted(types.items()))
    s["fonts embedded / subset / ToUnicode"] = "/".join(
        str(sum(1 for r in rows if r[k] == "yes")) for k in ("emb", "sub", "uni")) + f" of {len(rows)}"

    annots = [value(o) for o in objs.values() if value(o).get("/Type") == "/Annot" or value(o).get("/Subtype") in ("/Link", "/Widget")]
    flags = collections.Counter(str(a.get("/F", "none")) for a in annots)
    s["annotations"] = f"{len(annots)}: " + ", ".join(f"{n}x {t}" for t, n in collections.Counter(a.get("/Subtype", "?") for a in annots).items()) if annots else "0"
    s["annotation /F"] = ", ".join(f"{n}x {k}" for k, n in sorted(flags.items())) if annots else "-"
    s["annotations with /StructParent / /Contents"] = (
        f"{sum(1 for a in annots if '/StructParent' in a)} / {sum(1 for a in annots if '/Contents' in a)}" if annots else "-")

    mark = deref(objs, root.get("/MarkInfo")) or {}
    s["MarkInfo /Marked"] = str(mark.get("/Marked", "none"))
    tree = deref(objs, root.get("/StructTreeRoot"))
    if tree:
        roles = collections.Counter(value(o).get("/S") for o in objs.values() if value(o).get("/Type") == "/StructElem" or
                                    ("/S" in value(o) and "/P" in value(o) and "/K" in value(o)))
        rm = deref(objs, tree.get("/RoleMap")) or {}
        s["structure tree"] = f"yes, {sum(roles.values())} elements"
        s["structure roles"] = " ".join(f"{r.lstrip('/')}x{n}" for r, n in sorted(roles.items(), key=lambda x: -x[1]))
        s["RoleMap"] = " ".join(f"{k.lstrip('/')}→{str(v).lstrip('/')}" for k, v in rm.items()) or "none"
    else:
        s["structure tree"] = "no"
    s["Lang"] = str(root.get("/Lang", "none"))
    vp = deref(objs, root.get("/ViewerPreferences")) or {}
    s["DisplayDocTitle"] = str(vp.get("/DisplayDocTitle", "none"))
    outl = deref(objs, root.get("/Outlines"))
    s["outline"] = f"yes, /Count {outl.get('/Count')}" if outl else "no"
    s["catalog /AF, EmbeddedFiles"] = ("AF " if root.get("/AF") else "") + ("EmbeddedFiles" if "/EmbeddedFiles" in json.dumps(root.get("/Names", "")) else "none")
    return s


def main():
    files = sys.argv[1:]
    cols = [summary(f) for f in files]
    keys = list(collections.OrderedDict.fromkeys(k for c in cols for k in c))
    print("| property | " + " | ".join(os.path.basename(f) for f in files) + " |")
    print("|---|" + "---|" * len(files))
    for k in keys:
        print(f"| {k} | " + " | ".join(c.get(k, "-").replace("|", "\\|") for c in cols) + " |")


if __name__ == "__main__":
    main()
