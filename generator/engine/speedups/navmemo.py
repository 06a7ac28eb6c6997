"""The theme's navigation (and the header's fixed parts), rendered once per folder for generated pages.

Material renders the whole site navigation (the sidebar, and the tabs) into every page. For a page
that is not in the navigation, that HTML cannot depend on the page itself: no item is active and
the page has no place among the items. Its links are relative, though, so it depends on where the
page is: pages in the same folder get the same links, as long as no item lies inside the page's
own folder. ``remember_navigation`` wraps those partial templates so that for a page ``place``
gives a folder for, each partial is rendered once per folder per build and then repeated; a page it
gives None for renders them as usual. Which partials are wrapped is a list of names; a theme
without them is left alone.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator

from jinja2 import Environment, TemplateNotFound
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation

PARTIALS = ("partials/nav.html", "partials/tabs.html", "partials/search.html", "partials/palette.html",
            "partials/logo.html")
"""Material's sidebar navigation and navigation tabs, and the header's search box, colour switch and
logo: none of them reads the page (their only link, the logo's, is relative like the others)."""
Place = Callable[[object], "str | None"]


def remember_navigation(env: Environment, place: Place, partials: tuple[str, ...] = PARTIALS) -> dict:
    """Wrap ``partials`` in ``env``; returns the memo, (partial, folder) -> HTML, filled as pages render."""
    memo: dict[tuple[str, str], str] = {}
    for name in partials:
        try:
            template = env.get_template(name)
        except TemplateNotFound:
            continue
        template.root_render_func = _remembered(name, template.root_render_func, place, memo)
    return memo


def folder_outside(nav: Navigation, applies: Callable[[object], bool]) -> Place:
    """``place`` for pages ``applies`` accepts: the folder of the page's URL, unless some navigation
    item lies under the page's own URL (its links would then differ from its neighbours')."""
    urls = [page.url for page in nav.pages]

    def place(page: object) -> str | None:
        url = getattr(page, "url", None)
        if not applies(page) or not isinstance(url, str) or not url or any(u.startswith(url) for u in urls):
            return None
        return posixpath.dirname(url.rstrip("/"))

    return place


def _remembered(name: str, render: Callable[[Context], Iterator[str]], place: Place,
                memo: dict[tuple[str, str], str]) -> Callable[[Context], Iterator[str]]:
    def root(context: Context) -> Iterator[str]:
        folder = place(context.get("page"))
        if folder is None:
            yield from render(context)
            return
        key = (name, folder)
        if key not in memo:
            memo[key] = "".join(render(context))
        yield memo[key]

    root.__wrapped__ = render  # type: ignore[attr-defined]
    return root
