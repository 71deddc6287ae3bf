"""Write N articles in the site's format with realistic related links and known defects.

Usage: python benchmarks/generate_articles.py FOLDER [N]   (default N = 36,000)

Articles go to FOLDER/content/learn/<subject-slug>/<slug>.md, written with the reference
layout (folded `>-` values, 2-space `seo`, 4-space `related_articleN`, `&nbsp;` body, no final
newline). A seeded random share of them carry the defects the real folder has: duplicate ids,
related ids that no article has, stale or repeated related snapshots, long SEO descriptions,
plus a few files that do not parse, have no front matter or are not UTF-8.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

SUBJECTS = [
    "Biology", "Chemistry", "Physics", "Psychology", "Sociology", "Economics", "History",
    "Education Studies", "Computer Science", "Mathematics", "Philosophy", "Geography",
    "Political Science", "Nursing", "Business Management", "Environmental Science",
    "Linguistics", "Art History", "Public Health", "Marketing",
]
_WORD_TEXT = (
    "cell energy memory sleep market climate river theory learning language network protein "
    "emotion city trade policy voter algorithm function proof ethics culture migration soil "
    "enzyme atom light wave force heart lung nurse patient child teacher student classroom "
    "brand price supply demand inflation bank credit tax state war empire treaty revolution "
    "poem painting colour museum symbol grammar sound word speech data model signal graph "
    "matrix prime angle vector forest ocean desert glacier species habitat gene virus vaccine "
    "stress habit motivation attention identity family community religion law court justice"
)
WORDS = _WORD_TEXT.split()
STARTS = ["What is", "How does", "Why do", "What role does", "How can", "Why is", "What are"]


@dataclass
class Article:
    id: int
    subject: str
    question: str
    related: list[dict[str, object]] = field(default_factory=list)
    description: str = ""
    keywords: str = ""
    file_name: str = ""
    url: str = ""
    title: str = ""
    seo_title: str = ""
    drop_url: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.question)


def slugify(text: str) -> str:
    return "".join(c for c in text.lower() if (c.isalnum() and c.isascii()) or c == " ").replace(
        " ", "-")


def _question(rng: random.Random, n: int) -> str:
    words = rng.sample(WORDS, 4)
    return f"{rng.choice(STARTS)} {words[0]} {words[1]} affect {words[2]} and {words[3]} {n}?"


def make_articles(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        subject = SUBJECTS[i % len(SUBJECTS)]
        question = _question(rng, i)
        a = Article(100_000 + i, subject, question)
        a.title = question
        a.file_name = slugify(question) + ".md"
        a.url = f"/learn/{slugify(subject)}/questions/{slugify(question)}"
        a.seo_title = f"QuickTakes | {subject}"
        length = rng.choice([90, 140, 170, 220, 260])
        a.description = (" ".join(rng.choices(WORDS, k=60)))[:length].strip()
        a.keywords = ", ".join(rng.sample(WORDS, 5))
        articles.append(a)
    by_subject: dict[str, list[Article]] = {}
    for a in articles:
        by_subject.setdefault(a.subject, []).append(a)
    for a in articles:
        pool = by_subject[a.subject]
        for _ in range(rng.choice([0, 3, 4, 5, 5])):
            target = rng.choice(pool if rng.random() < 0.85 else articles)
            ref = {"id": target.id, "title": target.title, "subject": target.subject,
                   "url": target.url}
            roll = rng.random()
            if roll < 0.03:
                ref["id"] = 900_000 + rng.randrange(50_000)  # no such article
            elif roll < 0.04:
                ref["title"] = target.title.replace("?", " (old title)?")  # stale snapshot
            elif roll < 0.06 and a.related:
                ref = dict(a.related[-1])  # repeats the previous slot
            elif roll < 0.065:
                ref = {"id": a.id, "title": a.title, "subject": a.subject, "url": a.url}
            a.related.append(ref)
    for a in articles:  # defects of the article itself, after links were made
        roll = rng.random()
        if roll < 0.02:
            a.id = rng.choice(articles).id
        elif roll < 0.025:
            a.file_name = "renamed-" + a.file_name
        elif roll < 0.03:
            a.url = a.url + "-old"
        elif roll < 0.035:
            a.title = a.question.rstrip("?") + " explained"
        elif roll < 0.04:
            a.drop_url = True
        elif roll < 0.045:
            a.seo_title = "QuickTakes | " + a.subject + " questions answered by experts online"
    return articles


def render(a: Article) -> str:
    def folded(key: str, value: str, col: int) -> str:
        return f"{' ' * col}{key}: >-\n{' ' * (col + 2 if col == 0 else col * 2)}{value}"

    lines = [
        "---", "_schema: default", f"id: {a.id}", "date: 2024-03-01",
        folded("title", a.title, 0), folded("article_title", a.question, 0),
        "date_format: MMM DD, YYYY", "post_on_text: Posted on", "seo:",
        folded("title", a.seo_title, 2), folded("page_description", a.description, 2),
        folded("page_keywords", a.keywords, 2), "author: QuickTakes",
        folded("question", a.question, 0),
        folded("answer", f"**{a.question}**\\n\\nA short answer about {a.subject.lower()}.", 0),
        f"subject: {a.subject}", f"file_name: {a.file_name}",
    ]
    if not a.drop_url:
        lines.append(f"url: {a.url}")
    lines.append("score: -1.0")
    for n, ref in enumerate(a.related, start=1):
        lines += [f"related_article{n}:", f"    id: {ref['id']}",
                  folded("title", str(ref["title"]), 4), f"    subject: {ref['subject']}",
                  f"    url: {ref['url']}"]
    lines += ["---", "", "&nbsp;"]
    return "\n".join(lines)


def generate(root: Path, n: int = 36_000, seed: int = 7) -> list[Path]:
    """Write the folder; returns the article paths. About 1% of files are broken on purpose."""
    rng = random.Random(seed + 1)
    learn = Path(root) / "content" / "learn"
    paths = []
    for a in make_articles(n, seed):
        folder = learn / slugify(a.subject)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (slugify(a.question) + ".md")
        text = render(a)
        roll = rng.random()
        if roll < 0.008:
            text = text.replace("subject: ", 'subject: "unclosed ', 1)  # does not parse
        elif roll < 0.009:
            text = "Just a body, no front matter.\n"
        if roll > 0.9995:  # a file saved by an editor in Latin-1
            path.write_bytes(text.replace("A short answer", "A café answer").encode("latin-1"))
        else:
            path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 36_000
    written = generate(target, count)
    print(f"wrote {len(written)} files under {target}")
