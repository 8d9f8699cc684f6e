"""The built-in rules. Each module holds one rule; all are registered as entry points
(``awesome_lint.rules`` in pyproject.toml), exactly as a third-party rule would be.

May import: ``awesome_lint.engine`` (the rule contract), ``awesome_lint.markdown``,
``awesome_lint.knowledge``, ``awesome_lint.util``, and the facts of ``awesome_lint.links``
and ``awesome_lint.records``; never the front (cli, api, runner) nor ``fixing``.
"""
