"""``python -m generator``: the same command line as ``digest``."""

from .cli import main

main(prog_name="digest")
