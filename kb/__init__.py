"""kb: store, embedders, lexical index, search, citations and CLI over ingested documents."""
