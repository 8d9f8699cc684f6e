"""Reading a README: the file's bytes (``source``), markdown-it's tokens (``parser``,
``mdit_table``, ``tablesplit``, ``inline``) and the document model every later stage reads
(``model``: sections, year tables, rows, cells, links, list items, with exact positions), with
what the model itself needs to know (``anchors``, ``headings``, ``years``) and the canonical
layout of a table (``tablefmt``).

May import: the standard library, markdown-it-py, ``awesome_lint.util``. Nothing else of
the package: every other stage builds on this one.
"""
