"""Tools run from the repository, outside the installed package: ``python -m tools.benchmark``
(speed and memory) and ``python -m tools.evaluate`` (quality on the development sets)."""
