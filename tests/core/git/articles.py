"""Articles in the site's format, for the git tests."""

from __future__ import annotations


def article(n: int, *, title: str | None = None, date_format: str = "MMM DD, YYYY",
            post_on_text: str = "Posted on", answer: str | None = None,
            page_description: str | None = None) -> bytes:
    title = title or f"What is question number {n}?"
    answer = answer or f"Answer {n} starts here.\\n\\n1. **First**: a point.\\n\\n2. A second."
    page_description = page_description or f"Explore question {n}, with its details."
    text = f"""---
_schema: default
id: {76000 + n}
date: 2024-12-02
title: >-
    {title}
article_title: >-
    {title}
date_format: {date_format}
post_on_text: {post_on_text}
seo:
  title: QuickTakes | Psychology
  page_description: >-
    {page_description}
  page_keywords: >-
    coaching, trust, rapport
author: QuickTakes
question: >-
    {title}
answer: >-
    {answer}
subject: Psychology
file_name: question-{n}.md
url: /learn/psychology/questions/question-{n}
score: -1.0
related_article1:
    id: 76298
    title: >-
        How does the ICF support coaches?
    subject: Education Studies
    url: /learn/education-studies/questions/how-does-the-icf-support-coaches
---

&nbsp;"""
    return text.encode("utf-8")


def path(n: int) -> str:
    return f"content/learn/psychology/question-{n}.md"
