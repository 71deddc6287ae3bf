"""Derived fields, exactly as the site's conventions define them."""

from __future__ import annotations

import re

_NOT_SLUG = re.compile(r"[^a-z0-9 ]")
SEO_TITLE_PREFIX = "QuickTakes | "


#: The longest slug: a file name (slug + ".md") stays far below the 255 bytes file systems
#: allow, and no slug the site has made comes near it.
MAX_SLUG = 200


def slugify(text: str) -> str:
    """Lowercase, drop every character but a-z, 0-9 and space, then each space becomes '-'.

    The site's addresses hold only those (``La Tène`` gives ``la-tne``), so a text of other
    letters only (``漢字とは``) gives an empty slug. A slug longer than MAX_SLUG is cut at the
    last '-' within it (mid-word only when there is none in its second half).
    """
    slug = _NOT_SLUG.sub("", text.lower()).replace(" ", "-")
    if len(slug) > MAX_SLUG:
        cut = slug.rfind("-", 0, MAX_SLUG + 1)
        slug = slug[: cut if cut > MAX_SLUG // 2 else MAX_SLUG].rstrip("-")
    return slug


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
