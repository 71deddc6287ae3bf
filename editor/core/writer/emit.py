"""Turn values into YAML text with PyYAML's emitter, placed at a given column.

Quoting, escaping and folding are PyYAML's job; this module only places the result: it emits
into a throw-away one-key mapping whose key is as wide as the real one, then re-indents the
continuation lines to the indentation the file already uses.
"""

from __future__ import annotations

import io
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.writer.yamltree import STR_TAG

NO_WRAP = 1_000_000_000
_EMIT_INDENT = 2
_HEADER_RE = re.compile(r"^([>|])(\d?)([+-]?)")
_MAX_SIMPLE_KEY = 100
_ODD_BREAKS = "\r\x85\u2028\u2029"
#: Characters that print as nothing or as a plain space (non-breaking and typographic spaces,
#: zero-width and direction marks, the soft hyphen). PyYAML writes them raw; in double quotes
#: they are written as escapes (``\_`` for U+00A0), as a file written by hand has them.
_INVISIBLE = re.compile("[\xa0\xad\u1680\u180e\u2000-\u200f\u202a-\u202f\u205f-\u2064"
                        "\u2066-\u206f\u3000]")


#: Plain text some YAML reader takes for something other than a string: YAML 1.1 (PyYAML,
#: Go's yaml.v2) and YAML 1.2 readers (js-yaml 4, Go's yaml.v3, which also allow ``_`` in
#: numbers, ``0o``/``0b`` prefixes and exponents without a dot). Such strings are quoted.
_NOT_A_STRING = re.compile(
    r"(?:[yY]|yes|Yes|YES|[nN]|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|~|null|Null|NULL|=|<<"
    r"|[-+]?0[bB][01_]+|[-+]?0[oO][0-7_]+|[-+]?0[xX][0-9a-fA-F_]+"
    r"|[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9_]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|[-+]?\.(?:nan|NaN|NAN)"
    # dates and times, also with one-digit fields (Go's yaml reads 2024-1-2 as a date)
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}"
    r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)"
)


def _breaks_oddly(text: str) -> bool:
    """Whether ``text`` holds a line break besides LF: YAML also breaks lines at CR, NEL, LS
    and PS, and only double quotes escape them."""
    return any(c in text for c in _ODD_BREAKS)


def reads_as_non_string(text: str) -> bool:
    """Whether plain ``text`` would read as a number, boolean or null in some YAML reader."""
    return _NOT_A_STRING.fullmatch(text) is not None


def _plain_or_quoted(text: str, style: str | None) -> str | None:
    """``style`` for a string, made a quoting style when plain text would not read back."""
    return "'" if style is None and reads_as_non_string(text) else style


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\\_" if code == 0xA0 else (f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")


def _escape_invisible(text: str) -> str:
    """``text``, whose every invisible character stands inside a double-quoted scalar, with
    those characters escaped."""
    return _INVISIBLE.sub(_escape, text)


class _Dumper(yaml.SafeDumper):
    """Strings holding invisible characters are double-quoted, so they can be escaped."""

    def represent_str(self, data: str) -> ScalarNode:
        style = '"' if _INVISIBLE.search(data) else _plain_or_quoted(data, None)
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _Dumper.represent_str)


def _represent(value: Any) -> Node:
    return _Dumper(io.StringIO(), sort_keys=False).represent_data(value)


def _serialize(node: Node, width: int) -> str:
    stream = io.StringIO()
    dumper = yaml.SafeDumper(
        stream, width=max(width, 2 * _EMIT_INDENT + 1), indent=_EMIT_INDENT, allow_unicode=True
    )
    dumper.open()
    dumper.serialize(node)
    dumper.close()
    return stream.getvalue()


def is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def scalar_text(
    value: Any,
    style: str | None,
    *,
    first_col: int,
    parent_col: int,
    content_col: int,
    width: int = NO_WRAP,
) -> str:
    """YAML text for a scalar in block context, starting at column ``first_col``.

    ``style`` is the old value's style (None plain, "'", '"', '>' or '|'); it is only a wish
    for strings: PyYAML falls back to the quoting the text needs. An empty string keeps a
    block style as a bare ``>-`` (or ``|-``), which reads back as "". Continuation lines (block
    scalar content, wrapped plain or quoted text) are indented to ``content_col``; a block
    indentation indicator, when one is needed, is relative to ``parent_col``.
    """
    if value == "" and style in (">", "|"):
        return style + "-"  # an empty block scalar: the value keeps its style while empty
    node = _represent(value)
    if isinstance(value, str):
        assert isinstance(node, ScalarNode)
        node.style = '"' if _breaks_oddly(value) else _plain_or_quoted(value, style or None)
    pad = max(1, min(first_col - 2, _MAX_SIMPLE_KEY))
    key = ScalarNode(STR_TAG, "k" * pad)
    emit_width = width if width >= NO_WRAP else width - (content_col - _EMIT_INDENT)
    text = _serialize(MappingNode("tag:yaml.org,2002:map", [(key, node)]), emit_width)
    text = text[pad + 1 :].removeprefix(" ").removesuffix("\n")
    if text.startswith('"'):
        text = _escape_invisible(text)
    lines = text.split("\n")
    head = _HEADER_RE.match(lines[0])
    if head and head.group(2):
        indicator = content_col - parent_col
        if not 1 <= indicator <= 9:
            return scalar_text(
                value, '"', first_col=first_col, parent_col=parent_col,
                content_col=content_col, width=width,
            )
        lines[0] = f"{head.group(1)}{indicator}{head.group(3)}" + lines[0][head.end() :]
    shift = " " * content_col
    for i in range(1, len(lines)):
        if lines[i].startswith(" " * _EMIT_INDENT):
            lines[i] = shift + lines[i][_EMIT_INDENT:]
    return "\n".join(lines)


def flow_text(value: Any, style: str | None = None) -> str:
    """YAML text for a value inside a flow collection (``[...]`` or ``{...}``), one line."""
    node = _represent(value)
    if isinstance(value, str):
        assert isinstance(node, ScalarNode)
        wish = style if style in ("'", '"') else None
        odd = _INVISIBLE.search(value) or _breaks_oddly(value)
        node.style = '"' if odd else _plain_or_quoted(value, wish)
    _flow_everywhere(node)
    text = _serialize(SequenceNode("tag:yaml.org,2002:seq", [node], flow_style=True), NO_WRAP)
    text = text.strip()[1:-1]
    return _escape_invisible(text) if not is_scalar(value) or text.startswith('"') else text


def _flow_everywhere(node: Node) -> None:
    if isinstance(node, MappingNode | SequenceNode):
        node.flow_style = True
        for child in node.value:
            for sub in child if isinstance(child, tuple) else (child,):
                _flow_everywhere(sub)


def block_text(value: Any, *, col: int, indent: int = 2) -> list[str]:
    """Lines (without newline) of a non-empty collection in block style at column ``col``."""
    stream = io.StringIO()
    yaml.dump(
        value, stream, Dumper=_Dumper, default_flow_style=False, sort_keys=False,
        allow_unicode=True, width=NO_WRAP, indent=max(2, min(indent, 9)),
    )
    lines = _escape_invisible(stream.getvalue()).split("\n")[:-1]
    return [(" " * col + line) if line else line for line in lines]


def value_text(value: Any) -> str:
    """A value as a person would type it in YAML: block for collections, else one line."""
    if isinstance(value, dict | list) and value:
        dumped = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                           width=NO_WRAP)
        return _escape_invisible(dumped.rstrip("\n"))
    dumped = yaml.dump([value], Dumper=_Dumper, default_flow_style=True, allow_unicode=True,
                       width=NO_WRAP, sort_keys=False)
    return _escape_invisible(dumped.strip()[1:-1])
