"""The analysis cache and parallel analysis: a rebuild analyses only what changed; workers change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.analyze import nlp as analyze_module
from generator.analyze.nlp import Placement
from generator.build import SiteInfo, generate
from generator.config import load_config
from generator.ingest import ingest
from generator.runner import Runner
from generator.timing import StageTimer

from .conftest import SEEDS

pytestmark = pytest.mark.e2e
SITE = SiteInfo("Test", "https://example.org/")


def project(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "articles")
    (tmp_path / "digest.yml").write_text("input: articles\ncache_dir: cache\n")
    return tmp_path / "digest.yml"


def test_rebuild_analyses_only_new_or_changed_articles(tmp_path: Path) -> None:
    config = load_config(project(tmp_path))
    cold = generate(config, SITE)
    assert cold.analysed == 5
    warm = generate(config, SITE)
    assert warm.analysed == 0
    assert warm.pages == cold.pages and warm.files == cold.files
    changed = tmp_path / "articles" / "002_caf6e756d51fc672.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe talks are due to resume in January in Geneva.\n",
                       encoding="utf-8")
    (tmp_path / "articles" / "new.txt").write_text(
        "date 2021-12-30 Diplomats from Russia and the United States confirmed on Thursday that security talks "
        "will open in Geneva on January 10.\n", encoding="utf-8")
    assert generate(config, SITE).analysed == 2


def test_a_rebuild_with_no_new_article_never_loads_the_model(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(project(tmp_path))
    cold = generate(config, SITE)

    def no_model(name: str) -> None:
        raise AssertionError(f"the model {name} was loaded")

    monkeypatch.setattr(analyze_module, "load_pipeline", no_model)
    warm = generate(config, SITE)  # analyses and the theme terms' lemmas come from the cache
    assert warm.analysed == 0 and warm.pages == cold.pages and warm.files == cold.files


def test_a_rebuild_with_no_new_article_never_imports_spacy(tmp_path: Path) -> None:
    """Importing spaCy alone takes about a second; a rebuild of cached analyses starts without it,
    and a folder of text files never imports the HTML extractor (trafilatura)."""
    import subprocess
    import sys

    settings = project(tmp_path)
    generate(load_config(settings), SITE)
    code = ("import sys; from pathlib import Path; from generator.build import SiteInfo, generate; "
            "from generator.config import load_config; "
            f"done = generate(load_config(Path({str(settings)!r})), SiteInfo('Test', 'https://example.org/')); "
            "print(done.analysed, len(done.pages) > 0, 'spacy' in sys.modules, 'trafilatura' in sys.modules)")
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert warm.stdout.split() == ["0", "True", "False", "False"]


def test_changing_the_model_invalidates_the_cache(tmp_path: Path) -> None:
    config = load_config(project(tmp_path))
    generate(config, SITE)
    from generator.analyze.cache import AnalysisCache

    article = ingest(tmp_path / "articles").articles[0]
    same = AnalysisCache(tmp_path / "cache", config.model, analyze_module.model_version(config.model))
    other = AnalysisCache(tmp_path / "cache", config.model, "9.9.9")
    assert same.get(article) is not None and other.get(article) is None


def test_workers_give_the_same_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = ingest(SEEDS).articles
    monkeypatch.setattr(analyze_module, "CHUNK", 2)
    two = Runner(StageTimer(), workers=2)
    assert two.place_analysis(199) == Placement() and two.place_analysis(200) == Placement(processes=2)
    model = load_config(None).model
    parallel = analyze_module.analyze_corpus(articles, model, None, lambda new: Placement(processes=2))
    serial = analyze_module.analyze_corpus(articles, model, None)
    assert parallel.analyses == serial.analyses and parallel.analysed == 5


def test_a_copy_forked_as_the_build_starts_analyses_its_few_new_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild's new articles are analysed in the copy that loaded the pipeline while the build
    started, with the same results; a copy that cannot load it leaves the analysis (and the
    error) to the build."""
    from generator.analyze.nlp import Preloader
    from generator.errors import ModelError
    from generator.runner import preload, preload_early

    articles = ingest(SEEDS).articles
    model = load_config(None).model
    assert preload(model, 1) is None and preload(model, 2, "tcp://127.0.0.1:1") is None  # no second core to use
    preloader = preload(model, 2)
    assert isinstance(preloader, Preloader)
    monkeypatch.setattr(analyze_module, "analyze", None)  # in this process only: the copy has the real one
    preloaded = analyze_module.analyze_corpus(articles, model, None, preloader=preloader)
    monkeypatch.undo()
    assert not preloader.running  # ended once the analysis was done
    assert preloaded.analyses == analyze_module.analyze_corpus(articles, model, None).analyses
    with pytest.raises(ModelError):
        analyze_module.analyze_corpus(articles, "no_such_pipeline", None, preloader=Preloader.start("no_such_pipeline"))
    # Started before the configuration is read (as the command line does), named the pipeline later.
    early = preload_early()
    assert isinstance(early, Preloader) and preload(model, 2, early=early) is early
    monkeypatch.setattr(analyze_module, "analyze", None)
    assert analyze_module.analyze_corpus(articles, model, None, preloader=early).analyses == preloaded.analyses
    monkeypatch.undo()
    unwanted = preload_early()
    assert preload(model, 1, early=unwanted) is None and unwanted is not None and not unwanted.running
    # Started early, it loads the default pipeline at once; named another, it loads that one instead.
    other = preload_early()
    assert other is not None and preload("no_such_pipeline", 2, early=other) is other
    with pytest.raises(ModelError):
        analyze_module.analyze_corpus(articles, "no_such_pipeline", None, preloader=other)


def test_the_copy_analyses_the_new_articles_while_the_cached_ones_are_read(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild sends its new articles to the copy before it reads the cached analyses; an entry
    that cannot be read is analysed here afterwards. Every analysis is the one made plainly, and
    every article's is in the cache after."""
    from generator.analyze.cache import AnalysisCache
    from generator.runner import preload

    articles = ingest(SEEDS).articles
    model = load_config(None).model
    plain = analyze_module.analyze_corpus(articles, model, None).analyses
    cache = AnalysisCache(tmp_path, model, analyze_module.model_version(model))
    for article, analysis in zip(articles[:3], plain[:3], strict=True):
        cache.put(article, analysis)
    cache._path(cache.key(articles[0])).write_bytes(b"not a pickle")
    preloader = preload(model, 2)
    here: list[str] = []
    real = analyze_module.analyze

    def analysed_here(chunk, name):
        here.extend(a.id for a in chunk)
        return real(chunk, name)

    monkeypatch.setattr(analyze_module, "analyze", analysed_here)  # in this process only
    run = analyze_module.analyze_corpus(articles, model, cache, preloader=preloader)
    assert run.analyses == plain
    assert here == [articles[0].id]
    assert sorted(run.analysed_files) == sorted(a.source_file for a in (articles[0], *articles[3:]))
    assert all(cache.get(a) == analysis for a, analysis in zip(articles, plain, strict=True))


def test_the_pipeline_loaded_without_its_default_tokenizer_tokenizes_as_spacy_load_does() -> None:
    """``load_lean`` names a bare tokenizer and reads the saved one into it: the same tokenizer,
    byte for byte, and the same tokens, sentences and entities as ``spacy.load``'s."""
    import spacy

    from generator.engine.speedups.spacyimport import BARE_TOKENIZER, load_lean

    model = load_config(None).model
    lean, plain = load_lean(model), spacy.load(model)
    assert lean.config["nlp"]["tokenizer"]["@tokenizers"] == BARE_TOKENIZER  # the lean way was taken
    assert lean.tokenizer.to_bytes() == plain.tokenizer.to_bytes()
    texts = [part for article in ingest(SEEDS).articles for part in article.paragraphs]
    assert [[(t.text, t.lemma_, t.ent_type_, t.is_sent_start) for t in doc] for doc in lean.pipe(texts)] == \
        [[(t.text, t.lemma_, t.ent_type_, t.is_sent_start) for t in doc] for doc in plain.pipe(texts)]


LEAN_IMPORT = """
import pickle, sys
from generator.engine.speedups.spacyimport import import_spacy
import_spacy()
lean = not any(name in sys.modules for name in ("typer", "requests", "spacy.cli.download"))
from generator.analyze.nlp import analyze
from generator.ingest import ingest
analyses = analyze(ingest(__import__("pathlib").Path(sys.argv[1])).articles, sys.argv[2])
import spacy.cli
sys.stdout.buffer.write(pickle.dumps((lean, analyses, callable(spacy.cli.download), callable(spacy.info))))
"""


def test_spacy_imported_without_its_command_line_analyses_the_same() -> None:
    """The copy that preloads the pipeline imports spaCy without its command line's modules; the
    analyses are the same, and the real command line can still be imported afterwards."""
    import pickle
    import subprocess
    import sys

    model = load_config(None).model
    found = subprocess.run([sys.executable, "-c", LEAN_IMPORT, str(SEEDS), model], capture_output=True, check=True,
                           cwd=Path(__file__).parents[1])
    lean, analyses, has_cli, has_info = pickle.loads(found.stdout)
    assert lean and has_cli and has_info
    assert analyses == analyze_module.analyze(ingest(SEEDS).articles, model)


def test_workers_lemmatize_the_theme_terms_into_the_cache(tmp_path: Path) -> None:
    """A first build analysed on workers leaves the theme terms' lemmas in the cache, as this
    process would make them, so the themes stage does not load the pipeline again."""
    from generator.analyze.cache import AnalysisCache

    model = load_config(None).model
    cache = AnalysisCache(tmp_path / "cache", model, analyze_module.model_version(model))
    terms = ["peace talks", "sanctions", "gas pipelines", "sanctions"]
    analyze_module.analyze_corpus(ingest(SEEDS).articles, model, cache, lambda new: Placement(processes=2),
                                  phrases=terms)
    stored = cache.get_lemmas(sorted(set(terms)))
    assert stored == analyze_module.lemmatize(terms, model)
    assert stored["gas pipelines"] == ("gas", "pipeline")


def test_analysis_on_a_local_dask_cluster_shares_the_cache(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from generator.analyze.cache import AnalysisCache

    articles = ingest(SEEDS).articles
    model = load_config(None).model
    cache = AnalysisCache(tmp_path / "cache", model, analyze_module.model_version(model))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        on_dask = analyze_module.analyze_corpus(articles, model, cache,
                                                Runner(StageTimer(), 2, cluster.scheduler_address).place_analysis)
    assert on_dask.analysed == 5
    serial = analyze_module.analyze_corpus(articles, model, None)
    assert on_dask.analyses == serial.analyses
    again = analyze_module.analyze_corpus(articles, model, cache,  # nothing new: the scheduler is never contacted
                                          lambda new: Placement(scheduler="tcp://127.0.0.1:1"))
    assert again.analysed == 0 and again.analyses == serial.analyses
