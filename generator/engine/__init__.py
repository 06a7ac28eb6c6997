"""The site engine: the MkDocs plugin that hands the Markdown tree to MkDocs in memory
(``plugin``) and the publishing of a build over the previous site (``sync``). Speed-ups that
lean on other projects' internals live apart, in ``speedups``."""

ENGINES = ("mkdocs", "zensical")
"""What can build the site from the Markdown tree (``digest build --engine``)."""
