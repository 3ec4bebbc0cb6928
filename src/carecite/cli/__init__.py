"""The command line: click commands, thin over the library.

``app`` holds the ``carecite`` group and the one place errors become exit codes; the
commands live by what they work on (``bank_commands``, ``report_commands``,
``draft_commands``) and share ``options``.
"""

from carecite.cli.app import main

__all__ = ["main"]
