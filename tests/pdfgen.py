"""Regional legal acts as government offices publish them, written as PDFs for tests and bench/documents.py.

Each act has a centred title block, its preamble (Menimbang, Mengingat, MEMUTUSKAN / MENGINSTRUKSIKAN; a
Surat Edaran its addressees, "Yth."), its units (Pasal, diktum, or a Surat Edaran's numbered points), the
signature, and for a Keputusan a Lampiran on a page of its own; every page carries the issuer's running header
and pages after the first their number ("- 2 -"). The content is invented; titles and numbers follow Bekasi's,
West Kalimantan's and Kominfo's acts. What a reader should find
in each is in bench/gold/documents.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import re

import yaml

GOLD = Path(__file__).resolve().parents[1] / "bench" / "gold" / "documents.yaml"


@dataclass(frozen=True)
class Act:
    name: str  # file name
    header: str  # running header printed on every page
    title: tuple[str, ...]  # the centred title block
    body: tuple[str, ...]  # paragraphs: preamble, units, signature
    lampiran: tuple[str, ...] = ()  # a Lampiran, on a new page
    # Typeset as most Keputusan are: "Menimbang", "KESATU" in a column of their own, the ":" in the next, then
    # the text; otherwise "KESATU : text" is one paragraph.
    columns: bool = False


_SIGN_BEKASI = ("Ditetapkan di Bekasi", "pada tanggal 20 Mei 2021", "WALI KOTA BEKASI,", "ttd.", "NAMA WALI KOTA")

KEPWAL = Act(
    "Kepwal_Bekasi_555.8_2021_Tim_Kota_Cerdas.pdf", "WALI KOTA BEKASI",
    ("WALI KOTA BEKASI", "PROVINSI JAWA BARAT", "", "KEPUTUSAN WALI KOTA BEKASI",
     "NOMOR : 555.8/KEP.231-DISKOMINFOSTANDI/V/2021", "", "TENTANG", "",
     "TIM PELAKSANA KOTA CERDAS (SMART CITY) KOTA BEKASI", "", "WALI KOTA BEKASI,"),
    ("Menimbang : a. bahwa dalam rangka mewujudkan Bekasi sebagai kota cerdas yang melayani warga dengan data "
     "dan teknologi informasi, perlu dibentuk tim yang melaksanakan program kota cerdas;",
     "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan Wali "
     "Kota Bekasi tentang Tim Pelaksana Kota Cerdas (Smart City) Kota Bekasi;",
     "Mengingat : 1. Undang-Undang Nomor 9 Tahun 1996 tentang Pembentukan Kotamadya Daerah Tingkat II Bekasi;",
     "2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah beberapa kali "
     "terakhir dengan Undang-Undang Nomor 9 Tahun 2015;",
     "3. Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;",
     "4. Peraturan Wali Kota Bekasi Nomor 110 Tahun 2016 tentang Pengembangan Kota Cerdas Bekasi;",
     "MEMUTUSKAN:",
     "Menetapkan : KEPUTUSAN WALI KOTA BEKASI TENTANG TIM PELAKSANA KOTA CERDAS (SMART CITY) KOTA BEKASI.",
     "KESATU : Membentuk Tim Pelaksana Kota Cerdas (Smart City) Kota Bekasi dengan susunan keanggotaan "
     "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
     "KEDUA : Tim Pelaksana sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas:",
     "a. menyusun rencana aksi tahunan kota cerdas;",
     "b. mengoordinasikan perangkat daerah dalam membangun aplikasi layanan publik;",
     "c. memantau dan mengevaluasi pelaksanaan program kota cerdas; dan",
     "d. melaporkan hasil pelaksanaan tugas kepada Wali Kota setiap 6 (enam) bulan.",
     "KETIGA : Dalam melaksanakan tugas sebagaimana dimaksud dalam Diktum KEDUA, Tim Pelaksana dapat melibatkan "
     "perguruan tinggi, komunitas, dan dunia usaha.",
     "KEEMPAT : Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Anggaran Pendapatan "
     "dan Belanja Daerah Kota Bekasi.",
     "KELIMA : Keputusan ini mulai berlaku pada tanggal ditetapkan.",
     *_SIGN_BEKASI),
    ("LAMPIRAN KEPUTUSAN WALI KOTA BEKASI", "NOMOR : 555.8/KEP.231-DISKOMINFOSTANDI/V/2021",
     "TANGGAL : 20 MEI 2021",
     "SUSUNAN KEANGGOTAAN TIM PELAKSANA KOTA CERDAS (SMART CITY) KOTA BEKASI",
     "1. Pengarah : Wali Kota Bekasi dan Wakil Wali Kota Bekasi.",
     "2. Ketua : Sekretaris Daerah Kota Bekasi.",
     "3. Sekretaris : Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Bekasi.",
     "4. Anggota : Kepala Badan Perencanaan Pembangunan Daerah; Kepala Dinas Kependudukan dan Pencatatan Sipil; "
     "Kepala Dinas Perhubungan; Kepala Bagian Hukum Sekretariat Daerah.",
     "WALI KOTA BEKASI,", "ttd.", "NAMA WALI KOTA"))

KEPGUB = Act(
    "Kepgub_Kalbar_224_2023_Smart_Province.pdf", "GUBERNUR KALIMANTAN BARAT",
    ("GUBERNUR KALIMANTAN BARAT", "", "KEPUTUSAN GUBERNUR KALIMANTAN BARAT", "NOMOR : 224 /BAPPEDA/2023", "",
     "TENTANG", "", "TIM KOORDINASI PENGEMBANGAN PROVINSI CERDAS (SMART PROVINCE)", "PROVINSI KALIMANTAN BARAT", "",
     "GUBERNUR KALIMANTAN BARAT,"),
    ("Menimbang : a. bahwa pengembangan provinsi cerdas memerlukan koordinasi perencanaan antara perangkat daerah "
     "provinsi dan pemerintah kabupaten/kota;",
     "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan Gubernur "
     "tentang Tim Koordinasi Pengembangan Provinsi Cerdas (Smart Province) Provinsi Kalimantan Barat;",
     "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
     "2. Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;",
     "3. Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia;",
     "MEMUTUSKAN:",
     "Menetapkan : KEPUTUSAN GUBERNUR TENTANG TIM KOORDINASI PENGEMBANGAN PROVINSI CERDAS (SMART PROVINCE) "
     "PROVINSI KALIMANTAN BARAT.",
     "KESATU : Membentuk Tim Koordinasi Pengembangan Provinsi Cerdas (Smart Province) Provinsi Kalimantan Barat "
     "dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran I Keputusan ini.",
     "KEDUA : Tim Koordinasi mempunyai tugas:",
     "a. menyusun peta jalan provinsi cerdas;",
     "b. menyelaraskan rencana induk kota cerdas kabupaten/kota dengan rencana pembangunan provinsi; dan",
     "c. menyampaikan laporan kepada Gubernur paling sedikit 1 (satu) kali dalam setahun.",
     "KETIGA : Tim Koordinasi dibantu oleh Sekretariat yang berkedudukan di Badan Perencanaan Pembangunan Daerah "
     "Provinsi Kalimantan Barat.",
     "KEEMPAT : Rincian kegiatan Tim Koordinasi sebagaimana tercantum dalam Lampiran II Keputusan ini.",
     "KELIMA : Biaya pelaksanaan Keputusan ini dibebankan pada Anggaran Pendapatan dan Belanja Daerah Provinsi "
     "Kalimantan Barat.",
     "KEENAM : Keputusan ini mulai berlaku pada tanggal ditetapkan.",
     "Ditetapkan di Pontianak", "pada tanggal 3 Juli 2023", "GUBERNUR KALIMANTAN BARAT,", "ttd.", "NAMA GUBERNUR"),
    ("LAMPIRAN I KEPUTUSAN GUBERNUR KALIMANTAN BARAT", "NOMOR : 224 /BAPPEDA/2023", "TANGGAL : 3 JULI 2023",
     "SUSUNAN KEANGGOTAAN TIM KOORDINASI PENGEMBANGAN PROVINSI CERDAS",
     "1. Pengarah : Gubernur Kalimantan Barat.", "2. Ketua : Sekretaris Daerah Provinsi Kalimantan Barat.",
     "3. Sekretaris : Kepala Badan Perencanaan Pembangunan Daerah.",
     "4. Anggota : Kepala Dinas Komunikasi dan Informatika; Kepala Biro Organisasi.",
     "GUBERNUR KALIMANTAN BARAT,", "ttd.", "NAMA GUBERNUR"),
    columns=True)

PERATURAN_DPRD = Act(
    "Peraturan_DPRD_Kota_Bekasi_1_2023_Kode_Etik.pdf", "DPRD KOTA BEKASI",
    ("DEWAN PERWAKILAN RAKYAT DAERAH KOTA BEKASI", "PROVINSI JAWA BARAT", "",
     "PERATURAN DEWAN PERWAKILAN RAKYAT DAERAH KOTA BEKASI", "NOMOR 1 TAHUN 2023", "", "TENTANG", "",
     "KODE ETIK DEWAN PERWAKILAN RAKYAT DAERAH", "", "DENGAN RAHMAT TUHAN YANG MAHA ESA", "",
     "PIMPINAN DEWAN PERWAKILAN RAKYAT DAERAH KOTA BEKASI,"),
    ("Menimbang : a. bahwa untuk menjaga martabat, kehormatan, citra, dan kredibilitas Dewan Perwakilan Rakyat "
     "Daerah perlu disusun kode etik;",
     "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan Dewan "
     "Perwakilan Rakyat Daerah tentang Kode Etik Dewan Perwakilan Rakyat Daerah;",
     "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
     "2. Peraturan Pemerintah Nomor 12 Tahun 2018 tentang Pedoman Penyusunan Tata Tertib Dewan Perwakilan "
     "Rakyat Daerah Provinsi, Kabupaten, dan Kota;",
     "MEMUTUSKAN:",
     "Menetapkan : PERATURAN DEWAN PERWAKILAN RAKYAT DAERAH TENTANG KODE ETIK DEWAN PERWAKILAN RAKYAT DAERAH.",
     "BAB I", "KETENTUAN UMUM", "Pasal 1",
     "Dalam Peraturan DPRD ini yang dimaksud dengan:",
     "1. Daerah adalah Kota Bekasi.",
     "2. Dewan Perwakilan Rakyat Daerah yang selanjutnya disingkat DPRD adalah DPRD Kota Bekasi.",
     "3. Badan Kehormatan adalah alat kelengkapan DPRD yang bersifat tetap.",
     "BAB II", "KEWAJIBAN ANGGOTA", "Pasal 2",
     "(1) Anggota DPRD wajib menghadiri rapat DPRD sesuai jadwal.",
     "(2) Anggota DPRD yang berhalangan hadir memberitahukan alasannya secara tertulis.",
     "Pasal 3",
     "Anggota DPRD wajib menjaga kerahasiaan data pribadi warga yang diperolehnya dalam menjalankan tugas.",
     "Pasal 4",
     "Anggota DPRD menyampaikan hasil reses melalui portal data DPRD paling lambat 14 (empat belas) hari "
     "setelah reses berakhir.",
     "BAB III", "BADAN KEHORMATAN", "Pasal 5",
     "(1) Badan Kehormatan memeriksa dugaan pelanggaran kode etik.",
     "(2) Pemeriksaan sebagaimana dimaksud pada ayat (1) dilakukan atas pengaduan masyarakat atau temuan "
     "Badan Kehormatan.",
     "Pasal 6",
     "Sanksi atas pelanggaran kode etik berupa:", "a. teguran lisan;", "b. teguran tertulis; atau",
     "c. pemberhentian dari jabatan pimpinan alat kelengkapan DPRD.",
     "BAB IV", "KETENTUAN PENUTUP", "Pasal 7",
     "Peraturan DPRD ini mulai berlaku pada tanggal diundangkan.",
     "Ditetapkan di Bekasi", "pada tanggal 6 Maret 2023", "DEWAN PERWAKILAN RAKYAT DAERAH KOTA BEKASI", "KETUA,",
     "ttd.", "NAMA KETUA"))

INSTRUKSI = Act(
    "Inwal_Bekasi_3_2022_Transformasi_Digital.pdf", "WALI KOTA BEKASI",
    ("WALI KOTA BEKASI", "PROVINSI JAWA BARAT", "", "INSTRUKSI WALI KOTA BEKASI", "NOMOR 3 TAHUN 2022", "",
     "TENTANG", "", "PERCEPATAN TRANSFORMASI DIGITAL LAYANAN PUBLIK", "", "WALI KOTA BEKASI,"),
    ("Dalam rangka mempercepat layanan publik berbasis elektronik di lingkungan Pemerintah Kota Bekasi, "
     "dengan ini:",
     "MENGINSTRUKSIKAN:",
     "Kepada : 1. Para Kepala Perangkat Daerah;", "2. Para Camat; dan", "3. Para Lurah,",
     "di lingkungan Pemerintah Kota Bekasi.",
     "Untuk :",
     "KESATU : Mendaftarkan setiap layanan publik yang diselenggarakan pada katalog layanan kota paling lambat "
     "30 Juni 2022.",
     "KEDUA : Menerima permohonan layanan melalui aplikasi layanan terpadu dan tidak meminta berkas fisik yang "
     "datanya telah tersedia pada portal satu data.",
     "KETIGA : Melaporkan capaian pelaksanaan Instruksi ini kepada Wali Kota melalui Dinas Komunikasi, "
     "Informatika, Statistik dan Persandian setiap triwulan.",
     "KEEMPAT : Instruksi ini mulai berlaku pada tanggal dikeluarkan.",
     "Dikeluarkan di Bekasi", "pada tanggal 4 April 2022", "WALI KOTA BEKASI,", "ttd.", "NAMA WALI KOTA"))

SURAT_EDARAN = Act(
    "SE_Walikota_Bekasi_400.14_2024_Aplikasi.pdf", "WALI KOTA BEKASI",
    ("WALI KOTA BEKASI", "", "Yth. Kepala Perangkat Daerah", "di lingkungan Pemerintah Kota Bekasi", "",
     "SURAT EDARAN", "NOMOR : 400.14/1234/DISKOMINFOSTANDI", "", "TENTANG", "",
     "PENGGUNAAN APLIKASI NASKAH DINAS ELEKTRONIK"),
    ("1. Latar Belakang. Pemerintah Kota Bekasi telah menyediakan aplikasi naskah dinas elektronik untuk "
     "mempercepat penyampaian surat antarperangkat daerah.",
     "2. Maksud dan Tujuan. Surat Edaran ini dimaksudkan sebagai pedoman penggunaan aplikasi naskah dinas "
     "elektronik.",
     "3. Isi Edaran. Sesuai Pasal 5 Peraturan Wali Kota Bekasi Nomor 110 Tahun 2016 tentang Pengembangan Kota "
     "Cerdas Bekasi, setiap perangkat daerah:", "a. mengirim naskah dinas melalui aplikasi;",
     "b. menandatangani naskah dinas dengan tanda tangan elektronik; dan",
     "c. tidak lagi mengirim naskah dinas dalam bentuk cetak kecuali diminta.",
     "Demikian Surat Edaran ini untuk dilaksanakan.",
     "Dikeluarkan di Bekasi", "pada tanggal 12 Januari 2024", "WALI KOTA BEKASI,", "ttd.", "NAMA WALI KOTA"))

# A minister's Surat Edaran as Kominfo publishes them: the addressees above the title are numbered, and so are
# the Tembusan under the signature; the body's points are "1." with lettered sub-points.
SE_MENTERI = Act(
    "SE_Menkominfo_5_2023_Komputasi_Awan.pdf", "KEMENTERIAN KOMUNIKASI DAN INFORMATIKA",
    ("MENTERI KOMUNIKASI DAN INFORMATIKA", "REPUBLIK INDONESIA", "", "Yth. 1. Pimpinan Kementerian/Lembaga;",
     "2. Gubernur; dan", "3. Bupati/Wali Kota", "di seluruh Indonesia", "",
     "SURAT EDARAN MENTERI KOMUNIKASI DAN INFORMATIKA", "REPUBLIK INDONESIA", "NOMOR 5 TAHUN 2023", "", "TENTANG",
     "", "PENGGUNAAN LAYANAN KOMPUTASI AWAN", "OLEH INSTANSI PEMERINTAH"),
    ("1. Latar Belakang",
     "Instansi pemerintah makin banyak menyimpan data dan menjalankan aplikasi layanan publik pada layanan "
     "komputasi awan, sehingga diperlukan arahan agar data tetap aman dan dapat dipindahkan.",
     "2. Maksud dan Tujuan",
     "Surat Edaran ini dimaksudkan sebagai pedoman bagi instansi pemerintah dalam memilih dan menggunakan "
     "layanan komputasi awan.",
     "3. Isi Edaran",
     "Setiap instansi pemerintah yang menggunakan layanan komputasi awan:",
     "a. menempatkan data strategis di pusat data nasional atau pusat data di wilayah Indonesia;",
     "b. memastikan penyedia layanan memiliki sertifikat keamanan informasi yang masih berlaku; dan",
     "c. menyimpan salinan cadangan data paling sedikit 1 (satu) kali dalam seminggu.",
     "4. Pelaporan",
     "Pimpinan instansi melaporkan penggunaan layanan komputasi awan kepada Menteri setiap akhir tahun anggaran.",
     "Demikian Surat Edaran ini disampaikan untuk dilaksanakan.",
     "Ditetapkan di Jakarta", "pada tanggal 5 Mei 2023", "MENTERI KOMUNIKASI DAN INFORMATIKA", "REPUBLIK INDONESIA,",
     "ttd.", "NAMA MENTERI",
     "Tembusan:", "1. Presiden Republik Indonesia;", "2. Wakil Presiden Republik Indonesia."))

PERUBAHAN = Act(
    "Perwal_Bekasi_12_2023_Perubahan_Perwal_110_2016.pdf", "WALI KOTA BEKASI",
    ("WALI KOTA BEKASI", "PROVINSI JAWA BARAT", "", "PERATURAN WALI KOTA BEKASI", "NOMOR 12 TAHUN 2023", "",
     "TENTANG", "", "PERUBAHAN ATAS PERATURAN WALI KOTA BEKASI NOMOR 110 TAHUN 2016",
     "TENTANG PENGEMBANGAN KOTA CERDAS BEKASI", "", "DENGAN RAHMAT TUHAN YANG MAHA ESA", "", "WALI KOTA BEKASI,"),
    ("Menimbang : a. bahwa Peraturan Wali Kota Bekasi Nomor 110 Tahun 2016 tentang Pengembangan Kota Cerdas "
     "Bekasi perlu disesuaikan dengan perkembangan layanan digital;",
     "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Peraturan Wali "
     "Kota tentang Perubahan atas Peraturan Wali Kota Bekasi Nomor 110 Tahun 2016 tentang Pengembangan Kota "
     "Cerdas Bekasi;",
     "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
     "2. Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;",
     "MEMUTUSKAN:",
     "Menetapkan : PERATURAN WALI KOTA TENTANG PERUBAHAN ATAS PERATURAN WALI KOTA BEKASI NOMOR 110 TAHUN 2016 "
     "TENTANG PENGEMBANGAN KOTA CERDAS BEKASI.",
     "Pasal I",
     "Beberapa ketentuan dalam Peraturan Wali Kota Bekasi Nomor 110 Tahun 2016 tentang Pengembangan Kota Cerdas "
     "Bekasi diubah sebagai berikut:",
     "1. Ketentuan Pasal 2 diubah sehingga berbunyi sebagai berikut:", "Pasal 2",
     "(1) Pusat komando menerima laporan warga melalui aplikasi ponsel, pesan singkat, dan media sosial.",
     "(2) Laporan warga diteruskan ke perangkat daerah paling lambat 1 x 24 (satu kali dua puluh empat) jam.",
     "2. Di antara Pasal 5 dan Pasal 6 disisipkan 1 (satu) pasal, yakni Pasal 5A sehingga berbunyi sebagai "
     "berikut:", "Pasal 5A",
     "Perangkat daerah membuka data layanan pada portal satu data kota setiap bulan.",
     "3. Ketentuan Pasal 7 dihapus.",
     "Pasal II",
     "Peraturan Wali Kota ini mulai berlaku pada tanggal diundangkan.",
     "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Wali Kota ini dengan penempatannya "
     "dalam Berita Daerah Kota Bekasi.",
     "Ditetapkan di Bekasi", "pada tanggal 2 Mei 2023", "WALI KOTA BEKASI,", "ttd.", "NAMA WALI KOTA",
     "Diundangkan di Bekasi", "pada tanggal 2 Mei 2023", "SEKRETARIS DAERAH KOTA BEKASI,", "ttd.",
     "NAMA SEKRETARIS DAERAH", "BERITA DAERAH KOTA BEKASI TAHUN 2023 NOMOR 12"))

PERKADIS = Act(
    "Perkadis_Diskominfostandi_Bekasi_3_2023_Satu_Data.pdf", "DISKOMINFOSTANDI KOTA BEKASI",
    ("PEMERINTAH KOTA BEKASI", "", "PERATURAN KEPALA DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN",
     "KOTA BEKASI", "NOMOR 3 TAHUN 2023", "", "TENTANG", "", "STANDAR LAYANAN PORTAL SATU DATA", "",
     "KEPALA DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN KOTA BEKASI,"),
    ("Menimbang : bahwa untuk melaksanakan Peraturan Wali Kota tentang Satu Data Kota Bekasi, perlu menetapkan "
     "standar layanan portal satu data;",
     "Mengingat : Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia;",
     "MEMUTUSKAN:",
     "Menetapkan : PERATURAN KEPALA DINAS TENTANG STANDAR LAYANAN PORTAL SATU DATA.",
     "Pasal 1",
     "Portal satu data adalah situs resmi tempat perangkat daerah membagi data statistik sektoral.",
     "Pasal 2",
     "(1) Setiap perangkat daerah menunjuk 1 (satu) petugas data.",
     "(2) Petugas data mengunggah data paling lambat tanggal 10 setiap bulan.",
     "Pasal 3",
     "Data yang diunggah dilengkapi metadata yang memuat sumber, periode, dan satuan.",
     "Pasal 4",
     "Permintaan data oleh warga dijawab paling lambat 10 (sepuluh) hari kerja.",
     "Pasal 5",
     "Peraturan Kepala Dinas ini mulai berlaku pada tanggal ditetapkan.",
     "Ditetapkan di Bekasi", "pada tanggal 9 Agustus 2023", "KEPALA DINAS,", "ttd.", "NAMA KEPALA DINAS"))

# A Keputusan signed before its number was typed in: no identity can be read from it.
UNNUMBERED = Act(
    "Kepwal_Bekasi_tanpa_nomor.pdf", "WALI KOTA BEKASI",
    ("WALI KOTA BEKASI", "", "KEPUTUSAN WALI KOTA BEKASI", "NOMOR : ........................", "", "TENTANG", "",
     "PANITIA PELAKSANA HARI JADI KOTA BEKASI", "", "WALI KOTA BEKASI,"),
    ("Menimbang : bahwa untuk memperingati hari jadi Kota Bekasi perlu dibentuk panitia pelaksana;",
     "MEMUTUSKAN:", "Menetapkan : KEPUTUSAN WALI KOTA BEKASI TENTANG PANITIA PELAKSANA HARI JADI KOTA BEKASI.",
     "KESATU : Membentuk Panitia Pelaksana Hari Jadi Kota Bekasi.",
     "KEDUA : Keputusan ini mulai berlaku pada tanggal ditetapkan.",
     "Ditetapkan di Bekasi", "pada tanggal ..................", "WALI KOTA BEKASI,"))

ACTS: tuple[Act, ...] = (KEPWAL, KEPGUB, PERATURAN_DPRD, INSTRUKSI, SURAT_EDARAN, SE_MENTERI, PERUBAHAN, PERKADIS,
                         UNNUMBERED)


_LABEL = re.compile(r"(Menimbang|Mengingat|Menetapkan|KE[A-Z]+(?: BELAS)?) : ")


def write_act(act: Act, folder: Path) -> Path:
    """`act` as a PDF in `folder`: A4, 11 pt, the title block centred and in bold."""
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.set_xy(20, 8)
            self.cell(0, 4, act.header, align="R")
            if self.page_no() > 1:
                self.set_font("Helvetica", size=10)
                self.set_xy(20, 14)
                self.cell(0, 5, f"- {self.page_no()} -", align="C")
            self.set_y(25)

    pdf = _Pdf(format="A4")
    pdf.set_margins(25, 25, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=11)
    for line in act.title:
        pdf.multi_cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for part, paragraphs in (("body", act.body), ("lampiran", act.lampiran)):
        if part == "lampiran" and paragraphs:
            pdf.add_page()
        for text in paragraphs:
            pdf.set_font("Helvetica", style="B" if text.isupper() else "", size=11)
            label = _LABEL.match(text) if act.columns else None
            if label:
                pdf.cell(30, 6, label.group(1))
                pdf.cell(5, 6, ":")
                text = text[label.end():]
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    path = folder / act.name
    pdf.output(str(path))
    return path


def write_acts(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_act(act, folder) for act in ACTS]


def unit_list(spec: str) -> list[str]:
    """A gold list of units or changes: "1-3" -> ["1", "2", "3"], "I, II" -> ["I", "II"], "" -> []."""
    out: list[str] = []
    for part in (p.strip() for p in str(spec or "").split(",")):
        a, _, b = part.partition("-")
        if a.isdigit() and b.isdigit():
            out += [str(n) for n in range(int(a), int(b) + 1)]
        elif part:
            out.append(part)
    return out


def read_gold() -> list[dict[str, Any]]:
    """bench/gold/documents.yaml with its unit and change lists expanded."""
    entries = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    for e in entries:
        e["units"] = unit_list(e.get("units", ""))
        e["changes"] = unit_list(e.get("changes", ""))
    return entries
