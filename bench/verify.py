"""The generated-answer check (kb.verify) on scripted answers: bench/gold/llm_answers.jsonl.

    python bench/verify.py          # precision and recall of the check, per kind of sentence

Each scripted answer cites real passages: a whole Pasal of a shared regulation (parsed from
../shared/corpus/regulasi, so no law text is copied into the repository) or a whole card. A kept
sentence that is labelled unsupported is a false keep; a dropped one labelled supported, a false drop.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

ANSWERS = corpora.GOLD / "llm_answers.jsonl"


@lru_cache(maxsize=None)
def _tree(doc: str):
    from ingest.legal_tree import parse
    from ingest.pipeline import load_documents

    d = load_documents(corpora.REGULASI / f"{doc}.md")[0]
    return parse(d.pages, amending=bool(d.metadata.get("mengubah")))


def passage(ref: dict) -> str:
    """The text of {"doc", "pasal"} (a body Pasal) or {"doc"} (a card)."""
    if "pasal" in ref:
        tree = _tree(ref["doc"])
        p = next(p for p in tree.body if p.number == ref["pasal"])
        return f"Pasal {p.number}\n" + tree.text[p.start:p.end]
    from ingest.cards import load_yaml_documents

    path = next(corpora.CORPUS.glob(f"*/{ref['doc']}.yaml"))
    return load_yaml_documents(path)[0].text


def main() -> None:
    from kb.base import KnowledgeBase
    from kb.generated import similarity
    from kb.verify import verify
    from report import table

    kb = KnowledgeBase.open(corpora.INDEX_HOME / "verify")  # only its embedder and embedding cache are used
    sim = similarity(kb)
    counts: Counter = Counter()  # (kind, kept)
    for rec in map(json.loads, filter(str.strip, ANSWERS.open(encoding="utf-8"))):
        passages = {i: passage(ref) for i, ref in enumerate(rec["passages"], 1)}
        for s in rec["sentences"]:
            (checked,) = verify(s["text"], passages, sim)
            counts[(s["kind"], checked.kept)] += 1
    kinds = sorted({k for k, _ in counts})
    rows = [[k, counts[(k, True)] + counts[(k, False)], counts[(k, True)], counts[(k, False)]] for k in kinds]
    kept_ok = counts[("supported", True)]
    kept_bad = sum(counts[(k, True)] for k in kinds if k != "supported")
    supported = kept_ok + counts[("supported", False)]
    print(f"\n### Generated-answer check: {sum(counts.values())} scripted sentences\n")
    print(table(["kind", "sentences", "kept", "dropped"], rows))
    print(f"\nprecision (kept sentences that are supported) {kept_ok / max(kept_ok + kept_bad, 1):.4f}; "
          f"recall (supported sentences kept) {kept_ok / max(supported, 1):.4f}")
    kb.close()


if __name__ == "__main__":
    main()
