"""The ``awesome-lint`` command and ``python -m awesome_lint``."""

from __future__ import annotations

import gc


def run() -> None:
    """Start the command line with the cyclic garbage collector paused while its modules are
    imported, then frozen out of its sight.

    Importing click, markdown-it and our modules makes about 100,000 objects, none of them
    garbage, and the collector walked all of them again and again as they were made: that was
    a sixth of a check of a small list. ``gc.freeze`` moves them to a generation it never
    collects, so the collector, on again for the run itself, looks only at what the run makes.
    """
    gc.disable()
    try:
        from .cli import main
    finally:
        gc.freeze()
        gc.enable()
    main()


if __name__ == "__main__":
    run()
