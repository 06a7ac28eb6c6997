"""The Markdown tree: what digest generates, written to a folder as a project any MkDocs-compatible
tool can build (``digest build --markdown-out DIR``; ``--engine zensical`` builds it with Zensical).

The folder holds ``mkdocs.yml`` (the site's own settings, with no digest plugin, ``docs_dir`` and
the theme's ``custom_dir`` pointing inside the folder, the navigation spelled out), ``docs/`` (the
site's hand-written pages, every generated page, feed, chart and JSON file, and digest's
stylesheet) and ``overrides/`` (digest's theme overrides under the site's own ``custom_dir``:
feed autodiscovery in every page's head). Files digest did not write are left alone; files of an
earlier tree that this one no longer has are removed, through the same manifest as a site folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig

from ..build import Generated
from ..errors import BuildError
from .plugin import STYLESHEET, THEME_DIR, default_nav, raw_settings
from .sync import sync_tree

CONFIG_NAME = "mkdocs.yml"


SITE_DIR = "site"
"""Where a build of the tree goes, inside it (Zensical keeps a project's output inside its folder)."""


def write_markdown_tree(mkdocs_config: MkDocsConfig, generated: Generated, out: Path) -> tuple[Path, int, int]:
    """Write the tree into ``out``; return its ``mkdocs.yml`` and the files written and removed."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".digest-tree-", dir=out.parent) as staging:
        staging_path = Path(staging)
        _copy_tree(Path(mkdocs_config.docs_dir), staging_path / "docs")
        for path in [*generated.pages, *generated.files]:
            if (Path(mkdocs_config.docs_dir) / path).exists():
                raise BuildError(f"docs/{path} has the same path as a generated page; rename it")
        for path, content in generated.pages.items():
            _write(staging_path / "docs" / path, content.encode("utf-8"))
        for path, data in generated.files.items():
            _write(staging_path / "docs" / path, data)
        _write(staging_path / "docs" / STYLESHEET, (THEME_DIR / STYLESHEET).read_bytes())
        _copy_tree(THEME_DIR, staging_path / "overrides", skip={"stylesheets"})
        custom = getattr(mkdocs_config.theme, "custom_dir", None)
        if custom:
            _copy_tree(Path(custom), staging_path / "overrides")  # the site's own overrides win
        settings = tree_settings(mkdocs_config)
        _write(staging_path / CONFIG_NAME, yaml.safe_dump(settings, sort_keys=False, allow_unicode=True).encode())
        written, removed = sync_tree(staging_path, out)
    return out / CONFIG_NAME, written, removed


def tree_settings(mkdocs_config: MkDocsConfig) -> dict:
    """The site's settings for the tree: its own, without plugins (search is built into the theme's
    successor and added back for MkDocs), paths inside the tree."""
    raw = raw_settings(mkdocs_config.config_file_path)
    theme = dict(raw.get("theme") or {"name": "material"}) if isinstance(raw.get("theme"), dict) else {
        "name": raw.get("theme") or "material"}
    theme["custom_dir"] = "overrides"
    theme.setdefault("font", False)
    settings = {key: value for key, value in raw.items() if key not in {"plugins", "theme", "docs_dir", "site_dir",
                                                                         "nav", "extra_css"}}
    settings |= {"docs_dir": "docs", "site_dir": SITE_DIR, "theme": theme, "plugins": ["search"],
                 "extra_css": [*[str(css) for css in raw.get("extra_css") or []], STYLESHEET],
                 "nav": raw.get("nav") or default_nav(Path(mkdocs_config.docs_dir))}
    settings.setdefault("validation", {"nav": {"omitted_files": "ignore"}})
    return settings


def _copy_tree(source: Path, target: Path, skip: frozenset[str] | set[str] = frozenset()) -> None:
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_file() and not path.is_symlink() and relative.parts[0] not in skip:
            _write(target / relative, path.read_bytes())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)

