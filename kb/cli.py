"""`kb` command line: a thin click layer over the library. Heavy imports stay inside commands so
that `kb --help` starts fast and never loads a model."""
from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import click

# Stdlib-only modules: `kb --help` must not load numpy, bm25s or a model.
from .cli_corpus import CORPUS_COMMANDS
from .cli_options import chroma_option, data_dir_option, embedder_option, open_kb
from .diversity import DEFAULT_PER_DOC
from .fusion import MODES


def _filters(doc_type, year_from=None, year_to=None, lang=None, **facets):
    from .lexical import Filters

    return Filters(doc_type=doc_type, year_from=year_from, year_to=year_to, lang=lang, **facets)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """kb: cari regulasi, perjanjian, penelitian dan berita kota cerdas / search smart-city documents."""
    # pypdf logs what it recovers from in a damaged file ("Ignoring wrong pointing object 10 0"): nothing a
    # user can act on, and each file's own line already says whether it was read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Remove documents whose files are gone.")
@data_dir_option
@embedder_option
@chroma_option
def ingest(paths, prune, data_dir, embedder, chroma_url):
    """Ingest files or folders (recursive): PDF, DOCX, TXT, MD, HTML, BEIR JSONL."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    from .audit import AuditError
    from .base import LockedError
    from .indexer import ingest as run_ingest

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"tidak ditemukan / not found: {', '.join(missing)}")
    err = Console(stderr=True)
    kb = open_kb(data_dir, embedder, chroma_url)
    started = time.monotonic()
    # On a terminal a bar: files done/total, the current file, chunks and chunks per second, time left.
    # Elsewhere (a log, CI, run.sh piped) one line per file, so a long ingest is never silent.
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[chunks]} chunks · {task.fields[rate]:.1f}/s"), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("ingest", total=None, chunks=0, rate=0.0)

        def progress(name: str, done: int, total: int, chunks: int) -> None:
            rate = chunks / max(time.monotonic() - started, 1e-6)
            bar.update(task, completed=done, total=total, chunks=chunks, rate=rate,
                       description=Path(name).name[:40] if name else "indeks")
            if not err.is_terminal and name:
                # Chunks are written 64 at a time (kb.indexer.BATCH_CHUNKS): no rate before the first batch.
                speed = f", {rate:.1f}/s" if chunks else ""
                click.echo(f"[{done + 1}/{total}] {name} ({chunks} chunks ditulis sejauh ini / written so far{speed})",
                           err=True)

        try:
            report = run_ingest(kb, paths, prune=prune, progress=progress)
        except (LockedError, AuditError) as e:
            raise click.ClickException(str(e)) from e
    click.echo(f"ditambah/added {len(report.added)} · diperbarui/updated {len(report.updated)} · "
               f"tetap/unchanged {len(report.unchanged)} · gagal/failed {len(report.failed)} · "
               f"dihapus/removed {len(report.removed)} · chunks {report.chunks}")
    for path, reason in report.failed:
        click.echo(f"GAGAL/FAILED {path}: {reason}", err=True)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("query", required=False)
@click.option("--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="BEIR queries.jsonl; one JSON line of results per query.")
@click.option("-k", "--k", default=10, show_default=True, type=click.IntRange(1, 1000), help="Hits to show.")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True)
@click.option("--type", "doc_type", default=None, help="Only this doc type (regulasi, studi, kasus, berita ...).")
@click.option("--year-from", type=int, default=None)
@click.option("--year-to", type=int, default=None)
@click.option("--lang", default=None, help="Only chunks in this language (id, en).")
@click.option("--per-doc", default=DEFAULT_PER_DOC, show_default=True, type=click.IntRange(0),
              help="At most N chunks of one document; 0 shows all.")
@click.option("--doc", "doc_id", default=None, help="Every hit inside this one document (DOC_ID from `kb stats`).")
@click.option("--expand/--no-expand", default=True, show_default=True,
              help="Also search the regulations' terms for everyday words (wali kota -> kepala daerah).")
@click.option("--place", default=None, help="Issuer, city or publisher contains this (e.g. Bekasi).")
@click.option("--theory", default=None, help="Study cards whose theory/model contains this (e.g. Ansell).")
@click.option("--dimension", default=None, help="Study/case cards with this smart-city dimension (e.g. governance).")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@data_dir_option
@embedder_option
@chroma_option
def search(query, batch, k, mode, doc_type, year_from, year_to, lang, per_doc, doc_id, expand, place, theory,
           dimension, as_json, data_dir, embedder, chroma_url):
    """Search the knowledge base."""
    from .evaluate import read_queries
    from .search import search as run_search
    from .search import terms

    if bool(query) == bool(batch):
        raise click.UsageError("beri QUERY atau --batch FILE / give a QUERY or --batch FILE")
    if batch and not as_json:
        raise click.UsageError("--batch menulis JSON; tambahkan --json / --batch writes JSON: add --json")
    kb = open_kb(data_dir, embedder, chroma_url)
    filters = _filters(doc_type, year_from, year_to, lang, doc_id=doc_id, place=place, theory=theory,
                       dimension=dimension)
    per_doc = per_doc or None
    if batch:
        try:
            queries = read_queries(batch)
        except ValueError as e:
            raise click.UsageError(str(e)) from e
        for q in queries:
            hits = run_search(kb, q.text, k=k, mode=mode, filters=filters, per_doc=per_doc, expand=expand)
            click.echo(json.dumps({"query_id": q.qid, "results": [h.to_json() for h in hits]}, ensure_ascii=False))
        return
    hits = run_search(kb, query, k=k, mode=mode, filters=filters, per_doc=per_doc, expand=expand)
    if as_json:
        click.echo(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("Tidak ada hasil / no results." if kb.store.count() else
                   "Indeks kosong: jalankan `kb ingest corpus/` dulu / the index is empty: run `kb ingest` first.")
        return
    from rich.console import Console
    from rich.markup import escape

    from ingest.quality import OCR_WARNING, garbled

    searched = terms(query, expand)
    out = Console()
    if searched.query != query.strip():
        out.print(f"[dim]dibaca sebagai / read as: {escape(searched.query)}[/dim]")
    if searched.added:
        out.print(f"[dim]juga dicari / also searched for: {escape('; '.join(searched.added))}[/dim]\n")
    for h in hits:
        out.print(f"[bold]{h.rank}. {escape(h.citation)}[/bold]  [dim]{h.doc_type} · {h.score:.3f}[/dim]")
        if garbled(h.meta.get("quality")):
            out.print(f"[yellow]{OCR_WARNING}[/yellow]")
        if len(h.meta.get("sources", [])) > 1:
            out.print(f"[dim]salinan lain / other copies: {escape('; '.join(h.meta['sources'][1:]))}[/dim]")
        out.print(_snippet(searched.text, h.text), highlight=False)
        out.print()


def _snippet(query: str, text: str):
    """The best-matching stretch of a hit with the matched terms in bold."""
    from rich.text import Text

    from .highlight import highlight, window

    hl = highlight(query, text)
    a, b = window(text, hl)
    lead = "…" if a else ""
    out = Text(lead + text[a:b] + ("…" if b < len(text) else ""))
    for s, e in hl.spans:
        if a <= s and e <= b:
            out.stylize("bold yellow", s - a + len(lead), e - a + len(lead))
    return out


@cli.command()
@click.argument("doc_id")
@data_dir_option
@chroma_option
def remove(doc_id, data_dir, chroma_url):
    """Remove one document (to the recycle bin: `kb restore DOC_ID` brings it back)."""
    from .audit import AuditError
    from .base import LockedError

    kb = open_kb(data_dir, None, chroma_url)
    try:
        found = kb.remove(doc_id)
    except (LockedError, AuditError) as e:
        raise click.ClickException(str(e)) from e
    if not found:
        raise click.ClickException(f"dokumen {doc_id!r} tidak ada / no document {doc_id!r} (lihat / see `kb list`)")
    click.echo(f"dihapus ke tempat sampah / moved to the recycle bin: {doc_id} (pulihkan / restore: "
               f"kb restore {doc_id})")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@data_dir_option
@chroma_option
def stats(as_json, data_dir, chroma_url):
    """Documents and chunks by type and language, embedder, size on disk."""
    from .stats import collect

    kb = open_kb(data_dir, None, chroma_url)
    st = collect(kb)
    if as_json:
        click.echo(json.dumps(st, ensure_ascii=False, indent=2))
        return
    click.echo(f"data dir: {st['data_dir']} ({st['size_bytes'] / 1e6:.1f} MB) · embedder: {st['embedder']}")
    click.echo(f"dokumen/documents: {st['documents']} · chunks: {st['chunks']}")
    for key in ("by_type", "by_lang"):
        click.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in st[key].items()))
    if st["catalog_with_text"]:
        click.echo("katalog dengan teks lengkap / catalog entries with their full text: " +
                   ", ".join(f"{e} -> {d}" for e, d in st["catalog_with_text"].items()))
    if st["copies"]:
        click.echo("salinan / copies: " + ", ".join(f"{d} (+ {', '.join(o)})" for d, o in st["copies"].items()))


@cli.command(name="eval")
@click.option("--queries", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--qrels", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-k", "--k", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--mode", "modes", multiple=True, type=click.Choice(MODES), help="Default: all three.")
@click.option("--json", "as_json", is_flag=True)
@data_dir_option
@embedder_option
@chroma_option
def eval_cmd(queries, qrels, k, modes, as_json, data_dir, embedder, chroma_url):
    """Recall@1/5/10, MRR@10, nDCG@10 per search mode (document level)."""
    from .evaluate import METRICS, evaluate, read_qrels, read_queries
    from .search import search as run_search

    kb = open_kb(data_dir, embedder, chroma_url)
    qs, qr = read_queries(queries), read_qrels(qrels)
    table = {}
    for mode in modes or MODES:
        table[mode] = evaluate(qs, qr, lambda text, m=mode: [h.doc_id for h in run_search(kb, text, k=3 * k, mode=m)])
    if as_json:
        click.echo(json.dumps(table, indent=2))
        return
    click.echo(f"{'mode':<8} " + " ".join(f"{m:>9}" for m in METRICS))
    for mode, row in table.items():
        click.echo(f"{mode:<8} " + " ".join(f"{row[m]:>9.4f}" for m in METRICS))


@cli.command()
@click.argument("question")
@click.option("-k", "--k", default=10, show_default=True, type=click.IntRange(1, 100), help="Hits to search.")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True)
@click.option("--type", "doc_type", default=None, help="Only this doc type (regulasi, studi, kasus, berita ...).")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object: question, answer, abstained, sentences [{text, sources}], hits "
                   "(with --llm also generated, model, dropped).")
@click.option("--llm", "use_llm", is_flag=True,
              help="Let the model at --llm-url write the answer; every sentence is checked against its sources.")
@click.option("--llm-url", envvar="KB_LLM_URL", default=None,
              help="Base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1 (or $KB_LLM_URL).")
@click.option("--llm-model", envvar="KB_LLM_MODEL", default=None, help="Model name on that server ($KB_LLM_MODEL).")
@click.option("--llm-api-key", envvar="KB_LLM_API_KEY", default=None, show_envvar=False,
              help="API key, if the server needs one ($KB_LLM_API_KEY); never printed.")
@click.option("--llm-timeout", default=60.0, show_default=True, type=click.FloatRange(1, 600), help="Seconds.")
@data_dir_option
@embedder_option
@chroma_option
def ask(question, k, mode, doc_type, as_json, use_llm, llm_url, llm_model, llm_api_key, llm_timeout, data_dir,
        embedder, chroma_url):
    """Short answer quoted from the best hits, each sentence marked with its sources [n] (same as the UI).
    With --llm, a model you run writes it instead, and sentences its sources do not support are dropped."""
    from .answer import answer
    from .search import search as run_search

    kb = open_kb(data_dir, embedder, chroma_url)
    hits = run_search(kb, question, k=k, mode=mode, filters=_filters(doc_type))
    a = answer(question, hits, idf=kb.lexical.idf)
    reply = None
    if use_llm:
        from dataclasses import replace

        from . import llm
        from .generated import Reply, generate

        try:
            settings = llm.configured(llm_url, llm_model, llm_api_key)
            reason = "" if settings else "KB_LLM_URL / --llm-url belum diisi: tidak ada model / no model configured"
        except llm.LLMError as e:
            settings, reason = None, str(e)
        if settings and not hits:
            reason = "tidak ada hasil / no results"
        reply = Reply(a, False, llm_model, reason=reason) if reason else \
            generate(kb, a, replace(settings, timeout=llm_timeout))
        a = reply.answer
    if as_json:
        click.echo(json.dumps(reply.to_json() if reply else a.to_json(), ensure_ascii=False, indent=2))
        return
    if reply is not None:
        click.echo(reply.label, err=not reply.generated)
    if not hits:
        click.echo("Tidak ada hasil / no results." if kb.store.count() else
                   "Indeks kosong: jalankan `kb ingest corpus/` dulu / the index is empty: run `kb ingest` first.")
        return
    click.echo(a.text)
    click.echo()
    quoted = [h for h in hits if h.rank in a.sources]
    ranks: dict[str, list[int]] = {}  # two chunks of one card share a citation: one line, both numbers
    for h in quoted:
        ranks.setdefault(h.citation, []).append(h.rank)
    for h in quoted:
        if ranks[h.citation][0] != h.rank:
            continue
        click.echo("".join(f"[{n}]" for n in ranks[h.citation]) + f" {h.citation}")
        if h.pasal and h.meta.get("short_cite") and any(s.text.endswith("…") for s in a.sentences
                                                         if h.rank in s.sources):
            click.echo(f'    Pasal utuh / whole Pasal: kb pasal "{h.meta["short_cite"]}" {h.pasal}')


corpus_option = click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
                             type=click.Path(exists=True, file_okay=False, path_type=Path),
                             help="Folder of the study and case cards.")


def _cards(corpus_dir: Path):
    from ingest.cards import load_cards
    from ingest.loaders import LoadError

    try:
        return load_cards(corpus_dir)
    except LoadError as e:
        raise click.ClickException(str(e)) from e


@cli.command()
@click.argument("ids", nargs=-1)
@click.option("--by", type=click.Choice(["city", "theory", "dimension", "year"]), default="city", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@corpus_option
def compare(ids, by, fmt, corpus_dir):
    """Studies and city cases side by side (each cell names its card and field in JSON). With 2-4 card
    IDs, those cards in columns, one row per aspect: kb compare widodo-2020-bekasi bandung yahya-2022-surakarta."""
    from .compare import COLUMNS, compact_columns, comparison, to_csv, to_json

    if ids:
        _compare_cards(ids, fmt, corpus_dir)
        return
    table = comparison(_cards(corpus_dir), by, compact_columns(by) if fmt == "table" else COLUMNS)
    if fmt != "table":
        click.echo(to_json(table) if fmt == "json" else to_csv(table), nl=False)
        return
    from rich.console import Console
    from rich.table import Table as RichTable

    from .compare import GROUP_COLUMN

    out = RichTable(show_lines=True)
    for name in (GROUP_COLUMN[by], *table.columns):  # long words fold onto the next line instead of "Balikpap…"
        out.add_column(name, overflow="fold")
    for row in table.rows:
        out.add_row(row.group.text, *(row.cells[c].text for c in table.columns))
    Console().print(out)


def _compare_cards(ids: tuple[str, ...], fmt: str, corpus_dir: Path) -> None:
    from .compare import side_by_side, side_by_side_csv, side_by_side_json

    by_id = {c.id: c for c in _cards(corpus_dir)}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise click.ClickException(f"kartu tidak ada / no such card: {', '.join(unknown)} (lihat / see kb compare)")
    try:
        view = side_by_side([by_id[i] for i in ids])
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    if fmt != "table":
        click.echo(side_by_side_json(view) if fmt == "json" else side_by_side_csv(view), nl=False)
        return
    from rich.console import Console
    from rich.table import Table as RichTable

    out = RichTable("aspek", *view.cards, show_lines=True)  # rich wraps long cells instead of cutting them
    for label, cells in view.rows:
        out.add_row(label, *(c.text for c in cells))
    Console().print(out)


@cli.command()
@click.argument("ids", nargs=-1)
@click.option("--all", "all_cards", is_flag=True, help="Every study and the thesis.")
@click.option("--format", "fmt", type=click.Choice(["apa", "bibtex", "ris"]), default="apa", show_default=True)
@corpus_option
@data_dir_option
@chroma_option
def cite(ids, all_cards, fmt, corpus_dir, data_dir, chroma_url):
    """References for study cards and for entries `kb import` brought in, by their key: APA 7 text, BibTeX or
    RIS (kb cite yahya-2022-surakarta --format bibtex). An imported entry comes back as it was exported."""
    from ingest.cards import CaseCard

    from .references import render, render_imported

    if bool(ids) == all_cards:
        raise click.UsageError("beri ID kartu atau --all / give card IDs or --all")
    citable = {c.id: c for c in _cards(corpus_dir) if not isinstance(c, CaseCard)}
    keys = [i for i in ids if i not in citable]
    imported = _imported(keys, data_dir, chroma_url) if keys else {}
    missing = [k for k in keys if k not in imported]
    if missing:
        raise click.ClickException(f"kartu studi atau entri impor tidak ada / no study card or imported entry: "
                                   f"{', '.join(missing)} (kartu / cards: {', '.join(sorted(citable))}; entri impor "
                                   f"dengan / imported entries with `kb import FILE`)")
    cards = [citable[i] for i in ids if i in citable] if ids else list(citable.values())
    click.echo((render(cards, fmt) if cards else "") + render_imported(list(imported.values()), fmt), nl=False)


def _imported(keys: list[str], data_dir: str | None, chroma_url: str | None) -> dict:
    from .config import settings
    from .importer import imported_reference

    where = settings(data_dir, None, chroma_url)
    if not where.chroma_url and not where.data_dir.exists():  # no index: nothing imported, and none made here
        return {}
    kb = open_kb(data_dir, None, chroma_url)
    found = {k: imported_reference(kb, k) for k in keys}
    return {k: ref for k, ref in found.items() if ref is not None}


@cli.command(name="import")
@click.argument("library", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_dir_option
@embedder_option
@chroma_option
def import_cmd(library, data_dir, embedder, chroma_url):
    """Import a reference library: BibTeX, RIS or CSL JSON (Zotero's export with files, Mendeley). Each entry's
    attached PDF is indexed under the entry's metadata; an entry without a file becomes a reference card.
    `kb cite KEY` gives an entry back. Exit code 1 when any entry failed."""
    from ingest.errors import LoadError

    from .base import LockedError
    from .importer import import_library

    kb = open_kb(data_dir, embedder, chroma_url)

    def progress(done: int, total: int, outcome) -> None:
        click.echo(f"[{done}/{total}] {outcome.label}: {outcome.status} · {outcome.detail}", err=outcome.failed)

    try:
        outcomes = import_library(kb, library, progress)
    except (LoadError, LockedError) as e:
        raise click.ClickException(f"{library}: {e.reason}" if isinstance(e, LoadError) else str(e)) from e
    counts = {s: sum(o.status == s for o in outcomes) for s in dict.fromkeys(o.status for o in outcomes)}
    click.echo(" · ".join(f"{s} {n}" for s, n in counts.items()) or "tidak ada entri / no entries")
    for o in outcomes:
        if o.failed:
            click.echo(f"GAGAL/FAILED {o.label}: {o.detail}", err=True)
    sys.exit(1 if any(o.failed for o in outcomes) else 0)


@cli.command()
@click.argument("ids", nargs=-1)
@click.option("--catalog", "catalog_path", default="corpus/catalog.yaml", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Download folder (default DATA_DIR/unduhan); ingest it afterwards with `kb ingest`.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1))
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 10))
@click.option("--kind", type=click.Choice(["regulasi", "perjanjian", "berita"]), default=None,
              help="Only entries of this kind (scripts/run.sh fetches the regulations).")
@data_dir_option
def fetch(ids, catalog_path, dest, timeout, retries, kind, data_dir):
    """Download catalog entries that have an address (all of them, or the given IDs)."""
    from ingest.cards import read_catalog
    from ingest.loaders import LoadError

    from .audit import AuditError, AuditLog
    from .config import audit_path, settings
    from .fetch import audit, fetch_entries, offline

    try:
        entries = {e.id: e for e in read_catalog(catalog_path).entries}
    except LoadError as e:
        raise click.ClickException(str(e)) from e
    unknown = [i for i in ids if i not in entries]
    if unknown:
        raise click.ClickException(f"entri katalog tidak ada / no catalog entry: {', '.join(unknown)}")
    chosen = [entries[i] for i in ids] if ids else [e for e in entries.values() if e.url and kind in (None, e.kind)]
    root = settings(data_dir).data_dir
    dest = dest or root / "unduhan"
    results = fetch_entries(chosen, dest, timeout=timeout, retries=retries)
    try:
        audit(AuditLog(audit_path(root)), results)
    except AuditError as e:
        raise click.ClickException(str(e)) from e
    if offline(results):
        missing = sum(r.status == "failed" for r in results)
        click.echo(f"luring / offline: {missing} dokumen tidak diunduh / not downloaded; salin berkasnya ke / copy "
                   f"the files to {dest} lalu / then `kb ingest {dest}`", err=True)
        sys.exit(1)
    for r in results:
        where = f" -> {r.path}" if r.path else ""
        click.echo(f"{r.status:<10} {r.entry_id}{where}{'  ' + r.message if r.message else ''}",
                   err=r.status == "failed")
    click.echo(f"unduhan / downloads: {dest} (lalu / then: kb ingest {dest})")
    sys.exit(1 if any(r.status == "failed" for r in results) else 0)


@cli.command(name="pasal")
@click.argument("reference")
@click.argument("number")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@data_dir_option
@chroma_option
def pasal_cmd(reference, number, as_json, data_dir, chroma_url):
    """One Pasal with its ayat and its Penjelasan: kb pasal "UU 23/2014" 363; a Keputusan's diktum by its
    word: kb pasal "Kepwal Bekasi 555.8/2021" KEDUA; a Surat Edaran's point by its number: kb pasal
    "SE Wali Kota Bekasi 400.14/2024" 3."""
    from ingest.legal import unit_word
    from ingest.legal_markers import ordinal

    from .citations import cite
    from .copies import copies, files
    from .legal_lookup import lookup, parse_reference

    kb = open_kb(data_dir, None, chroma_url)
    views, same = lookup(kb, reference, number), copies(kb)
    if not views:
        ref = parse_reference(reference)
        unit = unit_word("diktum" if ordinal(number) is not None else "angka" if ref and ref.jenis == "SE" else "pasal")
        raise click.ClickException(f"{reference} {unit} {number} tidak ada di indeks / not in the index")
    records = [{"doc_id": v.doc.doc_id, "citation": cite({**v.chunks[0].meta, "ayat": None, "section": None}),
                "text": "\n".join(c.text for c in v.body), "penjelasan": v.explanation,
                "amendments": [{"citation": cite(c.meta), "text": c.text} for c in v.amendments],
                "sources": files(kb, same, v.doc.doc_id)} for v in views]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for r in records:
        click.echo(click.style(r["citation"], bold=True))
        click.echo(r["text"] or "(tanpa teks / no text)")
        click.echo(click.style("Penjelasan:", bold=True) + " " + (r["penjelasan"] or "tidak ada / none"))
        for a in r["amendments"]:
            click.echo(click.style(f"Diubah dengan / amended by {a['citation']}:", bold=True))
            click.echo(a["text"])
        if len(r["sources"]) > 1:  # the text is the cleanest copy's; the others hold the same Pasal
            click.echo(click.style("Sumber / sources:", bold=True) + " " + "; ".join(r["sources"]))
        click.echo()


for command in CORPUS_COMMANDS:
    cli.add_command(command)


def main() -> None:
    cli(prog_name="kb")
