"""Generated answers (kb.llm, kb.verify, kb.generated, `kb ask --llm`) against a local OpenAI-compatible
server started here (stdlib http.server) with scripted replies built from the passages it is sent."""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.verify import sentences, verify

QUESTION = "dengan siapa daerah boleh bekerja sama?"
KEY = "sk-rahasia-jangan-dicetak"

Reply = Callable[[dict], tuple[int, str, bytes, float]]  # request -> (status, content type, body, delay s)


class Scripted(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies: list[Reply] = []
        self.requests: list[tuple[dict, dict]] = []  # (headers, body)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((dict(self.headers), body))
        status, ctype, payload, delay = self.server.replies.pop(0)(body)
        time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    s = Scripted()
    threading.Thread(target=s.serve_forever, daemon=True).start()
    yield s
    s.shutdown()
    s.server_close()


def passage(body: dict, n: int) -> str:
    """Passage [n] of the prompt the server received (its text after the citation line)."""
    prompt = body["messages"][-1]["content"]
    m = re.search(rf"^\[{n}\] [^\n]*\n(.*?)(?=\n\n\[\d+\] |\n\nPertanyaan:)", prompt, re.MULTILINE | re.DOTALL)
    return " ".join(m.group(1).split())


def answer_from(body: dict) -> str:
    """A model's answer over the real passage [1]: one faithful sentence, then four that must be dropped."""
    first = re.split(r"(?<=[.;:])\s", passage(body, 1))[0].rstrip(".;:")
    return (f"{first} [1]. "
            "Kerja sama itu wajib disetujui Presiden paling lambat 14 hari [1]. "  # a number not in the source
            f"{first} [9]. "  # a source that does not exist
            "Setiap kerja sama daerah harus dibiayai sepenuhnya oleh APBN dan diaudit BPK tiap bulan [1]. "
            "Ini sebuah kalimat tanpa sumber.")


def chat(content: str) -> bytes:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()


def ok(body: dict):
    return 200, "application/json", chat(answer_from(body)), 0.0


def streamed(body: dict):
    words = answer_from(body).split(" ")
    events = [f"data: {json.dumps({'choices': [{'delta': {'content': w + ' '}}]})}\n\n" for w in words]
    return 200, "text/event-stream", ("".join(events) + "data: [DONE]\n\n").encode(), 0.0


def ask(kb, server: Scripted | None, *extra: str, **env):
    args = ["ask", QUESTION, "--llm", "--json", "--data-dir", str(kb.settings.data_dir), *extra]
    environ = {"KB_LLM_URL": server.url if server else "", "KB_LLM_MODEL": "uji-model", "KB_LLM_API_KEY": KEY, **env}
    res = CliRunner().invoke(cli, args, env=environ)
    assert res.exit_code == 0, res.output
    assert KEY not in res.output
    return json.loads(res.stdout)


def test_kept_sentences_are_the_supported_ones_and_the_prompt_is_as_documented(regulation_kb, server):
    server.replies.append(ok)
    d = ask(regulation_kb, server)
    assert d["generated"] is True and d["model"] == "uji-model" and d["dropped"] == 4
    assert [s["sources"] for s in d["sentences"]] == [[1]] and not d["abstained"]
    assert set(d) == {"question", "answer", "abstained", "sentences", "hits", "generated", "model", "dropped"}
    headers, body = server.requests[0]
    assert headers["Authorization"] == f"Bearer {KEY}" and body["model"] == "uji-model"
    system, user = body["messages"][0]["content"], body["messages"][-1]["content"]
    assert "Jawab HANYA berdasarkan sumber bernomor" in system and "[1]" in system
    assert user.startswith("Sumber:\n\n[1] ") and user.endswith(f"Pertanyaan: {QUESTION}")
    assert f"[1] {d['hits'][0]['citation'].split(' — ')[0]}" in user or "[1] UU 23/2014" in user


def test_the_streamed_answer_is_checked_the_same_way(regulation_kb, server):
    from kb import llm
    from kb.answer import answer
    from kb.generated import generate
    from kb.search import search

    server.replies.append(streamed)
    hits = search(regulation_kb, QUESTION, k=10)
    settings = llm.LLMSettings(server.url, "uji-model")
    pieces = list(llm.stream(settings, QUESTION, hits))
    assert len(pieces) > 10  # it came in pieces
    reply = generate(regulation_kb, answer(QUESTION, hits), settings, pieces)
    assert reply.generated and reply.dropped == 4 and len(reply.answer.sentences) == 1
    assert "Jawaban dibuat oleh model uji-model" in reply.label and "4 kalimat" in reply.label


@pytest.mark.parametrize("failure", ["http500", "timeout", "not-json", "no-sentence-supported"])
def test_a_failing_model_gives_the_quoted_answer_and_says_why(regulation_kb, server, failure):
    replies = {"http500": lambda b: (500, "text/plain", b"boom", 0.0),
               "timeout": lambda b: (200, "application/json", chat("terlambat [1]."), 3.0),
               "not-json": lambda b: (200, "text/html", b"<html>Bad Gateway</html>", 0.0),
               "no-sentence-supported": lambda b: (200, "application/json",
                                                   chat("Sumber yang ada tidak menjawab pertanyaan ini."), 0.0)}
    server.replies.append(replies[failure])
    started = time.monotonic()
    res = CliRunner().invoke(cli, ["ask", QUESTION, "--llm", "--llm-timeout", "1", "--data-dir",
                                   str(regulation_kb.settings.data_dir)],
                             env={"KB_LLM_URL": server.url, "KB_LLM_MODEL": "uji-model", "KB_LLM_API_KEY": KEY})
    assert res.exit_code == 0 and time.monotonic() - started < 30
    assert "Jawaban kutipan (model tidak dipakai:" in res.output and KEY not in res.output
    assert "Daerah lain" in res.output  # the quoted answer stands in
    server.replies.append(replies[failure])
    d = ask(regulation_kb, server, "--llm-timeout", "1")
    assert d["generated"] is False and d["model"] == "uji-model" and "Daerah lain" in d["answer"]


def test_without_a_configured_server_nothing_is_sent(regulation_kb, server):
    d = ask(regulation_kb, None, KB_LLM_URL="")
    assert d["generated"] is False and server.requests == []
    res = CliRunner().invoke(cli, ["ask", QUESTION, "--data-dir", str(regulation_kb.settings.data_dir)],
                             env={"KB_LLM_URL": server.url, "KB_LLM_MODEL": "uji-model"})
    assert res.exit_code == 0 and server.requests == []  # no --llm: the quoted answer, offline


def test_the_check_on_its_own():
    passages = {1: "(2) Kerja sama dapat dilakukan oleh Daerah dengan: a. Daerah lain; b. pihak ketiga.",
                2: "Pasal 366 (1) Kerja sama Daerah dengan pihak ketiga meliputi penyediaan pelayanan publik."}
    checked = verify("Daerah dapat bekerja sama dengan Daerah lain dan pihak ketiga [1]. "
                     "Kerja sama dengan pihak ketiga meliputi penyediaan pelayanan publik [2]. "
                     "Kerja sama dengan pihak ketiga meliputi penyediaan pelayanan publik [1]. "
                     "Hal itu diatur dalam Pasal 367 [2]. Kerja sama diatur [3].", passages)
    assert [c.kept for c in checked] == [True, True, False, False, False]
    assert "367" in checked[3].reason and "[3]" in checked[4].reason
    assert sentences("Satu [1]. Dua. [2] Tiga [1][2]") == [("Satu [1].", (1,)), ("Dua. [2]", (2,)),
                                                           ("Tiga [1][2]", (1, 2))]
