"""Who may change the corpus: password and hash checks, the lockout, the read-only rule for an unprotected
network server, the upload budget, and the sign-in gate of the Kelola Korpus page (AppTest)."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from streamlit import config as st_config

from kb.auth import Lockout, Secret, configured, hash_password, is_local, is_valid_hash, verify
from kb.cli import cli
from kb.uploads import UploadBudget, UploadError
from test_app import open_app, texts


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_plain_password_and_hash_verify():
    assert verify(Secret(password="rahasia-kota"), "rahasia-kota")
    assert not verify(Secret(password="rahasia-kota"), "rahasia-kot")
    assert not verify(Secret(password="rahasia-kota"), "")
    hashed = hash_password("rahasia-kota", iterations=1000)
    assert is_valid_hash(hashed) and "rahasia" not in hashed
    assert verify(Secret(hashed=hashed), "rahasia-kota") and not verify(Secret(hashed=hashed), "Rahasia-kota")
    assert hash_password("rahasia-kota", iterations=1000) != hashed  # salted
    assert not verify(Secret(hashed="md5$1$x$y"), "rahasia-kota") and not verify(Secret(hashed="rusak"), "x")


def test_configured_prefers_environment_then_secrets_and_hash_over_plain():
    assert configured({}, {}) is None
    assert configured({"KB_ADMIN_PASSWORD": "a"}, {"KB_ADMIN_PASSWORD": "b"}) == Secret(password="a")
    assert configured({}, {"KB_ADMIN_PASSWORD": "b"}) == Secret(password="b")
    assert configured({"KB_ADMIN_PASSWORD": "a", "KB_ADMIN_PASSWORD_HASH": "h"}) == Secret(hashed="h")


def test_lockout_after_repeated_failures_and_only_for_that_client():
    clock = Clock()
    lock = Lockout(limit=3, seconds=60, clock=clock)
    for _ in range(2):
        lock.failed("10.0.0.7")
    assert lock.wait("10.0.0.7") == 0
    lock.failed("10.0.0.7")
    assert lock.wait("10.0.0.7") == 60 and lock.wait("10.0.0.8") == 0
    clock.now += 59
    assert lock.wait("10.0.0.7") == pytest.approx(1)
    clock.now += 1
    assert lock.wait("10.0.0.7") == 0
    for _ in range(2):
        lock.failed("10.0.0.8")
    lock.succeeded("10.0.0.8")  # a right password forgets the earlier slips
    lock.failed("10.0.0.8")
    assert lock.wait("10.0.0.8") == 0


def test_which_addresses_are_local():
    assert all(is_local(a) for a in ("localhost", "127.0.0.1", "::1", "127.0.1.1"))
    assert not any(is_local(a) for a in (None, "", "0.0.0.0", "10.1.2.3", "kb.bekasikota.go.id"))


def test_upload_budget_per_minute():
    clock = Clock()
    budget = UploadBudget(max_bytes=10 * 2**20, max_files=3, clock=clock)
    budget.take("a.pdf", 6 * 2**20)
    with pytest.raises(UploadError, match="batas unggah tercapai.*60 detik"):
        budget.take("b.pdf", 5 * 2**20)
    budget.take("c.pdf", 1)
    budget.take("d.pdf", 1)
    with pytest.raises(UploadError, match="3 berkas"):
        budget.take("e.pdf", 1)
    clock.now += 61
    budget.take("e.pdf", 9 * 2**20)


def test_kb_passwd_prints_a_hash_that_verifies():
    res = CliRunner().invoke(cli, ["passwd"], input="sandi-dinas-2026\nsandi-dinas-2026\n")
    assert res.exit_code == 0, res.output
    (line,) = [x for x in res.output.splitlines() if x.startswith("KB_ADMIN_PASSWORD_HASH=")]
    hashed = re.fullmatch(r"KB_ADMIN_PASSWORD_HASH='(.+)'", line).group(1)
    assert verify(Secret(hashed=hashed), "sandi-dinas-2026") and "sandi-dinas-2026" not in res.output
    assert CliRunner().invoke(cli, ["passwd"], input="pendek\npendek\n").exit_code == 1


# -- the Kelola Korpus page ------------------------------------------------------------------------

def test_with_a_password_the_page_is_read_only_until_sign_in(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_ADMIN_PASSWORD", "sandi-dinas-2026")
    at = open_app(tmp_path / "kb", monkeypatch, "ui/korpus.py")
    assert not at.get("file_uploader") and "unduh-katalog" not in [b.key for b in at.button]
    at.text_input[0].input("Sari")
    at.text_input[1].input("salah")
    at.button[0].click().run()
    assert "Kata sandi salah." in texts(at.error) and not at.get("file_uploader")
    at.text_input[1].input("sandi-dinas-2026")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.get("file_uploader") and at.session_state["admin"] == "web:Sari"
    at.button(key="keluar").click().run()
    assert not at.get("file_uploader")


def test_without_a_password_a_network_server_stays_read_only(tmp_path, monkeypatch):
    monkeypatch.delenv("KB_ADMIN_PASSWORD", raising=False)
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = open_app(tmp_path / "kb", monkeypatch, "ui/korpus.py")
    finally:
        st_config.set_option("server.address", before)
    assert not at.get("file_uploader") and any("hanya-baca" in w for w in texts(at.warning))
    at = open_app(tmp_path / "kb", monkeypatch, "ui/korpus.py")  # localhost, as in .streamlit/config.toml
    assert at.get("file_uploader") and not at.warning
