"""The site wing: every page of the site as a form, from its CloudCannon configuration and
its Bookshop components. Qt-free; the form on top of it only asks these questions.

Reading the site
    ``load_site(root) -> Site``  (``site.load_site``): the configuration and components.
    ``site_config(root) -> SiteConfig``  (``site.config``): ``cloudcannon.config.yml``,
    ``.yaml`` or ``.json``; a ``.js``/``.cjs``/``.mjs`` one raises UnsupportedConfigError, a
    broken one SiteConfigError (both ``editor.core.errors``, with path and line).
    ``SiteConfig.collections`` (``Collection``: ``key``, ``path``, ``name``, ``icon``, ``url``,
    ``schemas``), ``.collection_for(file)`` (the most specific folder wins),
    ``.static_path`` / ``.uploads_path`` (``paths``), ``.static_file(url)``.

One key of one page
    ``Site.input_for(file, key_path, data=None) -> Input``: ``key_path`` as parts
    (``("content_blocks", 2, "items", 0, "title")``) or the editor's path syntax
    (``content_blocks.2.items.0.title``). ``Input``: ``type`` (CloudCannon's: ``text``,
    ``textarea``, ``html``, ``markdown``, ``image``, ``file``, ``url``, ``date``,
    ``datetime``, ``switch``, ``number``, ``select``, ``multiselect``, ``color``, ``array``,
    ``object``; ``raw`` when nothing fits), ``label``, ``comment``, ``options``, ``hidden``,
    ``source`` (which level of the cascade decided), ``config`` (the merged entry),
    ``form_type`` (the editor's field type or None) and ``field(path) -> Field | None``
    (a ``document.schema.Field`` the form's existing widgets take).
    The cascade, least specific first: global ``_inputs`` -> the collection's -> its schema's
    -> the file's own ``_inputs`` -> each Bookshop block the key is inside (its component's
    ``_inputs``, key paths from the block's root). A key path entry
    (``items[*].answer.en``) beats a name entry (``answer``); a type is inferred from the
    key's name and value when no entry gives one (``inputs.infer_type``).
    ``Site.slots(file, data=None, under=(), descend=None) -> Iterator[Slot]``: every key
    of a page depth first (``Slot``: ``path``, ``value``, ``input``, ``structures`` for an
    array); ``under`` a path: only the keys inside it; ``descend(slot)`` False: what that
    object or array holds is not walked (a closed item of the form).
    ``Site.structures_at(file, data, path) -> tuple[Structure, ...]``: what an array's new
    items may be (``content_blocks``: the components naming it in ``spec.structures``; a
    component's own arrays: the nested structure from its blueprint; else ``_structures``).

Bookshop (``site.bookshop``)
    ``load_components(root) -> dict[name, Component]`` (``Component``: ``name``, ``file``,
    ``structures``, ``structure``); ``component_name(path)`` as Bookshop names a file;
    ``Structure``: ``name``, ``label``, ``icon``, ``value`` (keys in blueprint order),
    ``inputs``, ``nested``, ``new_value()``.

Locales (``site.locales``)
    ``Site.locales`` (e.g. ``("en", "zh_hk", "fr", "sp")``, from the blueprints);
    ``locale_object(value, locales) -> LocaleObject | None`` (``present``, ``empty``,
    ``filled``, ``others``).

Arrays of objects (``site.arrays``): edits of an ArticleDocument's data that the splice
writer saves touching only the item's own lines
    ``insert_item(doc, path, index, structure)``, ``remove_item(doc, path, index)``,
    ``duplicate_item(doc, path, index)``, ``move_item(doc, path, index, offset)``.

New pages (``site.new_page``)
    ``new_page(site, collection_key, title, ...) -> Path``: a post or page from the
    collection's schema, named by the collection's url pattern (``/blog/[slug]``).

    Q&A articles keep the editor's own schema: ``input_for`` on an article's schema key
    answers from it (``source`` ``article-schema``), whatever the site's ``_inputs`` say.

Checks (``editor.core.checks.site_checks``)
    ``check_site(root_or_site, articles=None) -> SiteReport`` (``problems``, ``pages``,
    ``images``): block-unknown, image-missing, locale-empty, collection-missing,
    input-type-mismatch; ``check_folder(entries, catalog, site_root=...)`` adds them.

Supported of CloudCannon: ``collections_config`` (path, name/title, icon, url, output,
schemas, _inputs, _select_data, _structures), ``paths`` (static, uploads), global/collection/
schema/file/structure ``_inputs`` (name and ``[*]`` key path entries, label, comment, type,
options, hidden, disabled), ``_select_data`` named by ``options.values``, ``_structures``
named by ``options.structures`` or by the array's key, ``_schema``. Not supported: JavaScript
configurations, ``_editables``, ``data_config`` and data files, ``collection_groups`` beyond
checking its names, ``_enabled_editors``, ``filter``, input ``instance_value`` and
``empty_type``, Bookshop's ``bookshop:`` shorthands and TOML/JSON components.
"""
