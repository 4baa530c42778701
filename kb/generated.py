"""A generated answer, checked sentence by sentence, or the quoted answer when the model fails.

`kb ask --llm` and the Cari page's toggle call `generate`; failure is ordinary: a server that is down,
slow or answers nonsense, or an answer none of whose sentences its sources support, gives the quoted
answer (kb.answer) with the reason, never an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from . import llm
from .answer import Answer, Sentence
from .base import KnowledgeBase
from .verify import verify


@dataclass
class Reply:
    """The object `kb ask --llm --json` prints: the short-answer object plus generated, model, dropped."""
    answer: Answer
    generated: bool
    model: str | None
    dropped: int = 0
    reason: str = ""  # why the quoted answer stands in, when it does

    def to_json(self) -> dict:
        return {**self.answer.to_json(), "generated": self.generated, "model": self.model, "dropped": self.dropped}

    @property
    def label(self) -> str:
        if self.generated:
            return (f"Jawaban dibuat oleh model {self.model}; setiap kalimat diperiksa terhadap sumbernya"
                    + (f" ({self.dropped} kalimat tidak didukung sumber dan dibuang)." if self.dropped else "."))
        return f"Jawaban kutipan (model tidak dipakai: {self.reason})." if self.reason else "Jawaban kutipan."


def similarity(kb: KnowledgeBase) -> Callable[[str, str], float]:
    def sim(sentence: str, passage: str) -> float:
        return float(np.dot(kb.embed_query(sentence), kb.embed_passages([passage])[0]))
    return sim


def generate(kb: KnowledgeBase, quoted: Answer, settings: llm.LLMSettings,
             pieces: Iterable[str] | None = None) -> Reply:
    """The model's answer to `quoted.question` over `quoted.hits`, checked; `pieces` is the answer already
    streamed (the UI shows it as it comes), else it is requested here in one response."""
    try:
        text = "".join(pieces) if pieces is not None else llm.complete(settings, quoted.question, quoted.hits)
    except llm.LLMError as e:
        return Reply(quoted, False, settings.model, reason=str(e))
    given = {h.rank: f"{h.citation}\n{h.text}" for h in llm.passages(quoted.hits)}
    checked = verify(text, given, similarity(kb))
    kept = [c for c in checked if c.kept]
    if not kept:
        return Reply(quoted, False, settings.model, len(checked),
                     reason="tidak ada kalimat model yang didukung sumbernya / no sentence of the model's answer "
                            "is supported by its sources")
    sentences = [Sentence(llm_text(c.text), c.cited) for c in kept]
    return Reply(Answer(quoted.question, sentences, quoted.hits), True, settings.model, len(checked) - len(kept))


def llm_text(sentence: str) -> str:
    """A checked sentence without its [n] markers (Answer.text puts them back)."""
    return re.sub(r"\s*(?:\[\d+\]\s*)+(?=[.!?]?$)", "", re.sub(r"\s*\[\d+\]\s*(?=[.!?])", "", sentence)).strip()
