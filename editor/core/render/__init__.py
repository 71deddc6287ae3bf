"""The site's rendering of an answer: its Markdown dialect and its math (no Qt here)."""
