"""Streamlit pages of the kb UI (see app.py) and what they share."""
