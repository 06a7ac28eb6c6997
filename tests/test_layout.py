"""The layout shows the pipeline, and other projects' internals stay in one corner
(``generator/engine/speedups``): elsewhere no module imports a private name of MkDocs, Material,
Jinja or Python-Markdown, reads or writes a private attribute, or patches their modules."""

from __future__ import annotations

import ast

from .conftest import REPO

GENERATOR = REPO / "generator"
SPEEDUPS = GENERATOR / "engine" / "speedups"
THIRD_PARTY = frozenset({"mkdocs", "material", "jinja2", "markdown"})
STAGES = ("fetch", "ingest", "analyze", "actors", "summarize", "corpus", "publish", "engine")


def test_the_stages_are_packages_and_the_top_stays_small() -> None:
    assert all((GENERATOR / stage / "__init__.py").is_file() for stage in STAGES)
    assert len(list(GENERATOR.glob("*.py"))) <= 12
    assert not (GENERATOR / "evaluate").exists() and not (GENERATOR / "benchmark.py").exists()


def private_uses(source: str, name: str = "<module>") -> list[str]:
    """Private names of the third-party packages imported, private attributes touched on anything
    but ``self``/``cls``, and assignments into an imported third-party module."""
    tree = ast.parse(source)
    bound: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in THIRD_PARTY:
            parts = node.module.split(".") + [alias.name for alias in node.names]
            found += [f"{name}:{node.lineno} imports {part}" for part in parts if part.startswith("_")]
            bound |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in THIRD_PARTY:
                    found += [f"{name}:{node.lineno} imports {alias.name}"
                              for part in alias.name.split(".") if part.startswith("_")]
                    bound.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and _root(node) not in {"self", "cls"}):
            found.append(f"{name}:{node.lineno} touches .{node.attr}")
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AugAssign | ast.AnnAssign) else []
        found += [f"{name}:{node.lineno} patches {_root(t)}" for t in targets
                  if isinstance(t, ast.Attribute) and _root(t) in bound]
    return found


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def test_the_check_finds_private_imports_attributes_and_patches() -> None:
    source = ("from mkdocs.structure.pages import _RelativePathTreeprocessor\n"
              "import markdown.util\nfrom mkdocs import utils\n"
              "def f(page, md):\n    page._title_from_render = 'x'\n    return md.inlinePatterns._priority\n"
              "utils.write_file = print\n")
    found = private_uses(source)
    assert any("_RelativePathTreeprocessor" in f for f in found)
    assert any("._title_from_render" in f for f in found) and any("._priority" in f for f in found)
    assert any("patches utils" in f for f in found)
    assert private_uses("class A:\n    def f(self):\n        return self._cache\n") == []


def test_only_the_speedups_package_leans_on_other_projects_internals() -> None:
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if SPEEDUPS not in path.parents:
            found += private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert found == []
    inside = [f for path in sorted(SPEEDUPS.glob("*.py"))
              for f in private_uses(path.read_text(encoding="utf-8"), path.name)]
    assert inside  # the corner is where they are
