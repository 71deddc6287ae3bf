"""The YAML tree with source positions and the splice writer that keeps every untouched byte."""
