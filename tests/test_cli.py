"""The `extract` command as users drive it: files, folders, stdin, formats, exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

from conftest import SEED_ARTICLE

runner = CliRunner()

TEXT_A = "OSLO, May 2, 2023 - Prime Minister Ida Berg met Jonas Lie in Oslo on Monday.\n"
TEXT_B = "Rolf Baumann said the talks in Vienna would resume on 14 June.\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    (tmp_path / "in" / "skip.md").write_text("not an article", encoding="utf-8")
    return tmp_path / "in"


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_one_file_prints_one_json_object(validate):
    result = runner.invoke(app, ["--reference-date", "2025-12-08", str(SEED_ARTICLE)])
    assert result.exit_code == 0, result.stderr
    record = validate(json.loads(result.stdout))
    assert record["source"]["path"] == str(SEED_ARTICLE)
    assert record["reference_date"]["source"] == "option"


def test_folder_gives_json_lines_in_path_order(folder, validate):
    result = runner.invoke(app, [str(folder)])
    assert result.exit_code == 0
    records = [validate(r) for r in lines(result.stdout)]
    assert [Path(r["source"]["path"]).name for r in records] == ["a.txt", "b.txt"]


def test_glob_selects_other_files(folder):
    result = runner.invoke(app, ["--glob", "*.md", str(folder)])
    assert [Path(r["source"]["path"]).name for r in lines(result.stdout)] == ["skip.md"]


def test_stdin_with_dash(validate):
    result = runner.invoke(app, ["-"], input=TEXT_A)
    assert result.exit_code == 0
    record = validate(json.loads(result.stdout))
    assert record["source"]["path"] == "-" and record["source"]["chars"] == len(TEXT_A)


def test_bad_inputs_yield_error_records_and_exit_1(folder, tmp_path, validate):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02\x03")
    result = runner.invoke(app, [str(tmp_path / "missing.txt"), str(binary), str(folder)])
    assert result.exit_code == 1
    records = [validate(r) for r in lines(result.stdout)]
    assert [r.get("error", {}).get("code") for r in records] == ["not_found", "binary", None, None]
    assert "missing.txt: no such file" in result.stderr
    assert "photo.txt: binary file" in result.stderr


def test_quiet_silences_per_file_errors(tmp_path):
    result = runner.invoke(app, ["--quiet", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and result.stderr == ""
    assert lines(result.stdout)[0]["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "args",
    [
        ["--reference-date", "08/12/2025", "x.txt"],
        ["--format", "xml", "x.txt"],
        ["--skip-existing", "x.txt"],
        ["--model", "/no/such/model", "x.txt"],
    ],
)
def test_usage_errors_exit_2(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_output_dir_writes_one_file_per_input_and_resumes(folder, tmp_path, validate):
    out = tmp_path / "out"
    result = runner.invoke(app, ["--output-dir", str(out), str(folder)])
    assert result.exit_code == 0 and result.stdout == ""
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["a.json", "sub/b.json"]
    validate(json.loads((out / "a.json").read_text(encoding="utf-8")))
    assert not list(out.rglob("*.tmp")), "atomic writes leave no temporary files"

    (out / "a.json").write_text("{}", encoding="utf-8")  # a finished file is not redone
    (out / "sub" / "b.json").unlink()
    result = runner.invoke(app, ["--output-dir", str(out), "--skip-existing", str(folder)])
    assert result.exit_code == 0
    assert (out / "a.json").read_text(encoding="utf-8") == "{}"
    validate(json.loads((out / "sub" / "b.json").read_text(encoding="utf-8")))


def test_table_format_is_human_readable(folder):
    result = runner.invoke(app, ["--format", "table", str(folder / "a.txt")])
    assert result.exit_code == 0
    for heading in ("Entities", "Dates", "Meetings", "Quotes"):
        assert heading in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_jsonl_format_is_one_line_per_article(folder):
    result = runner.invoke(app, ["--format", "jsonl", str(folder / "a.txt")])
    assert len(result.stdout.strip().splitlines()) == 1


def test_real_process_pipes_compact_json_and_reads_stdin(validate):
    """End to end in a subprocess: piped stdout is one compact line, exit code 0."""
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "-", "--reference-date", "2023-05-02"],
        input=TEXT_A, capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1
    validate(json.loads(proc.stdout))
    assert "\x1b[" not in proc.stderr


def test_a_real_run_freezes_the_loaded_pipeline_out_of_the_garbage_collector(tmp_path):
    """The CLI's process keeps its pipeline to the end: no full collection (nor the last ones at exit) walks it."""
    article = tmp_path / "a.txt"
    article.write_text(TEXT_A, encoding="utf-8")
    probe = ("import gc, sys\nfrom extractor.cli import main\nsys.argv = ['extract', sys.argv[1]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\nprint(gc.get_freeze_count(), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe, str(article)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stderr.splitlines()[-1]) > 100_000, "the pipeline's objects are frozen"


def test_output_dir_refuses_colliding_names_before_writing(tmp_path):
    for sub in ("A", "B"):
        (tmp_path / "nest" / sub).mkdir(parents=True)
        (tmp_path / "nest" / sub / "same.txt").write_text(TEXT_A, encoding="utf-8")
    out = tmp_path / "out"
    for args in ([str(tmp_path / "nest" / "A"), str(tmp_path / "nest" / "B")],
                 [str(tmp_path / "nest" / "A" / "same.txt"), str(tmp_path / "nest" / "B" / "same.txt")]):
        result = runner.invoke(app, ["-o", str(out), *args])
        assert result.exit_code == 2 and result.stdout == ""
        assert "would both be written to same.json" in result.stderr and len(result.stderr.splitlines()) == 1
        assert not out.exists()
    result = runner.invoke(app, ["-o", str(out), str(tmp_path / "nest")])
    assert result.exit_code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == ["A/same.json", "B/same.json"]


def test_output_dir_that_cannot_be_written_is_a_one_line_usage_error(tmp_path, folder):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["-o", str(blocker / "out"), str(folder)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("extract: error: cannot write to ") and len(result.stderr.splitlines()) == 1


def test_failed_inputs_are_on_disk_in_errors_jsonl(tmp_path, folder, validate):
    out = tmp_path / "out"
    result = runner.invoke(app, ["-q", "-o", str(out), str(tmp_path / "missing.txt"), str(folder)])
    assert result.exit_code == 1 and result.stderr == ""
    errors = [validate(r) for r in lines((out / "errors.jsonl").read_text(encoding="utf-8"))]
    assert [(r["source"]["path"], r["error"]["code"]) for r in errors] == [(str(tmp_path / "missing.txt"), "not_found")]
    assert sorted(p.name for p in out.rglob("*.json")) == ["a.json", "b.json"]
    result = runner.invoke(app, ["-o", str(out), "--skip-existing", str(folder)])  # a run without failures
    assert result.exit_code == 0 and (out / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_output_files_honour_the_umask(tmp_path, folder):
    from extractor import render

    old = os.umask(0o027)
    render._file_mode.cache_clear()
    try:
        result = runner.invoke(app, ["-o", str(tmp_path / "out"), str(folder / "a.txt")])
    finally:
        os.umask(old)
        render._file_mode.cache_clear()
    assert result.exit_code == 0
    assert (tmp_path / "out" / "a.json").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("code, stops", [(28, True), (21, False)])  # ENOSPC: the disk is full; EISDIR: one file
def test_write_errors_are_one_line_not_a_traceback(tmp_path, folder, monkeypatch, code, stops):
    from extractor import render

    def fail(path, record):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(render, "write_atomic", fail)
    result = runner.invoke(app, ["-o", str(tmp_path / "out"), str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    failures = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert len(failures) == (1 if stops else 2), result.stderr
    assert ("stopping" in result.stderr) is stops


def test_folder_problems_are_error_records_with_exit_1(tmp_path, folder, validate):
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, [str(folder), str(tmp_path / "empty")])
    assert result.exit_code == 1
    records = [validate(r) for r in lines(result.stdout)]
    assert [(Path(r["source"]["path"]).name, r.get("error", {}).get("code")) for r in records] == [
        ("a.txt", None), ("gone.txt", "not_found"), ("b.txt", None), ("empty", "no_files")]
    assert "gone.txt: dangling symbolic link" in result.stderr


def test_max_chars_gives_a_too_large_record_in_place(folder, validate):
    result = runner.invoke(app, ["--max-chars", "70", str(folder / "a.txt"), str(folder / "sub" / "b.txt")])
    assert result.exit_code == 1
    records = [validate(r) for r in lines(result.stdout)]
    assert [r.get("error", {}).get("code") for r in records] == ["too_large", None]


def test_table_shows_article_text_literally(tmp_path):
    f = tmp_path / "markup.txt"
    f.write_text('Lindqvist said: "We told [them] the plan [/sic] :smile: [bold]now[/bold]."\n', encoding="utf-8")
    result = runner.invoke(app, ["--format", "table", str(f)])
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    for literal in ("[them]", "[/sic]", ":smile:", "[bold]now[/bold]"):
        assert literal in flat
