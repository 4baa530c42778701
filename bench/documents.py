"""Legal PDFs read as `kb ingest` reads them, against bench/gold/documents.yaml.

    python bench/documents.py          # seconds; no embedding

For the 8 shared government PDFs and the acts tests/pdfgen.py writes (Keputusan with diktum and Lampiran,
Peraturan DPRD, Instruksi, two Surat Edaran by numbered points, an amending Perwal, a Peraturan Kepala Dinas, a
Keputusan without its number): whether jenis, nomor, tahun and issuer were read right (a cell shows what was read
when it is wrong), the units of the body (Pasal, diktum or angka) recovered of those present, units read that are not
there, and for amending acts the changes of Pasal I whose target Pasal was recovered.
"""
from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from corpora import PDF  # noqa: E402
from ingest.legal_tree import parse  # noqa: E402
from ingest.pipeline import load_documents  # noqa: E402
from pdfgen import read_gold, write_acts  # noqa: E402

FIELDS = ("jenis", "nomor", "tahun", "issuer")


def _found(expected: list[str], read: list[str]) -> tuple[int, int]:
    """(expected units read, units read that were not expected), counted as multisets."""
    hit = sum((Counter(expected) & Counter(read)).values())
    return hit, len(read) - hit


def main() -> None:
    gold = read_gold()
    with tempfile.TemporaryDirectory() as tmp:
        paths = {p.name: p for p in write_acts(Path(tmp))}
        paths.update({e["file"]: PDF / e["file"] for e in gold if e["source"] == "shared"})
        rows, right, units, extra, changes = [], 0, [0, 0], 0, [0, 0]
        for e in gold:
            doc = load_documents(paths[e["file"]])[0]
            meta = doc.metadata
            if e.get("status_reason"):
                ok = "status_reason" in meta and "jenis" not in meta
                cells = ["-"] * len(FIELDS)
            else:
                ok = all(meta.get(f, "") == e[f] for f in FIELDS)
                cells = ["✓" if meta.get(f, "") == e[f] else f"✗ `{meta.get(f, '')}`" for f in FIELDS]
            right += ok
            tree = parse(doc.pages, amending=bool(meta.get("mengubah")), units=str(meta.get("unit_kind", "pasal")))
            read = [p.number for p in tree.body] if tree else []
            hit, more = _found(e["units"], read)
            units[0] += hit
            units[1] += len(e["units"])
            extra += more
            targets = [c.target for p in tree.body for c in p.changes] if tree else []
            c_hit, _ = _found(e["changes"], targets)
            changes[0] += c_hit
            changes[1] += len(e["changes"])
            kind = meta.get("unit_kind", "pasal")
            rows.append([e["file"], e["source"], *cells, "✓" if ok else "✗",
                         f"{hit}/{len(e['units'])} {kind}" if e["units"] else f"{len(read)}/0",
                         str(more), f"{c_hit}/{len(e['changes'])}" if e["changes"] else ""])
    print("| file | source | jenis | nomor | tahun | issuer | identity | units found/present | extra | changes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"\nidentity right: {right}/{len(gold)}; units recovered: {units[0]}/{units[1]} "
          f"({units[0] / units[1]:.1%}), extra units: {extra}; amendment changes: {changes[0]}/{changes[1]}")


if __name__ == "__main__":
    main()
