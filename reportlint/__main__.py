"""``python -m reportlint``: the same as the ``reportlint`` command."""

from reportlint.cli import run

run()
