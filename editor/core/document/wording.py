"""Errors in the writer's words: where (file, line, column) and what, without YAML jargon."""

from __future__ import annotations

import re

from editor.core.document.schema import article_schema
from editor.core.errors import ArticleError, NotUtf8Error

#: PyYAML's phrases and what they mean to someone who never heard of YAML.
_PHRASES = (
    (r"mapping values are not allowed",
     "a colon ( : ) inside a value; put the value in quotes or use a folded value"),
    (r"could not find expected ':'", "a line that is not of the form “name: value”"),
    (r"found character '\\t' that cannot start any token|found a tab character",
     "a tab character; the front matter is indented with spaces"),
    (r"expected ',' or '\]'", "a list opened with [ that is never closed with ]"),
    (r"expected ',' or '\}'", "a group opened with { that is never closed with }"),
    (r"found unexpected end of stream", "a quote that is never closed"),
    (r"found undefined alias", "a * reference to a name (&name) that is not defined"),
    (r"did not find expected key", "an indentation that does not line up with the lines above"),
    (r"found duplicate anchor", "the same &name defined twice"),
    (r"nesting depth", "values nested too deeply (brackets inside brackets inside brackets)"),
    (r"expected <block end>, but found", "an indentation that does not line up"),
)
_TAG = re.compile(r"tag '(?:tag:yaml\.org,2002:)?([^']+)'")
_QUOTED_KEY = re.compile(r"'([A-Za-z_][\w]*(?:\.[\w]+)*)'")


def _labelled(message: str) -> str:
    """Quoted dotted keys the schema knows ('related_article5.id') as their labels."""
    schema = article_schema()

    def named(match: re.Match[str]) -> str:
        key = match[1]
        known = schema.field(key) is not None or key.split(".")[0] in schema.known_top_keys()
        return f"“{schema.label(key)}”" if known else match[0]

    return _QUOTED_KEY.sub(named, message)


def plain_problem(message: str) -> str:
    """The core's message, with a YAML parser's wording replaced by what it means."""
    if message.startswith("invalid YAML"):
        tag = _TAG.search(message)
        if tag and "constructor" in message:
            return f"the front matter has a tag (!!{tag[1]}) the editor does not read"
        for pattern, meaning in _PHRASES:
            if re.search(pattern, message):
                return f"the front matter has {meaning}"
        return "the front matter is not written the way the site reads it there"
    return _labelled(message)


def failure_text(error: ArticleError, saving: bool = False) -> str:
    """“name.md, line 5, column 3: the front matter has …” in one sentence."""
    where = error.path.name if error.path else ("this article" if saving else "this file")
    if error.line is not None:
        where += f", line {error.line}"
        if error.column is not None:
            where += f", column {error.column}"
    what = plain_problem(error.message)
    if isinstance(error, NotUtf8Error):
        what += "; the editor only changes UTF-8 text files, so it is never written"
    text = f"{where}: {what}"
    return text if text.endswith(".") else text + "."
