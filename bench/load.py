"""Load: 50 concurrent searches against the library, then 50 concurrent requests to the Streamlit server.

    python bench/load.py [--data-dir .kb] [--concurrency 50] [--start-app | --url http://127.0.0.1:8501]

What is measured, honestly:

1. library: `concurrency` hybrid searches at once, all distinct queries, from threads sharing one
   KnowledgeBase, which is how the app serves every browser session in its one process. Each
   latency is one full search: query embedding, Chroma, BM25, fusion, hit texts. A warm-up search
   loads the model and the lexical index first; its time is printed apart.
2. http: `concurrency` GETs at once, half of the page and half of `/_stcore/health`, against a
   running app (`--url`) or one this script starts on a free loopback port (`--start-app`) and stops.
   Streamlit runs a search over a websocket session after the page's JavaScript has loaded, so these
   requests measure whether the server stays responsive under concurrent clients. They do not
   measure the search; part 1 does, in the same code the app calls.

Loopback only, with every request and phase bounded in time. It prints p50/p95/max latency and the
error count per phase. It exits 1 when there were errors, or when p95 is over `--target-p95`
(1 s by default).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

SUBJECTS = ["kerja sama daerah", "kota cerdas", "layanan publik elektronik", "wifi publik", "anggaran daerah",
            "perlindungan data pribadi", "tata kelola TIK", "partisipasi warga", "pengadaan barang dan jasa",
            "transportasi kota"]
FORMS = ["apa dasar hukum {}?", "siapa yang berwenang atas {}?", "hambatan {} di Bekasi", "evaluasi {}",
         "{} menurut undang-undang"]


def queries(n: int) -> list[str]:
    """n distinct queries, so no cache makes one search cheaper than another."""
    return [FORMS[i // len(SUBJECTS) % len(FORMS)].format(SUBJECTS[i % len(SUBJECTS)]) + ("" if i < 50 else f" {i}")
            for i in range(n)]


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return f"{self.name:<22} n=0  errors={len(self.errors)}"
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        return (f"{self.name:<22} n={len(lat):<3} p50={statistics.median(lat):.3f}s  p95={p95:.3f}s  "
                f"max={lat[-1]:.3f}s  errors={len(self.errors)}")

    @property
    def p95(self) -> float:
        lat = sorted(self.latencies)
        return lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))] if lat else float("inf")


def run_concurrently(name: str, jobs: list[Callable[[], object]], timeout: float) -> Phase:
    """Every job started at once; a job that fails or does not finish within `timeout` is an error."""
    phase = Phase(name)

    def timed(job: Callable[[], object]) -> float:
        t = time.perf_counter()
        job()
        return time.perf_counter() - t

    pool = ThreadPoolExecutor(max_workers=len(jobs))
    futures = [pool.submit(timed, job) for job in jobs]
    done, pending = wait(futures, timeout=timeout)
    for f in done:
        if f.exception() is not None:
            phase.errors.append(f"{type(f.exception()).__name__}: {f.exception()}")
        else:
            phase.latencies.append(f.result())
    phase.errors += [f"not done within {timeout:.0f} s"] * len(pending)
    pool.shutdown(wait=False, cancel_futures=True)
    return phase


def library_phase(data_dir: str | None, n: int, timeout: float) -> tuple[Phase, float]:
    from kb.base import KnowledgeBase
    from kb.search import search

    kb = KnowledgeBase.open(data_dir)
    if kb.store.count() == 0:
        sys.exit(f"indeks kosong di {kb.settings.data_dir} / the index is empty: run `kb ingest corpus/` first")
    t = time.perf_counter()
    search(kb, "kerja sama daerah", k=10)  # loads the model and the lexical index
    warmup = time.perf_counter() - t

    def one(q: str) -> Callable[[], object]:
        def job():
            if not search(kb, q, k=10):
                raise RuntimeError(f"no hits for {q!r}")
        return job

    return run_concurrently("library search", [one(q) for q in queries(n)], timeout), warmup


def http_phase(base: str, n: int, timeout: float) -> Phase:
    def fetch(path: str) -> Callable[[], object]:
        def job():
            with urllib.request.urlopen(base + path, timeout=timeout) as r:
                body = r.read()
            if r.status != 200 or not body:
                raise RuntimeError(f"{path}: HTTP {r.status}, {len(body)} bytes")
        return job

    return run_concurrently("http page + health", [fetch("/" if i % 2 else "/_stcore/health") for i in range(n)],
                            timeout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(data_dir: str | None, timeout: float) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, **({"KB_DATA_DIR": data_dir} if data_dir else {})}
    app = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address",
                            "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
                            "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/_stcore/health", timeout=2).read()
            return app, base
        except OSError:
            if app.poll() is not None:
                break
            time.sleep(0.3)
    app.kill()
    sys.exit(f"streamlit did not answer on {base} within {timeout:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None, help="index to search (default $KB_DATA_DIR or .kb)")
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=60, help="seconds allowed for each phase")
    ap.add_argument("--target-p95", type=float, default=1.0)
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--url", help="a running app on this machine, e.g. http://127.0.0.1:8501")
    where.add_argument("--start-app", action="store_true", help="start the app on a free loopback port")
    args = ap.parse_args()
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        sys.exit(f"--url must be on this machine (loopback), not {args.url}")

    phases = []
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run (other work on the "
          f"machine slows every figure)")
    library, warmup = library_phase(args.data_dir, args.concurrency, args.timeout)
    print(f"warm-up (model + lexical index load): {warmup:.3f}s")
    phases.append(library)
    print(library.line(), flush=True)
    if args.url or args.start_app:
        app, base = start_app(args.data_dir, args.timeout) if args.start_app else (None, args.url.rstrip("/"))
        try:
            phases.append(http_phase(base, args.concurrency, args.timeout))
            print(phases[-1].line())
        finally:
            if app is not None:
                app.terminate()
                app.wait(timeout=30)
    for p in phases:
        for e in sorted(set(p.errors))[:5]:
            print(f"  {p.name}: {e}")
    failed = any(p.errors or p.p95 > args.target_p95 for p in phases)
    print(f"target: 0 errors, p95 < {args.target_p95:.1f}s -> {'MISSED' if failed else 'met'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
