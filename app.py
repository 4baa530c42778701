"""kb in the browser: `streamlit run app.py`. Each page is a thin layer over the library the CLI uses."""
import streamlit as st

st.set_page_config(page_title="kb · Kota Cerdas", page_icon=":material/location_city:", layout="wide")
st.navigation([
    st.Page("ui/cari.py", title="Cari", icon=":material/search:", default=True),
    st.Page("ui/regulasi.py", title="Regulasi", icon=":material/account_tree:"),
    st.Page("ui/perbandingan.py", title="Perbandingan Kasus", icon=":material/compare:"),
    st.Page("ui/pustaka.py", title="Pustaka", icon=":material/menu_book:"),
    st.Page("ui/korpus.py", title="Kelola Korpus", icon=":material/upload_file:"),
]).run()
