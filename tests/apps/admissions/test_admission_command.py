"""The `admission` command: solve writes result and manifest, verify accepts or lists errors."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gymnasieregion.apps.admissions.management.commands.admission import manifest_path
from tests.core.admission.test_worked_examples import EX14


@pytest.fixture
def problem_file(tmp_path: Path) -> Path:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(EX14), encoding="utf-8")
    return path


def test_solve_writes_the_result_and_the_manifest_and_verify_accepts_them(
    problem_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result.json"
    call_command("admission", "solve", str(problem_file), "--out", str(out))
    manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    assert manifest_path(out).name == "result.manifest.json"
    assert json.loads(out.read_bytes())["format"] == "gymnasieregion.admission-result.v1"
    assert len(manifest["result_sha256"]) == 64
    call_command("admission", "verify", str(problem_file), str(out))
    assert "inga fel" in capsys.readouterr().out


def test_verify_refuses_a_corrupted_result_with_status_1(
    problem_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result.json"
    call_command("admission", "solve", str(problem_file), "--out", str(out))
    data = json.loads(out.read_bytes())
    data["applicants"][0]["placement"] = None  # Anna loses NA@S1
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("admission", "verify", str(problem_file), str(out))
    assert caught.value.returncode == 1
    assert "[placement]" in capsys.readouterr().err


def test_a_malformed_problem_gives_a_swedish_message_with_the_path(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**EX14, "round": "autumn"}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"Felaktig fil: round: ska vara ett av"):
        call_command("admission", "solve", str(bad), "--out", str(tmp_path / "r.json"))


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="inte giltig JSON"):
        call_command("admission", "solve", str(bad), "--out", str(tmp_path / "r.json"))
