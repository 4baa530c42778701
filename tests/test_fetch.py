"""`kb fetch` against a local HTTP server on 127.0.0.1: resume, retries, checksum, errors."""
from __future__ import annotations

import hashlib
import socket
import threading
import time
import urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml
from click.testing import CliRunner
from helpers import no_network

from ingest.cards import RegulationEntry
from ingest.pipeline import load_documents
from kb.cli import cli
from kb.fetch import OFFLINE_AFTER, FetchError, download, fetch_entries

BODY = ("PERATURAN DAERAH KOTA BEKASI NOMOR 2 TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS\n\n"
        + "Pasal 1\nKota cerdas adalah kota yang dikelola dengan teknologi.\n" * 200).encode()
SHA = hashlib.sha256(BODY).hexdigest()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        srv = self.server
        srv.requests.append((self.path, self.headers.get("Range")))
        count = sum(1 for p, _ in srv.requests if p == self.path)
        if self.path == "/missing.md":
            return self.send_error(404, "Not Found")
        if self.path == "/flaky.md" and count <= 2:
            return self.send_error(503, "Busy")
        start = 0
        rng = self.headers.get("Range")
        if rng:
            start = int(rng.split("=")[1].rstrip("-"))
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(BODY) - 1}/{len(BODY)}")
        else:
            self.send_response(200)
        self.send_header("Content-Type", "text/markdown; charset=utf-8")
        self.send_header("Content-Length", str(len(BODY) - start))
        self.end_headers()
        if self.path == "/cut.md" and count == 1:  # promise everything, send half, hang up
            self.wfile.write(BODY[start:len(BODY) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(BODY[start:])


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.requests = []
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    # A proxy from the environment must not intercept loopback requests.
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)


def _entry(url: str, sha256: str | None = SHA) -> RegulationEntry:
    return RegulationEntry(id="perda-kota-bekasi-2-2020", kind="regulasi", jenis="Perda", nomor="2", tahun=2020,
                           tentang="Penyelenggaraan Kota Cerdas", issuer="Kota Bekasi", status="belum diperiksa",
                           url=url, sha256=sha256, full_text=False, summary="Uji.")


def test_download_verifies_checksum_and_writes_a_sidecar_that_ingest_uses(server, tmp_path):
    srv, base = server
    [res] = fetch_entries([_entry(f"{base}/perda.md")], tmp_path)
    assert res.status == "downloaded" and res.path == tmp_path / "perda-kota-bekasi-2-2020.md"
    assert res.path.read_bytes() == BODY and not (tmp_path / "perda-kota-bekasi-2-2020.part").exists()
    [doc] = load_documents(res.path)
    assert doc.doc_id == "perda-kota-bekasi-2-2020-teks" and doc.doc_type == "regulasi"
    assert doc.metadata["short_cite"] == "Perda Kota Bekasi 2/2020"
    # A second run finds the verified file and makes no request.
    n = len(srv.requests)
    [again] = fetch_entries([_entry(f"{base}/perda.md")], tmp_path)
    assert again.status == "present" and len(srv.requests) == n


def test_partial_file_is_resumed_with_a_range_request(server, tmp_path):
    srv, base = server
    (tmp_path / "x.part").write_bytes(BODY[:1000])
    path = download(f"{base}/perda.md", tmp_path, "x", SHA, sleep=lambda s: None)
    assert path.read_bytes() == BODY
    assert srv.requests == [("/perda.md", "bytes=1000-")]


def test_cut_transfer_is_retried_from_where_it_stopped(server, tmp_path):
    srv, base = server
    path = download(f"{base}/cut.md", tmp_path, "x", SHA, sleep=lambda s: None)
    assert path.read_bytes() == BODY
    assert srv.requests == [("/cut.md", None), ("/cut.md", f"bytes={len(BODY) // 2}-")]


def test_server_errors_are_retried_with_exponential_backoff(server, tmp_path):
    srv, base = server
    waits: list[float] = []
    download(f"{base}/flaky.md", tmp_path, "x", retries=3, backoff=0.5, sleep=waits.append)
    assert waits == [0.5, 1.0] and len(srv.requests) == 3


def test_not_found_fails_at_once_and_checksum_mismatch_leaves_nothing(server, tmp_path):
    srv, base = server
    with pytest.raises(FetchError, match="404"):
        download(f"{base}/missing.md", tmp_path, "x", sleep=lambda s: None)
    assert len(srv.requests) == 1
    [res] = fetch_entries([_entry(f"{base}/perda.md", sha256="0" * 64)], tmp_path, retries=1, sleep=lambda s: None)
    assert res.status == "failed" and "checksum" in res.message
    assert list(tmp_path.iterdir()) == []


def test_offline_and_refused_connections_give_clear_errors(monkeypatch, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="ditolak / connection .* refused"):
        download(f"http://127.0.0.1:{port}/x.md", tmp_path, "x", retries=1, sleep=lambda s: None)

    def offline(*args, **kwargs):
        raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))

    calls = []
    monkeypatch.setattr("urllib.request.urlopen", lambda *a, **k: calls.append(a) or offline())
    with pytest.raises(FetchError, match="offline"):
        download("https://jdih.example/perda.pdf", tmp_path, "x", retries=3, sleep=pytest.fail)
    assert len(calls) == 1  # a name that does not resolve is not asked again


def test_offline_kb_fetch_gives_up_at_once_in_one_line(monkeypatch, tmp_path):
    calls = no_network(monkeypatch)
    entries = [_entry(f"https://jdih{i}.example/perda-{i}.pdf").model_dump() | {"id": f"perda-{i}"} for i in range(6)]
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
    started = time.monotonic()
    res = CliRunner().invoke(cli, ["fetch", "--catalog", str(catalog), "--dest", str(tmp_path / "unduhan")])
    assert time.monotonic() - started < 15 and len(calls) == OFFLINE_AFTER  # with the default 3 retries
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        f"luring / offline: 6 dokumen tidak diunduh / not downloaded; salin berkasnya ke / copy the files to "
        f"{tmp_path / 'unduhan'} lalu / then `kb ingest {tmp_path / 'unduhan'}`"]


def test_a_host_that_refuses_is_not_asked_again(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    entries = [_entry(f"http://127.0.0.1:{port}/perda-{i}.md") for i in range(3)]
    started = time.monotonic()
    results = fetch_entries(entries, tmp_path, retries=3)  # real sleeps: 7 s a file if it were retried
    assert time.monotonic() - started < 3
    assert [r.status for r in results] == ["failed"] * 3 and all("ditolak" in r.message for r in results)


def test_cli_fetch_downloads_and_reports_failures(server, tmp_path):
    srv, base = server
    ok = _entry(f"{base}/perda.md").model_dump()
    missing = _entry(f"{base}/missing.md", sha256=None).model_dump() | {"id": "hilang"}
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump({"entries": [ok, missing]}), encoding="utf-8")
    args = ["fetch", "--catalog", str(catalog), "--dest", str(tmp_path / "unduhan"), "--retries", "0"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1
    assert "downloaded" in res.output and "hilang" in res.output and "404" in res.output
    assert (tmp_path / "unduhan" / "perda-kota-bekasi-2-2020.md").read_bytes() == BODY
    res = CliRunner().invoke(cli, [*args[:-2], "perda-kota-bekasi-2-2020"])
    assert res.exit_code == 0 and "present" in res.output
