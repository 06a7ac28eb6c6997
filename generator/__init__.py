"""digest: a static-site news digest generator (MkDocs, spaCy, Jinja, feedgen)."""

__version__ = "0.1.0"
