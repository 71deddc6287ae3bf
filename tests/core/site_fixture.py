"""A small site shaped like the real one: a CloudCannon configuration with collections and
global inputs, Bookshop components with locale objects, pages of content blocks and posts."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The real site's sample, beside the project (or beside the worktree's parent).
SHARED_SITE = next((p / "shared" / "corpora" / "quicktakes-sample"
                    for p in (ROOT.parent, ROOT.parent.parent)
                    if (p / "shared" / "corpora" / "quicktakes-sample").is_dir()), None)

CONFIG = """\
paths:
  static: public
  uploads: public/uploads
collections_config:
  pages:
    name: Pages
    path: content
    url: '/[slug]'
    icon: wysiwyg
  blog:
    title: Blog(English)
    path: content/posts
    url: '/blog/[slug]'
    icon: article
    _inputs:
      author:
        type: select
        options:
          values: _select_data.authors
    schemas:
      default:
        path: schemas/post.md
  learn:
    path: content/learn
    url: '/learn/[slug]'
_inputs:
  avatar:
    type: image
  answer:
    type: html
  portrait_section[*].description:
    type: html
_select_data:
  authors:
    - QuickTakes
    - Staff
_structures: {}
"""

SCHEMA = """\
---
date:
title:
description:
date_format: MMM DD, YYYY
seo:
  title:
  page_description:
author:
featuredImg:
  image:
  image_alt:
---
"""

BANNER = """\
spec:
  structures:
    - content_blocks
  label: Home Banner
  icon: "cottage"
blueprint:
  title: Home Banner section
  contentTitle:
    en: Study Smarter
    zh_hk:
    fr:
    sp:
  buttonTxt:
    en: Sign Up Today
    zh_hk:
    fr:
    sp:
preview:
_inputs:
"""

FAQ = """\
spec:
  structures:
    - content_blocks
  label: FAQ Section
blueprint:
  title: FAQ Section
  email: support@example.com
  items:
    - question:
        en: How do I sign up?
        zh_hk:
        fr:
        sp:
      answer:
        en: <p>On the site.</p>
        zh_hk:
        fr:
        sp:
_inputs:
  email:
    comment: the address ${email} stands for
  items[*].answer.en:
    type: html
  items[*].question.en:
    type: textarea
"""

MEDIA = """\
spec:
  structures:
    - content_blocks
  label: Media Section
blueprint:
  title: Media Section
  items:
    - image: /media.png
      title: A title
      link: https://example.com/
_inputs:
"""

HOME = """\
---
title: Home
content_blocks:
  - _bookshop_name: home/banner
    title: Home Banner section
    contentTitle:
      en: "\\_Study Smarter"
      zh_hk: 學習
      fr:
      sp: Estudia
    buttonTxt:
      en: Sign Up Today
      zh_hk:
      fr:
      sp:
  - _bookshop_name: faq/questionSection
    title: FAQ Section
    email: help@example.com
    items:
      - question:
          en: How do I sign up?
          zh_hk: 如何?
          fr:
          sp: ¿Cómo?
        answer:
          en: >-
            <p>You can sign up on the site.</p>
          zh_hk:
          fr:
          sp:
      - question:
          en: 'Is it free?'
          zh_hk:
          fr:
          sp:
        answer:
          en: <p>Yes.</p>
          zh_hk:
          fr:
          sp:
  - _bookshop_name: education/media
    title: Media Section
    items:
      - image: /media.png
        title: A title
        link: https://example.com/
      - image: /media/missing.png
        title: Another
        link: https://example.com/2
---
"""

POST = """\
---
_schema: default
date: 2025-03-16 00:00:00+00:00
title: 'A post'
description: >-
  A description of the post.
date_format: MMM DD, YYYY
seo:
  title: 'A post'
  page_description: About it.
author: QuickTakes
featuredImg:
  image: /uploads/post.jpg
  image_alt: A picture
---
The body.
"""

ARTICLE = """\
---
id: 7
subject: Biology
title: What is a cell?
article_title: What is a cell?
question: What is a cell?
answer: |-
  A **cell** is the unit of life.
---
"""


def make_site(root: Path) -> Path:
    """Write the small site under ``root`` and return it."""
    files = {
        "cloudcannon.config.yml": CONFIG,
        "schemas/post.md": SCHEMA,
        "component-library/bookshop/bookshop.config.js": "module.exports = {}\n",
        "component-library/components/home/banner/banner.bookshop.yml": BANNER,
        "component-library/components/faq/questionSection/questionSection.bookshop.yml": FAQ,
        "component-library/components/education/Media/media.bookshop.yml": MEDIA,
        "content/index.md": HOME,
        "content/posts/a-post.md": POST,
        "content/learn/biology/what-is-a-cell.md": ARTICLE,
        "public/media.png": "png",
        "public/uploads/post.jpg": "jpg",
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
