"""Running rules: the rule contract (``rule``), the findings (``diagnostics``), the registry of
rules and presets (``registry``), settings from ``pyproject.toml`` or ``.awesome-lint.toml``
(``config``), inline suppressions (``suppression``) and the run itself (``run``).

May import: ``awesome_lint.markdown``, ``awesome_lint.knowledge``, ``awesome_lint.util``,
the option schemas of the network stages (``awesome_lint.links.options``,
``awesome_lint.records.options``), which the configuration validates, and the rules' catalog
(``awesome_lint.rules.catalog``: what each built-in rule declares). A rule's module is loaded by
name when the rule runs, never imported here.
"""
