"""Optional generated answers from a model the user runs (Ollama, llama.cpp's server, vLLM, a hosted
service), through the OpenAI-compatible chat API, with every sentence checked (kb.verify).

Nothing is sent anywhere unless KB_LLM_URL (or --llm-url, or the UI's setting) names a server; then the
question and the top passages go to that server and to nothing else. The API key is sent as a bearer
token and never printed or logged. Standard library only (urllib), like kb.fetch.
"""
from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Iterator

from .search import Hit

TIMEOUT_S = 60.0
# Passages given to the model: the hits the quoted answer draws on, and a few more.
PASSAGES = 6
PASSAGE_CHARS = 1500

SYSTEM = (
    "Anda asisten riset untuk tata kelola kota cerdas di Indonesia. Jawab HANYA berdasarkan sumber bernomor "
    "yang diberikan. Tulis jawaban singkat dalam bahasa pertanyaan. Setiap kalimat harus diakhiri dengan nomor "
    "sumber tempat kalimat itu bersandar, misalnya [1] atau [1][3]. Jangan menambah fakta, angka, tahun, atau "
    "nomor Pasal yang tidak tertulis di sumber. Jika sumber tidak menjawab pertanyaan, katakan: \"Sumber yang "
    "ada tidak menjawab pertanyaan ini.\"")


class LLMError(RuntimeError):
    """The model could not be used: the reason, in Indonesian and English, without the key."""


@dataclass(frozen=True)
class LLMSettings:
    url: str  # base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1
    model: str
    api_key: str | None = None
    timeout: float = TIMEOUT_S

    def __repr__(self) -> str:  # the key never reaches a log or a traceback
        return f"LLMSettings(url={self.url!r}, model={self.model!r}, api_key={'***' if self.api_key else None})"


def configured(url: str | None = None, model: str | None = None, api_key: str | None = None) -> LLMSettings | None:
    """Settings from the arguments, else KB_LLM_URL / KB_LLM_MODEL / KB_LLM_API_KEY; None when no URL is set."""
    url = url or os.environ.get("KB_LLM_URL")
    if not url:
        return None
    model = model or os.environ.get("KB_LLM_MODEL")
    if not model:
        raise LLMError("KB_LLM_MODEL belum diisi: nama model di server itu / set KB_LLM_MODEL to the model's name")
    return LLMSettings(url.rstrip("/"), model, api_key or os.environ.get("KB_LLM_API_KEY") or None)


def passages(hits: list[Hit]) -> list[Hit]:
    return hits[:PASSAGES]


def messages(question: str, hits: list[Hit]) -> list[dict]:
    """The prompt: the question and the passages, each numbered [n] as in the hit list, with its citation."""
    sources = "\n\n".join(f"[{h.rank}] {h.citation}\n{h.text[:PASSAGE_CHARS]}" for h in passages(hits))
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"Sumber:\n\n{sources}\n\nPertanyaan: {question}"}]


def _request(s: LLMSettings, body: dict) -> urllib.request.Request:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if s.api_key:
        headers["Authorization"] = f"Bearer {s.api_key}"
    return urllib.request.Request(f"{s.url}/chat/completions", data=json.dumps(body).encode(), headers=headers,
                                  method="POST")


def _open(s: LLMSettings, body: dict):
    try:
        return urllib.request.urlopen(_request(s, body), timeout=s.timeout)
    except urllib.error.HTTPError as e:
        raise LLMError(f"server model menjawab HTTP {e.code} / the model server answered HTTP {e.code}") from None
    except (TimeoutError, socket.timeout):
        raise LLMError(f"server model tidak menjawab dalam {s.timeout:.0f} detik / the model server timed out") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise LLMError(f"server model {s.url} tidak dapat dihubungi / cannot reach the model server: {reason}") from None


def complete(s: LLMSettings, question: str, hits: list[Hit]) -> str:
    """The model's whole answer, in one response."""
    with _open(s, {"model": s.model, "messages": messages(question, hits), "temperature": 0, "stream": False}) as r:
        raw = _read(r, s)
    try:
        return str(json.loads(raw)["choices"][0]["message"]["content"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise LLMError("jawaban server model bukan JSON chat completion / the model server's reply is not a chat "
                       "completion") from None


def stream(s: LLMSettings, question: str, hits: list[Hit]) -> Iterator[str]:
    """The model's answer as it is generated (server-sent events), piece by piece."""
    with _open(s, {"model": s.model, "messages": messages(question, hits), "temperature": 0, "stream": True}) as r:
        while True:
            try:
                line = r.readline()
            except (TimeoutError, socket.timeout):
                raise LLMError("server model berhenti menjawab / the model server stopped answering") from None
            if not line:
                return
            line = line.decode("utf-8", "replace").strip()
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                return
            try:
                piece = json.loads(data)["choices"][0].get("delta", {}).get("content") or ""
            except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                raise LLMError("aliran jawaban server model rusak / the model server's stream is malformed") from None
            if piece:
                yield piece


def _read(r, s: LLMSettings) -> bytes:
    try:
        return r.read()
    except (TimeoutError, socket.timeout):
        raise LLMError(f"server model tidak selesai menjawab dalam {s.timeout:.0f} detik / the model server timed "
                       "out") from None
