"""Small helpers every stage may use: text measures and edit distance (``text``), regular
expressions compiled when first used (``lazyre``), cheap value classes (``values``).

May import: the standard library only.
"""
