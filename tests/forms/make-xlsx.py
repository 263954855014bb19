#!/usr/bin/env python3
"""make-xlsx.py: the .xlsx test set, made from our own CSV forms.

    make-xlsx.py OUTDIR FORM.csv...     OUTDIR/FORM.xlsx for each form, and
                                        OUTDIR/hostile/*: damaged archives
    make-xlsx.py --fuzz DIR FORM.csv... libFuzzer inputs for fuzz-xlsx

A CSV form in pyxform's single-file layout becomes a workbook with one
sheet per CSV sheet (names in mixed case: "survey", "Choices",
"SETTINGS"), the header in row 1; whole numbers become number cells,
other text shared strings, every third one an inline string instead, so
that every kind of cell the reader knows is used. Only the standard
library (zipfile) is used.
"""
import csv
import io
import os
import re
import sys
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_CASE = {"survey": "survey", "choices": "Choices",
              "settings": "SETTINGS"}


def read_csv_form(path):
    """Sheets of a pyxform CSV form: {name: [rows]}, in file order."""
    sheets, current = {}, None
    with open(path, encoding="utf-8-sig", newline="") as fp:
        for row in csv.reader(fp):
            row = [c.strip() for c in row]
            if not any(row):
                continue
            if row[0]:
                current = row[0].lower()
                sheets[current] = []
                if any(row[1:]):
                    sheets[current].append(row[1:])
            elif current is not None:
                sheets[current].append(row[1:])
    return sheets


def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, strings):
    out = [HEAD, f'<worksheet xmlns="{NS}"><sheetData>']
    k = 0
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}">')
        for c, cell in enumerate(row):
            if cell == "":
                continue
            ref = f"{col_name(c)}{r}"
            if re.fullmatch(r"-?(0|[1-9][0-9]{0,14})", cell):
                out.append(f'<c r="{ref}"><v>{cell}</v></c>')
                continue
            k += 1
            if k % 3 == 0:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space='
                           f'"preserve">{esc(cell)}</t></is></c>')
            else:
                if cell not in strings:
                    strings[cell] = len(strings)
                out.append(f'<c r="{ref}" t="s"><v>{strings[cell]}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook_parts(sheets):
    """{part name: bytes} of a workbook holding these sheets."""
    strings, parts, entries, rels = {}, {}, [], []
    for i, (name, rows) in enumerate(sheets.items(), 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(rows, strings)
        label = SHEET_CASE.get(name, name)
        entries.append(f'<sheet name="{esc(label)}" sheetId="{i}" '
                       f'r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{RNS}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>')
    n = len(sheets)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="{RNS}/sharedStrings" '
                f'Target="sharedStrings.xml"/>')
    sst = "".join(f'<si><t xml:space="preserve">{esc(s)}</t></si>'
                  for s in strings)
    parts["xl/sharedStrings.xml"] = (
        f'{HEAD}<sst xmlns="{NS}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{sst}</sst>')
    parts["xl/workbook.xml"] = (
        f'{HEAD}<workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>'
        f'{"".join(entries)}</sheets></workbook>')
    parts["xl/_rels/workbook.xml.rels"] = (
        f'{HEAD}<Relationships xmlns="{PNS}">{"".join(rels)}'
        f'</Relationships>')
    parts["_rels/.rels"] = (
        f'{HEAD}<Relationships xmlns="{PNS}"><Relationship Id="rId1" '
        f'Type="{RNS}/officeDocument" Target="xl/workbook.xml"/>'
        f'</Relationships>')
    parts["[Content_Types].xml"] = (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/'
        f'2006/content-types"><Default Extension="xml" '
        f'ContentType="application/xml"/></Types>')
    return parts


def write_zip(path, parts, order=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order or parts:
            data = parts[name]
            z.writestr(name, data if isinstance(data, bytes)
                       else data.encode("utf-8"))


def zip_bytes(parts):
    b = io.BytesIO()
    write_zip(b, parts)
    return b.getvalue()


SMALL = {"survey": [["type", "name", "label"], ["text", "q", "Q?"]]}


def hostile(outdir):
    """Damaged and hostile workbooks; tests/app/test-xlsx.sh says what
    each must be refused with."""
    os.makedirs(outdir, exist_ok=True)
    good = zip_bytes(workbook_parts(SMALL))

    def put(name, data):
        with open(os.path.join(outdir, name), "wb") as fp:
            fp.write(data)

    put("truncated.xlsx", good[:len(good) * 6 // 10])
    put("notzip.xlsx", b"type,name,label\n")
    put("old.xls", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    parts = workbook_parts(SMALL)
    parts["xl/worksheets/sheet1.xml"] = (
        f'{HEAD}<worksheet xmlns="{NS}"><sheetData>' + " " * (40 << 20) +
        "</sheetData></worksheet>")
    put("bomb.xlsx", zip_bytes(parts))
    parts = workbook_parts(SMALL)
    parts["xl/worksheets/sheet1.xml"] = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" '
        't="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData>'
        '</worksheet>')
    put("doctype.xlsx", zip_bytes(parts))
    parts = workbook_parts(SMALL)
    del parts["xl/worksheets/sheet1.xml"]
    put("missing-sheet.xlsx", zip_bytes(parts))
    parts = workbook_parts({"Sheet1": [["a"]], "Sheet2": [["b"]]})
    put("no-survey.xlsx", zip_bytes(parts))
    parts = workbook_parts(SMALL)
    parts["xl/worksheets/sheet1.xml"] = parts[
        "xl/worksheets/sheet1.xml"].replace('<v>0</v>', '<v>99</v>', 1)
    put("bad-string.xlsx", zip_bytes(parts))
    parts = workbook_parts(SMALL)
    parts["xl/worksheets/sheet1.xml"] = parts[
        "xl/worksheets/sheet1.xml"].replace(
        "</row>", '<c r="AMK1" t="inlineStr"><is><t>far</t></is></c></row>',
        1)
    put("wide.xlsx", zip_bytes(parts))
    parts = workbook_parts(SMALL)
    parts["xl/worksheets/sheet1.xml"] = parts[
        "xl/worksheets/sheet1.xml"].replace("<sheetData>", "<sheetData><row")
    put("badxml.xlsx", zip_bytes(parts))


def fuzz_inputs(outdir, forms):
    """Raw archives (first byte 0) and XML parts (first byte 1, parts
    separated by a line =====), as fuzz-xlsx.c reads them."""
    os.makedirs(outdir, exist_ok=True)
    order = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]
    for path in forms:
        base = os.path.splitext(os.path.basename(path))[0]
        sheets = read_csv_form(path)
        parts = workbook_parts(sheets)
        with open(os.path.join(outdir, base + "-zip"), "wb") as fp:
            fp.write(b"\0" + zip_bytes(parts))
        xml = [parts[n] for n in order]
        xml.append(f'{HEAD}<styleSheet xmlns="{NS}"><numFmts count="1">'
                   '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
                   '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf '
                   'numFmtId="14"/><xf numFmtId="164"/></cellXfs>'
                   '</styleSheet>')
        if "xl/worksheets/sheet2.xml" in parts:
            xml.append(parts["xl/worksheets/sheet2.xml"])
        with open(os.path.join(outdir, base + "-xml"), "wb") as fp:
            fp.write(b"\1" + "\n=====\n".join(xml).encode("utf-8"))


def main(argv):
    if len(argv) >= 3 and argv[1] == "--fuzz":
        fuzz_inputs(argv[2], argv[3:])
        return 0
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    for path in argv[2:]:
        base = os.path.splitext(os.path.basename(path))[0]
        try:
            sheets = read_csv_form(path)
        except (UnicodeDecodeError, csv.Error) as err:
            print(f"make-xlsx.py: {path}: skipped ({err})", file=sys.stderr)
            continue
        write_zip(os.path.join(outdir, base + ".xlsx"),
                  workbook_parts(sheets))
    hostile(os.path.join(outdir, "hostile"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
