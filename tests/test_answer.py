"""The extractive answer (kb.answer) and `kb ask`: whole clauses, the named Pasal, studies by name, no
label soup, and silence when the corpus has no answer."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from kb.abstain import key_terms
from kb.answer import MAX_CHARS, NOT_FOUND, _shorten, answer
from kb.cli import cli
from kb.search import Hit

PASAL_363 = ("(1) Dalam rangka meningkatkan kesejahteraan rakyat, Daerah dapat mengadakan kerja sama yang didasarkan "
             "pada pertimbangan efisiensi dan efektivitas pelayanan publik serta saling menguntungkan.\n"
             "(2) Kerja sama sebagaimana dimaksud pada ayat (1) dapat dilakukan oleh Daerah dengan:\n"
             "a. Daerah lain;\nb. pihak ketiga; dan/atau\nc. lembaga atau pemerintah daerah di luar negeri sesuai "
             "dengan ketentuan peraturan perundang-undangan.\n"
             "(3) Kerja sama sebagaimana dimaksud pada ayat (2) dapat dilakukan secara wajib dan sukarela.")
CARD = ("Kartu studi terdahulu: yahya-2022-surakarta. Penulis: Hilmy Yahya; Sudarmo. Tahun: 2022. Kota: Surakarta. "
        "Program: EPPSON (layanan pembayaran pajak daerah secara daring). "
        "Teori/model: collaborative governance; model Ansell dan Gash (2008). "
        "Relevansi bagi penelitian ini: Contoh penerapan model Ansell dan Gash pada program smart city.")
ENTRY = ("Entri katalog (regulasi): perwal-kota-bekasi-110-2016. Jenis: Perwal. Nomor: 110. Tahun: 2016. "
         "Tentang: Pengembangan Kota Cerdas Bekasi. Penerbit: Kota Bekasi. Status: belum diperiksa. "
         "Ringkasan: Dasar hukum kota cerdas Bekasi yang pertama. "
         "Teks lengkap: belum ada di korpus; dapatkan dari JDIH Kota Bekasi.")


def hit(rank: int, text: str, doc_type: str = "regulasi", **meta) -> Hit:
    m = {"doc_id": f"d{rank}", "doc_type": doc_type, **meta}
    return Hit(rank=rank, chunk_id=f"d{rank}#00000", doc_id=f"d{rank}", source_path=None, title=meta.get("title"),
               doc_type=doc_type, year=None, page_start=None, page_end=None, pasal=meta.get("pasal"), ayat=None,
               section=meta.get("section"), lang="id", score=1.0 / rank, text=text,
               citation=meta.get("citation", f"Dok {rank}"), meta=m, similarity=0.9)


def pasal_hit(rank: int = 1) -> Hit:
    return hit(rank, PASAL_363, pasal="363", section="batang_tubuh", short_cite="UU 23/2014", title="UU 23/2014",
               citation="UU 23/2014, Pasal 363")


def test_an_ayat_is_quoted_whole_with_its_list_and_cited_by_its_number():
    hits = [pasal_hit()]
    a = answer("dengan siapa daerah boleh bekerja sama?", hits)
    first = a.sentences[0]
    assert first.text.startswith("(2) Kerja sama") and "a. Daerah lain; b. pihak ketiga; dan/atau c. lembaga" in first.text
    assert first.sources == (1,) and hits[0].citation == "UU 23/2014, Pasal 363 ayat (2)"


DEFINITIONS = ("Dalam Undang-Undang ini yang dimaksud dengan:\n"
               "1. Perencanaan adalah proses menentukan tindakan masa depan melalui urutan pilihan.\n"
               "2. Rencana Pembangunan Jangka Panjang, yang selanjutnya disingkat RPJP, adalah dokumen "
               "perencanaan untuk periode 20 (dua puluh) tahun.\n"
               "3. Rencana Pembangunan Jangka Menengah, yang selanjutnya disingkat RPJM, adalah dokumen "
               "perencanaan untuk periode 5 (lima) tahun.\n"
               + "".join(f"{n}. Istilah {n} adalah pengertian panjang yang mengisi pasal ini.\n" for n in range(4, 12)))


def test_a_definition_is_quoted_alone_from_the_pasal_of_definitions():
    definitions = hit(1, DEFINITIONS, pasal="1", citation="UU 25/2004, Pasal 1")
    a = answer("RPJP dan RPJM itu untuk periode berapa tahun?", [definitions])
    assert [s.text[:3] for s in a.sentences[:2]] == ["2. ", "3. "]
    assert "20 (dua puluh) tahun" in a.sentences[0].text and "Istilah" not in a.text
    nested = ("Setiap Badan Publik wajib membuka akses, kecuali:\na. informasi yang dapat:\n1. menghambat penyidikan;\n"
              "2. mengungkap identitas pelapor;\nb. informasi yang membahayakan pertahanan negara.")
    a = answer("informasi apa yang dikecualikan dari akses badan publik?", [hit(1, nested, pasal="17")])
    assert a.sentences[0].text.startswith("Setiap Badan Publik") and "b. informasi" in a.sentences[0].text


def test_the_regulation_a_question_names_answers_it_first():
    law = hit(1, "Kerja sama dengan pihak ketiga meliputi: a. penyediaan pelayanan publik; b. investasi.",
              pasal="366", jenis="UU", nomor="23", tahun=2014, citation="UU 23/2014, Pasal 366")
    pp = hit(2, "Pihak ketiga yang dapat menjadi mitra terdiri atas: a. perseorangan; b. badan usaha.",
             pasal="14", jenis="PP", nomor="28", tahun=2018, tentang="Kerja Sama Daerah",
             citation="PP 28/2018, Pasal 14")
    asked = "siapa saja mitra pihak ketiga dalam kerja sama daerah"
    assert answer(asked, [law, pp]).sentences[0].sources == (1,)  # more of the question's words
    assert answer(f"{asked} menurut PP 28/2018?", [law, pp]).sentences[0].sources == (2,)
    assert answer(f"menurut PP Kerja Sama Daerah, {asked}?", [law, pp]).sentences[0].sources == (2,)  # by its title


def test_a_list_led_by_what_the_question_asks_a_list_of_answers_it():
    mention = hit(1, "Pengawasan oleh masyarakat merupakan salah satu bentuk partisipasi masyarakat dalam "
                     "penyelenggaraan urusan daerah.")
    forms = hit(2, "(4) Partisipasi masyarakat dilakukan dalam bentuk:\na. konsultasi publik;\nb. musyawarah;\n"
                   "c. kemitraan.", pasal="354")
    a = answer("Dalam bentuk apa saja partisipasi masyarakat di penyelenggaraan pemerintahan daerah dapat dilakukan?",
               [mention, forms])
    assert a.sentences[0].sources == (2,) and "konsultasi publik" in a.sentences[0].text


def test_a_long_list_is_quoted_with_the_items_the_question_is_about():
    items = [f"{chr(97 + i)}. dokumen pendukung kegiatan rutin nomor {i} yang disusun setiap tahun anggaran;"
             for i in range(8)]
    items[6] = "g. perjanjian Badan Publik dengan pihak ketiga;"
    ayat = "(1) Badan Publik wajib menyediakan Informasi Publik setiap saat yang meliputi:\n" + "\n".join(items)
    a = answer("apakah perjanjian pemkot dengan pihak ketiga wajib tersedia setiap saat?", [hit(1, ayat, pasal="11")])
    quoted = a.sentences[0].text
    assert "g. perjanjian Badan Publik dengan pihak ketiga" in quoted and len(quoted) <= MAX_CHARS + 20
    assert quoted.startswith("(1) Badan Publik wajib menyediakan") and "… g." in quoted


def test_a_named_pasal_is_answered_by_its_ayat_in_order():
    a = answer("apa isi Pasal 363 UU 23 Tahun 2014", [pasal_hit(), hit(2, "Pasal lain tentang kerja sama.")])
    assert [s.text[:3] for s in a.sentences] == ["(1)", "(2)", "(3)"] and a.sources == [1]
    only = answer("Pasal 363 ayat (3) UU 23/2014", [pasal_hit()])
    assert [s.text[:3] for s in only.sentences] == ["(3)"]


def test_study_answers_name_the_study_and_never_quote_labels():
    h = hit(1, CARD, "studi", card_type="studi", short_cite="Yahya & Sudarmo (2022)", city="Surakarta",
            programme="EPPSON (layanan pembayaran pajak daerah secara daring)", title="Collaborative Governance")
    a = answer("penelitian mana yang memakai model Ansell dan Gash?", [h])
    assert a.sentences[0].text.startswith("Yahya & Sudarmo (2022) memakai collaborative governance; model Ansell "
                                          "dan Gash (2008) dalam program EPPSON")
    assert not re.search(r"(Relevansi bagi penelitian ini|Teori/model|Penulis|Tahun):", a.text)


def test_a_question_naming_a_studys_programme_is_answered_by_the_field_it_asks_for():
    """"Bagaimana ... program EPPSON" names the programme to ask how it went: the findings answer, not the
    sentence saying which programme the study is about (and "bagaimana" asks for no aim)."""
    card = CARD.replace("Relevansi bagi", "Temuan: Koordinasi BPPKAD dengan bank berjalan lewat MoU. Relevansi bagi")
    h = hit(1, card, "studi", card_type="studi", short_cite="Yahya & Sudarmo (2022)", city="Surakarta",
            programme="EPPSON (layanan pembayaran pajak daerah secara daring)", title="Collaborative Governance")
    a = answer("Bagaimana koordinasi BPPKAD dengan bank dalam program EPPSON di Surakarta?", [h])
    assert a.sentences[0].text.startswith("Temuan Yahya & Sudarmo (2022): Koordinasi BPPKAD"), a.text
    case = hit(1, "Kartu kasus: bandung. Kota: Bandung. Program: SIP (rapor camat); Hay U (perizinan online). "
                  "Temuan: Warga memakai aplikasi untuk mengadu.", "kasus", card_type="kasus", city="Bandung",
               programme="SIP", title="Bandung")
    assert answer("Bandung punya aplikasi program apa saja?", [case]).sentences[0].text.startswith("Program di Bandung")


def test_a_why_question_is_answered_by_the_sentence_that_gives_a_reason():
    """"kenapa ... menggandeng pihak lain" shares its words with a card's partners ("pihak"), but the chapter's
    "Agar ..." sentence is the answer; asking who the partners are still gets the card's field."""
    card = hit(1, "Kartu studi terdahulu: widodo-2020-bekasi. Kota: Bekasi. Mitra kolaborasi: pemerintah: Pemerintah "
                  "Kota Bekasi, tim pelaksana, dinas terkait; lainnya: masyarakat. Program: Bekasi Smart City.",
               "studi", card_type="studi", short_cite="Widodo & Permatasari (2020)", city="Bekasi",
               programme="Bekasi Smart City", title="Strategi Komunikasi Pemerintah Kota Bekasi")
    chapter = hit(2, "Pemerintah Kota Bekasi meluncurkan program smart city pada 2016. Agar program smart city bisa "
                     "berjalan, Pemerintah Kota Bekasi harus berkolaborasi dengan berbagai pihak.", "dokumen")
    why = answer("kenapa pemkot Bekasi harus menggandeng pihak lain dalam program smart city", [card, chapter])
    assert why.sentences[0].text.startswith("Agar program smart city") and why.sentences[0].sources == (2,)
    who = answer("pihak mana saja yang menjadi mitra pemkot Bekasi dalam program smart city", [card, chapter])
    assert who.sentences[0].text.startswith("Mitra kolaborasi dalam Widodo & Permatasari (2020)")


def test_a_catalog_entry_says_what_it_is_and_where_the_text_is():
    h = hit(1, ENTRY, "katalog", kind="regulasi", where="JDIH Kota Bekasi", full_text=False,
            title="Perwal Bekasi 110/2016 tentang Pengembangan Kota Cerdas Bekasi")
    a = answer("apa isi Perwal Bekasi 110/2016", [h])
    assert a.text.startswith("Perwal Bekasi 110/2016 tentang Pengembangan Kota Cerdas Bekasi: Dasar hukum")
    assert "belum ada di korpus; dapatkan dari JDIH Kota Bekasi" in a.text
    assert not re.search(r"(Tentang|Tahun|Jenis|Nomor):", a.text)
    fetchable = hit(1, ENTRY, "katalog", kind="regulasi", url="https://example.org/uu.pdf", full_text=False, title="T")
    assert "`kb fetch d1`" in answer("UU 1/2020", [fetchable]).text


def test_long_sentences_are_shortened_at_a_clause_with_a_visible_mark():
    long = "Daerah dapat bekerja sama dengan " + ", ".join(f"pihak ke-{i}" for i in range(200)) + "."
    s = _shorten(long)
    assert len(s) <= MAX_CHARS and s.endswith(" …") and long.startswith(s[:-2]) and s[-3] != ","
    assert _shorten("Kalimat pendek.") == "Kalimat pendek."


def test_no_answer_when_the_hits_hold_nothing_of_the_question():
    h = pasal_hit()
    h.similarity = 0.80
    a = answer("resep rendang padang yang empuk", [h])
    assert a.abstained and a.sentences == [] and a.text.startswith(NOT_FOUND)
    assert "[1] UU 23/2014, Pasal 363" in a.text  # the closest source is still named


def test_a_chat_spelled_question_tag_is_no_term_the_hits_must_hold():
    """"... lapor ke dprd gk?" asks as "... gak?" does: the tag is no key term (kb.abstain), whichever spelling."""
    asked = key_terms("pemkot harus lapor ke dprd gak?")
    assert "dprd" in asked
    for tag in ("gk", "ga", "ngga", "enggak", "engga", "ndak", "kagak"):
        assert key_terms(f"pemkot harus lapor ke dprd {tag}?") == asked, tag


def test_a_wish_is_no_term_the_hits_must_hold():
    """"pemkot mau kerja sama ...": a rare word in the laws, "mau" weighed most and made a question about DPRD
    approval of a cooperation abstain on an index of the regulations alone."""
    assert key_terms("klo pemkot mau kerja sama dgn swasta hrs lapor ke dprd gk?") == \
        key_terms("klo pemkot kerja sama dgn swasta hrs lapor ke dprd gk?")
    assert "dprd" in key_terms("pemkot ingin lapor ke dprd")


def test_the_json_object_has_exactly_the_documented_keys():
    a = answer("dengan siapa daerah boleh bekerja sama?", [pasal_hit()])
    d = a.to_json()
    assert list(d) == ["question", "answer", "abstained", "sentences", "hits"]
    assert d["sentences"][0]["sources"] == [1] and d["hits"][0]["citation"] == "UU 23/2014, Pasal 363 ayat (2)"


# -- on real indexes ---------------------------------------------------------------------------------


def test_a_passage_two_hits_hold_is_quoted_once_citing_both():
    """The Penjelasan of UU 23/2014 Pasal 154 and UU 9/2015's rewrite of it say the same: one quote, [1][2]."""
    said = ("Yang dimaksud dengan kerja sama internasional dalam ketentuan ini adalah kerja sama Daerah antara "
            "Pemerintah Daerah kabupaten/kota dan pihak luar negeri.")
    hits = [hit(1, said + " Huruf h Cukup jelas.", pasal="154", section="penjelasan"),
            hit(2, "Huruf g " + said, pasal="I", section="penjelasan"),
            hit(3, "Kerja sama dengan pihak luar negeri dilakukan setelah mendapat persetujuan Pemerintah Pusat.")]
    a = answer("kerja sama daerah dengan pihak luar negeri harus dapat persetujuan siapa?", hits)
    assert [s.sources for s in a.sentences if "internasional" in s.text] == [(1, 2)], a.sentences
    assert any("persetujuan Pemerintah Pusat" in s.text for s in a.sentences)

def ask(kb, question: str) -> dict:
    res = CliRunner().invoke(cli, ["ask", question, "--json", "--data-dir", str(kb.settings.data_dir)])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_kb_ask_quotes_the_list_of_partners_from_the_real_law(regulation_kb):
    d = ask(regulation_kb, "dengan siapa daerah boleh bekerja sama?")
    assert not d["abstained"] and "Daerah lain" in d["answer"] and "pihak ketiga" in d["answer"]
    quoted = {n for s in d["sentences"] for n in s["sources"]}
    assert any(h["citation"].startswith("UU 23/2014, Pasal 363 ayat (2)") for h in d["hits"] if h["rank"] in quoted)


def test_kb_ask_answers_a_named_pasal_with_that_pasal(regulation_kb):
    d = ask(regulation_kb, "apa isi Pasal 363 UU 23 Tahun 2014")
    quoted = [h for h in d["hits"] if h["rank"] in {n for s in d["sentences"] for n in s["sources"]}]
    assert quoted and all(h["pasal"] == "363" for h in quoted)
    assert d["sentences"][0]["text"].startswith("(1)") and "pihak ketiga" in d["answer"]


def test_kb_ask_names_the_study_and_abstains_outside_the_corpus(mixed_kb):
    d = ask(mixed_kb, "penelitian mana yang memakai model Ansell dan Gash?")
    assert not d["abstained"] and "Yahya & Sudarmo (2022)" in d["sentences"][0]["text"]
    assert "Ansell dan Gash" in d["sentences"][0]["text"]
    for q in ("resep rendang padang yang empuk", "berapa lama cuti melahirkan bagi pekerja swasta",
              "syarat perpanjangan paspor di kantor imigrasi"):
        d = ask(mixed_kb, q)
        assert d["abstained"] and d["sentences"] == [] and d["answer"].startswith(NOT_FOUND), q


def test_kb_ask_lists_each_source_once_with_all_its_numbers(mixed_kb):
    """Two chunks of the Yahya & Sudarmo card are quoted: one line "[1][3] Yahya & Sudarmo (2022), ...", not two."""
    question = "penelitian terdahulu mana yang memakai model Ansell dan Gash?"
    quoted = {n for s in ask(mixed_kb, question)["sentences"] for n in s["sources"]}
    res = CliRunner().invoke(cli, ["ask", question, "--data-dir", str(mixed_kb.settings.data_dir)])
    lines = [ln for ln in res.output.splitlines() if re.match(r"(\[\d+\])+ ", ln)]
    citations = [ln.split("] ", 1)[1] for ln in lines]
    assert len(quoted) > len(lines) and len(set(citations)) == len(citations)
    assert {int(n) for ln in lines for n in re.findall(r"\[(\d+)\]", ln.split(" ", 1)[0])} == quoted


def test_a_huruf_is_cited_with_its_ayat_and_its_list_ends_at_the_next_ayat():
    from kb.citations import best_location

    assert best_location(PASAL_363, "dengan siapa daerah boleh bekerja sama?") == (None, None)  # no part stands out
    assert best_location(PASAL_363, "kerja sama dengan pihak ketiga") == ("2", "b")
    assert best_location(PASAL_363, "pemerintah daerah di luar negeri") == ("2", "c")
    assert best_location(PASAL_363, "kerja sama wajib dan sukarela") == ("3", None)
