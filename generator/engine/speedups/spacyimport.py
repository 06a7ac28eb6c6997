"""spaCy imported without its command line, for the copy of the build that loads the pipeline
while the build starts (``analyze.nlp.Preloader``); and a pipeline loaded without the tokenizer
that its saved one replaces (``load_lean``).

``import spacy`` imports ``spacy.cli`` and with it every command of spaCy's command line and
the packages they use (typer, rich, requests, weasel): about a third of the import, 0.12 s of the
0.4 s here, on the path of every rebuild that analyses a new article. Nothing the pipeline loads
or runs needs them. So while spaCy is imported, ``spacy.cli`` and ``spacy.cli.info`` are empty
stand-ins (``info``, the one name spaCy's package takes from them, is a function that imports the
real one when called); once the import is done they are taken out again, so a later ``import
spacy.cli`` imports the real command line.

Only with the spaCy version this was tested with (``TESTED_WITH``); with any other, or if anything
goes wrong, spaCy is imported as usual. The analyses are the same either way (tested): only the
command line's modules are left out. Decided before the build reads its configuration, so the
``speedups`` option does not name it."""

from __future__ import annotations

import contextlib
import sys
import types
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

TESTED_WITH = "3.8.18"
STANDS_IN = ("spacy.cli", "spacy.cli.info")


def import_spacy() -> None:
    """Import spaCy, without its command line when the installed version is the tested one."""
    if "spacy" not in sys.modules and _tested():
        try:
            _import_lean()
        except Exception:  # any surprise: forget what was half imported, import it the usual way
            for name in [name for name in sys.modules if name == "spacy" or name.startswith("spacy.")]:
                del sys.modules[name]
    import spacy  # noqa: F401


def _tested() -> bool:
    try:
        return version("spacy") == TESTED_WITH
    except PackageNotFoundError:
        return False


def _import_lean() -> None:
    cli, info = types.ModuleType(STANDS_IN[0]), types.ModuleType(STANDS_IN[1])
    cli.__path__ = []  # a package with nothing in it
    info.info = _info  # type: ignore[attr-defined]
    sys.modules.update({STANDS_IN[0]: cli, STANDS_IN[1]: info})
    try:
        import spacy  # noqa: F401
    finally:
        for name in STANDS_IN:
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    with contextlib.suppress(AttributeError):
        delattr(sys.modules["spacy"], "cli")  # the stand-in, bound as an attribute by the import


def _info(*args: object, **kwargs: object) -> object:
    """``spacy.info``, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


BARE_TOKENIZER = "digest.bare_tokenizer.v1"


def load_lean(name: str) -> Language:
    """``spacy.load(name)``, without first building the language's default tokenizer. Loading a
    pipeline builds the tokenizer its configuration names (English's: its punctuation rules
    compiled and 2,694 special cases added, 0.05 s of the 0.29 s load here), then reads the
    pipeline's saved tokenizer over it, every rule and special case. Named a bare tokenizer
    instead, the load reads the same saved tokenizer into it (the two serialise to the same bytes:
    tested). The rebuild's preloading copy and every analysis worker load the pipeline. Only with
    the tested spaCy; a pipeline that saved no tokenizer rules is loaded again as usual."""
    import spacy

    if not _tested():
        return spacy.load(name)
    from spacy.util import registry

    registry.tokenizers.register(BARE_TOKENIZER, func=_bare_tokenizer)
    nlp = spacy.load(name, config={"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}})
    tokenizer = nlp.tokenizer
    if tokenizer.prefix_search is None or tokenizer.suffix_search is None or not tokenizer.rules:
        return spacy.load(name)
    return nlp


def _bare_tokenizer() -> object:
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)
