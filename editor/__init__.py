"""Article Editor: edit Markdown articles with YAML front matter, byte for byte."""

__version__ = "0.1.0"
