"""The built-in rules. Each module holds one rule; all are registered as entry points
(``awesome_lint.rules`` in pyproject.toml), exactly as a third-party rule would be."""
