"""Publishing the digest as a Markdown tree: views for the templates, Jinja rendering, escaping
of untrusted text, slugs and paths, SVG charts, RSS/Atom feeds and the JSON export."""
