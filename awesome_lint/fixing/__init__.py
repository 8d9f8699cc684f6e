"""Fixing and writing: applying the rules' fixes to a fixed point and verifying what they keep
(``fixer``), and writing a file atomically, keeping its line endings, BOM, mode, owner and
hard links, and never overwriting an edit made meanwhile (``writer``).

May import: ``awesome_lint.engine``, ``awesome_lint.markdown``, ``awesome_lint.knowledge``,
``awesome_lint.util``.
"""
