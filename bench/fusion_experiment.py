"""Which fusion of dense and BM25 rankings to ship: every candidate method, measured.

Each query's dense and lexical candidate lists (with scores, as deep as search fetches them)
are fetched once and cached; every method then runs offline over the same lists, so the grid
takes seconds. Weights are judged by two-fold cross-validation over the queries (fit on one
half, score on the other), so a method is not credited for having been tuned on its test set.
As in kb.search, BM25 searches for the query with kb.thesaurus terms added, and questions it
expanded are a kind of their own.

    python bench/fusion_experiment.py [tydi] [gold]
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

from kb.evaluate import read_qrels, read_queries, score_run  # noqa: E402
from kb.fusion import (EXPANDED_QUESTION_WEIGHT, LEXICAL_WEIGHT, FusionMethod, QueryKind, Ranked,  # noqa: E402
                       blend, fuse, query_kind, rrf)
from kb.search import CANDIDATES, LEGAL  # noqa: E402
from kb.thesaurus import THESAURUS, expand  # noqa: E402

Fuser = Callable[[str, Ranked, Ranked], Ranked]
WEIGHTS = [i / 10 for i in range(11)]


def kind_of(query: str) -> str:
    kind = query_kind(query)
    return "question+thesaurus" if kind is QueryKind.QUESTION and expand(query).added else kind.value


@dataclass
class Candidates:
    text: str
    kind: str
    dense: Ranked
    lexical: Ranked


@dataclass
class Bench:
    name: str
    cands: dict[str, Candidates]
    doc_of: dict[str, str]
    qrels: dict[str, dict[str, int]]
    legal: set[str]  # chunk ids of regulations

    def shipped(self, q: str, d: Ranked, l: Ranked) -> Ranked:
        return fuse(q, d, l, expanded=bool(expand(q).added), is_legal=lambda ids: [i in self.legal for i in ids])

    def mrr(self, qids: list[str], f: Fuser) -> float:
        run = {q: [self.doc_of[cid] for cid, _ in f(self.cands[q].text, self.cands[q].dense, self.cands[q].lexical)[:30]]
               for q in qids}
        return score_run(run, {q: self.qrels[q] for q in qids})["MRR@10"] if qids else 0.0


def load(c: corpora.Collection) -> Bench:
    """Candidate lists per judged query and chunk id -> doc id, cached per index generation."""
    kb = corpora.open_index(c)
    thesaurus = hashlib.sha256(THESAURUS.read_bytes()).hexdigest()[:8]
    cache = corpora.INDEX_HOME / f"{c.name}-candidates-v2-{kb.store.generation}-{CANDIDATES}-{thesaurus}.json"
    qrels = read_qrels(c.qrels)
    if cache.exists():
        raw = json.loads(cache.read_text())
    else:
        chunks = list(kb.store.iter_chunks())
        raw = {"queries": {}, "doc_of": {ch.chunk_id: str(ch.meta["doc_id"]) for ch in chunks},
               "legal": [ch.chunk_id for ch in chunks if ch.meta.get("doc_type") == LEGAL]}
        for q in read_queries(c.queries):
            if q.qid in qrels:
                raw["queries"][q.qid] = {"text": q.text,
                                         "dense": kb.store.query(kb.embed_query(q.text), CANDIDATES),
                                         "lexical": kb.lexical.search(expand(q.text).text, CANDIDATES)}
        cache.write_text(json.dumps(raw))
    kb.close()
    cands = {qid: Candidates(v["text"], kind_of(v["text"]), [tuple(x) for x in v["dense"]],
                             [tuple(x) for x in v["lexical"]]) for qid, v in raw["queries"].items()}
    return Bench(c.name, cands, raw["doc_of"], qrels, set(raw["legal"]))


def folds(qids: list[str]) -> list[tuple[list[str], list[str]]]:
    shuffled = sorted(qids)
    random.Random(13).shuffle(shuffled)
    a, b = shuffled[::2], shuffled[1::2]
    return [(a, b), (b, a)]


def held_out(b: Bench, make: Callable[[float], Fuser], per_kind: bool) -> float:
    """Mean MRR@10 on held-out halves, the weight (per query kind if asked) fitted on the other half."""
    total = 0.0
    for fit, test in folds(list(b.cands)):
        kinds = {b.cands[q].kind for q in fit}
        groups = {k: [q for q in fit if b.cands[q].kind == k] for k in kinds} if per_kind else {None: fit}
        chosen = {k: max(WEIGHTS, key=lambda w: b.mrr(ids, make(w))) for k, ids in groups.items()}

        def fused(q: str, d: Ranked, l: Ranked) -> Ranked:
            return make(chosen[kind_of(q) if per_kind else None])(q, d, l)

        total += b.mrr(test, fused) * len(test)
    return total / len(b.cands)


def families() -> dict[str, Callable[[float], Fuser]]:
    """Method -> (lexical weight -> fuser)."""
    out: dict[str, Callable[[float], Fuser]] = {
        "rrf k=60": lambda w: lambda q, d, l: rrf(d, l, w, 60),
        "rrf k=10": lambda w: lambda q, d, l: rrf(d, l, w, 10),
    }
    for m in FusionMethod:
        out[f"blend {m.value}"] = lambda w, m=m: lambda q, d, l: blend(d, l, w, m)
    return out


def report(b: Bench) -> None:
    qids = sorted(b.cands)
    print(f"\n## {b.name}: {len(qids)} judged queries, {CANDIDATES} candidates per retriever\n")
    baseline = {"dense": lambda q, d, l: d, "lexical": lambda q, d, l: l,
                "rrf k=60, equal weights": lambda q, d, l: rrf(d, l, 0.5, 60), "shipped fuse()": b.shipped}
    print("| method | MRR@10 |\n|---|---|")
    for name, f in baseline.items():
        print(f"| {name} | {b.mrr(qids, f):.4f} |")

    kinds = {k: [q for q in qids if b.cands[q].kind == k] for k in sorted({b.cands[q].kind for q in qids})}
    print("\nMRR@10 by lexical weight w (0 = dense only, 1 = lexical only), per query kind:\n")
    print("| method | kind | n | " + " | ".join(f"{w:.1f}" for w in WEIGHTS) + " |")
    print("|---|---|---|" + "---|" * len(WEIGHTS))
    for name, make in families().items():
        for k, ids in kinds.items():
            row = [b.mrr(ids, make(w)) for w in WEIGHTS]
            best = max(row)
            cells = [f"**{v:.3f}**" if v == best else f"{v:.3f}" for v in row]
            print(f"| {name} | {k} | {len(ids)} | " + " | ".join(cells) + " |")

    print("\nHeld-out MRR@10 (2-fold CV): one weight for all queries, or one per query kind:\n")
    print("| method | one weight | per kind |\n|---|---|---|")
    for name, make in families().items():
        print(f"| {name} | {held_out(b, make, False):.4f} | {held_out(b, make, True):.4f} |")
    print("\nShipped weights: " + ", ".join(f"{k.value} {w}" for k, w in LEXICAL_WEIGHT.items())
          + f", question+thesaurus {EXPANDED_QUESTION_WEIGHT}")


if __name__ == "__main__":
    for n in sys.argv[1:] or ["tydi"]:
        report(load(getattr(corpora, n)()))
