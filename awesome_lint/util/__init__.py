"""Small helpers every stage may use: text measures and edit distance (``text``), regular
expressions compiled when first used (``lazyre``), cheap value classes (``values``), what
several rules derive from one document, made once (``memo``).

May import: the standard library only.
"""
