"""`kb list`, `kb audit`, `kb restore`, `kb purge`, `kb passwd`: the commands that look after the corpus."""
from __future__ import annotations

import json
import time

import click

from .cli_options import chroma_option, data_dir_option, open_kb


@click.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="A JSON list, one object per document.")
@data_dir_option
@chroma_option
def list_cmd(as_json, data_dir, chroma_url):
    """Every document: id, type, jenis/nomor/tahun, pages, chunks, units (Pasal or diktum), status."""
    from .inventory import listing

    rows = listing(open_kb(data_dir, None, chroma_url))
    if as_json:
        click.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        ident = " ".join(str(x) for x in (r.jenis, r.nomor, r.tahun) if x) or "-"
        units = f"{r.units} {r.unit_kind}" if r.units else "-"
        click.echo(f"{r.doc_id}\t{r.doc_type}\t{ident}\t{r.pages} hlm\t{r.chunks} potongan\t{units}\t"
                   f"{r.status_text}\t{r.title}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON list of entries (time, who, action, doc_id, ...).")
@click.option("--limit", default=0, type=click.IntRange(0), help="Only the last N entries (0: all).")
@data_dir_option
def audit(as_json, limit, data_dir):
    """The audit log: every ingest, upload, fetch, removal, restore and purge, oldest first."""
    from dataclasses import asdict

    from .audit import AuditLog
    from .config import audit_path, settings

    log = AuditLog(audit_path(settings(data_dir).data_dir))
    entries = log.entries()[-limit:] if limit else log.entries()
    broken = log.broken_at()
    if as_json:
        click.echo(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2))
    else:
        for e in entries:
            click.echo(f"{e.time}\t{e.who}\t{e.action}\t{e.doc_id or '-'}\t{e.file or '-'}\t"
                       f"{(e.sha256 or '-')[:12]}\t{e.result}")
    if broken:
        click.echo(f"PERINGATAN / WARNING: log audit diubah atau dipotong sebelum baris {broken} / the audit log "
                   f"was edited or cut before line {broken}", err=True)
        raise SystemExit(2)


@click.command()
@click.argument("doc_id", required=False)
@click.option("--list", "show", is_flag=True, help="What the recycle bin holds, newest first.")
@data_dir_option
@chroma_option
def restore(doc_id, show, data_dir, chroma_url):
    """Bring a removed document back from the recycle bin, without re-embedding."""
    from .audit import AuditError
    from .base import LockedError, RestoreError

    kb = open_kb(data_dir, None, chroma_url)
    if show or not doc_id:
        for b in kb.recycle.entries():
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(b.removed_at))
            click.echo(f"{b.doc_id}\t{when}\t{b.who}\t{b.n_chunks} potongan\t{b.title}")
        return
    try:
        b = kb.restore(doc_id)
    except (RestoreError, LockedError, AuditError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"dipulihkan / restored {b.doc_id} ({b.n_chunks} potongan / chunks)")


@click.command()
@click.option("--older-than", "older_than", required=True, help="Age of removal, e.g. 30d, 12h, 2w (0d: all).")
@data_dir_option
@chroma_option
def purge(older_than, data_dir, chroma_url):
    """Empty the recycle bin of documents removed at least this long ago."""
    from .audit import AuditError
    from .base import LockedError
    from .recycle import parse_age

    try:
        seconds = parse_age(older_than)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--older-than") from e
    kb = open_kb(data_dir, None, chroma_url)
    try:
        gone = kb.purge(seconds)
    except (LockedError, AuditError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"dihapus permanen / purged: {len(gone)}" + "".join(f"\n  {b.doc_id}" for b in gone))


@click.command()
def passwd():
    """Make KB_ADMIN_PASSWORD_HASH for the management page (the password is asked, never echoed)."""
    from .auth import HASH_ENV, hash_password

    password = click.prompt("Kata sandi admin / admin password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        raise click.ClickException("kata sandi minimal 8 karakter / at least 8 characters")
    click.echo(f"{HASH_ENV}='{hash_password(password)}'")


CORPUS_COMMANDS = (list_cmd, audit, restore, purge, passwd)
