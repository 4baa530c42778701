"""Who may change the corpus from the browser: the sign-in gate of the Kelola Korpus page.

With an admin password (KB_ADMIN_PASSWORD, its hash KB_ADMIN_PASSWORD_HASH from `kb passwd`, or the same
keys in Streamlit secrets) or an OIDC provider (Streamlit secrets [auth], st.login), changes need a
sign-in that lasts for the browser session. With neither, a server reachable from the network stays
read-only; on localhost it works as before, for one user on a laptop.
"""
from __future__ import annotations

import os

import streamlit as st

from kb.auth import Lockout, Secret, configured, is_local, verify
from ui.common import md


@st.cache_resource
def _lockout() -> Lockout:
    """One per server process, so a new browser session does not start with fresh attempts."""
    return Lockout()


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises rather than returning nothing
        return {}


def _ip() -> str | None:
    ip = st.context.ip_address
    return ip if isinstance(ip, str) else None  # no request behind it (AppTest): no address


def _client() -> str:
    return _ip() or "?"


def _local() -> bool:
    """The server listens on loopback only, and this request comes from there."""
    ip = _ip()
    return is_local(st.get_option("server.address")) and (ip is None or is_local(ip))


def editor() -> str | None:
    """The name changes are recorded under, or None (the page then shows why, and a sign-in form)."""
    if name := st.session_state.get("admin"):
        return name
    secret = configured(os.environ, _secrets())
    oidc = "auth" in _secrets()
    if oidc and st.user.is_logged_in:
        return f"oidc:{st.user.get('email') or st.user.get('name')}"
    if secret is None and not oidc:
        if _local():
            return "lokal"
        st.warning("Halaman ini hanya-baca: server terbuka ke jaringan tanpa kata sandi admin. Setel "
                   "KB_ADMIN_PASSWORD (atau KB_ADMIN_PASSWORD_HASH dari `kb passwd`) lalu mulai ulang aplikasi.",
                   icon=":material/lock:")
        return None
    _form(secret, oidc)
    return None


def _form(secret: Secret | None, oidc: bool) -> None:
    st.info("Masuk sebagai admin untuk mengunggah, mengunduh, menghapus dan memulihkan dokumen. "
            "Halaman lain tetap terbuka untuk dibaca.", icon=":material/lock:")
    if oidc:
        st.button("Masuk dengan akun organisasi", on_click=st.login, key="masuk-oidc")
    if secret is None:
        return
    with st.form("masuk"):
        name = st.text_input("Nama", placeholder="nama Anda, dicatat di log audit")
        password = st.text_input("Kata sandi admin", type="password")
        sent = st.form_submit_button("Masuk", type="primary")
    if not sent:
        return
    client, lockout = _client(), _lockout()
    wait = lockout.wait(client)
    if wait:
        st.error(f"Terlalu banyak percobaan yang salah. Coba lagi dalam {wait:.0f} detik.")
        return
    if not verify(secret, password):
        lockout.failed(client)
        st.error("Kata sandi salah.")
        return
    lockout.succeeded(client)
    st.session_state["admin"] = f"web:{name.strip() or 'admin'}" + (f"@{client}" if _ip() else "")
    st.rerun()


def sign_out_button(who: str) -> None:
    """Who is signed in, and the way out (none for the local single user, who never signed in)."""
    if st.session_state.get("admin"):
        st.caption(md(f"Masuk sebagai {who}"))
        if st.button("Keluar", key="keluar", icon=":material/logout:"):
            del st.session_state["admin"]
            st.rerun()
    elif who.startswith("oidc:"):
        st.caption(md(f"Masuk sebagai {who.removeprefix('oidc:')}"))
        st.button("Keluar", key="keluar-oidc", on_click=st.logout, icon=":material/logout:")
