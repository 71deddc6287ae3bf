"""The one definition of an index record: the fields of one file's entry packed into its
SQLite row, in order. ``entry.pack`` and ``Entry`` unpacking, the site scanner's value order
and the cache's schema version are all derived from these lists."""

from __future__ import annotations

import zlib

#: The fields read by ``sitescan.scan``, in the order it returns them.
SCANNED = ("id", "title", "question", "subject", "url", "file_name", "article_title",
           "seo_title", "description", "keywords", "related")
#: The fields only the other readers fill (``sitescan`` leaves them at their defaults).
TAIL = ("missing", "error", "error_line", "error_column", "error_code")
#: The fields every reader fills from the file's bytes, whatever its layout.
FROM_BYTES = ("lines", "hazards", "marks")
#: The packed fields of an entry (all but path, size and mtime_ns, stored as columns).
PACKED = ("kind", *SCANNED, *TAIL, *FROM_BYTES)
#: The keys of one related snapshot, packed as a tuple in this order.
RELATED_KEYS = ("slot", "id", "title", "subject", "url")
#: The fields, and the snapshot keys, whose texts many entries repeat (kept once in memory).
SHARED = ("title", "question", "subject", "url", "file_name", "article_title", "seo_title")
SHARED_SLOT = ("slot", "title", "subject", "url")

#: The keys whose lines an entry keeps (``keylines``): every key a folder check names, and
#: each related slot (a top-level key starting with the prefix; ``schema.related_prefix``).
LINE_KEYS = ("id", "title", "answer", "file_name", "url", "seo.title", "seo.page_description")
LINE_SLOT_PREFIX = "related_article"

#: Bumped by hand only when a packed value changes shape without a field changing name.
_FORMAT = 12


def schema_version() -> int:
    """The cache's schema version: changing a field list above invalidates old caches."""
    text = repr((_FORMAT, PACKED, RELATED_KEYS, LINE_KEYS, LINE_SLOT_PREFIX))
    return zlib.crc32(text.encode()) & 0x7FFFFFFF  # SQLite's user_version is a signed int32
