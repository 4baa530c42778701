"""ingest: turn files into typed Documents and structured Chunks."""
