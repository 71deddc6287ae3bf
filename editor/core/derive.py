"""Derived fields, exactly as the site's conventions define them."""

from __future__ import annotations

import re

_NOT_SLUG = re.compile(r"[^a-z0-9 ]")
SEO_TITLE_PREFIX = "QuickTakes | "


def slugify(text: str) -> str:
    """Lowercase, drop every character but a-z, 0-9 and space, then each space becomes '-'."""
    return _NOT_SLUG.sub("", text.lower()).replace(" ", "-")


def subject_slug(subject: str) -> str:
    return slugify(subject)


def file_name(question: str) -> str:
    return slugify(question) + ".md"


def url(subject: str, question: str) -> str:
    return f"/learn/{subject_slug(subject)}/questions/{slugify(question)}"


def seo_title(subject: str) -> str:
    return SEO_TITLE_PREFIX + subject


def derive(name: str, *, subject: str, question: str) -> str:
    """The value of a derived field named in the schema's ``derive``."""
    derivations = {
        "question": lambda: question,
        "seo_title": lambda: seo_title(subject),
        "file_name": lambda: file_name(question),
        "url": lambda: url(subject, question),
    }
    if name not in derivations:
        raise KeyError(f"unknown derivation {name!r}")
    return derivations[name]()
