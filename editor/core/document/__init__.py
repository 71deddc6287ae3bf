"""One article: its bytes, layout, values, schema, codecs, edits, merges and new articles."""
