"""What a list of papers or an awesome list is made of: papers and their identifiers and
titles (``papers``), a table of contents (``toc``), misspellings (``spelling``), the awesome-list
conventions (``awesome``), the shapes of URLs (``urlshape``) and of the hosts we know
(``hosts``), and what the repository around the README holds (``repository``).

May import: ``awesome_lint.markdown`` and ``awesome_lint.util``. Pure knowledge: no rules,
no configuration, no network.
"""
