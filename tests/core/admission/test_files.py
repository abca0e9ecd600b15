"""The problem, result and manifest files: schemas, canonical bytes and refusals with paths."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import jsonschema
import pytest

from gymnasieregion.core.admission.canonical_json import canonical_bytes
from gymnasieregion.core.admission.engine import ENGINE_VERSION, solve
from gymnasieregion.core.admission.json_fields import FileFormatError
from gymnasieregion.core.admission.manifest import build_manifest, problem_sha256
from gymnasieregion.core.admission.problem_file import dump_problem, parse_problem
from gymnasieregion.core.admission.result_file import ResultFile, dump_result, parse_result
from tests.core.admission.builders import Json, applicant, line, offering, problem_data
from tests.core.admission.test_worked_examples import EX14, EX16


def _schema(name: str) -> Json:
    text = resources.files("gymnasieregion.core.admission").joinpath(f"schemas/{name}").read_text()
    return json.loads(text)  # type: ignore[no-any-return]


def _result_json(data: Json) -> Json:
    problem = parse_problem(data)
    file = ResultFile(
        solve(problem), problem_sha256(problem), problem.rules.version, ENGINE_VERSION
    )
    return dump_result(file)


@pytest.mark.parametrize("data", [EX14, EX16])
def test_the_problem_examples_and_their_canonical_form_follow_the_problem_schema(
    data: Json,
) -> None:
    schema = _schema("admission-problem.v1.schema.json")
    jsonschema.validate(data, schema)
    jsonschema.validate(dump_problem(parse_problem(data)), schema)


@pytest.mark.parametrize("data", [EX14, EX16])
def test_produced_results_and_manifests_follow_their_schemas(data: Json) -> None:
    result = _result_json(data)
    jsonschema.validate(result, _schema("admission-result.v1.schema.json"))
    manifest = build_manifest(parse_problem(data), canonical_bytes(result))
    jsonschema.validate(manifest, _schema("admission-manifest.v1.schema.json"))


def test_the_same_problem_gives_byte_identical_result_files() -> None:
    assert canonical_bytes(_result_json(EX14)) == canonical_bytes(
        _result_json(json.loads(json.dumps(EX14)))
    )


@pytest.mark.parametrize("first", ["282.50", "282.5"])
def test_a_result_does_not_depend_on_what_the_process_solved_before(first: str) -> None:
    # 282.5 and 282.50 are equal Decimals but are written with their own decimals; a
    # cache keyed by the value once wrote whichever had been written first in the process
    def bytes_for(merit: str) -> bytes:
        data = problem_data(
            [offering("X", 1)],
            [applicant("A", line("X", merit)), applicant("B", line("X", 290))],
        )
        return canonical_bytes(_result_json(data))

    other = "282.5" if first == "282.50" else "282.50"
    before = bytes_for(first)
    after = bytes_for(other)
    assert f"meritvärde är {other.replace('.', ',')}.".encode() in after
    assert bytes_for(first) == before


def test_a_result_file_reads_back_to_the_same_result() -> None:
    problem = parse_problem(EX14)
    file = ResultFile(solve(problem), problem_sha256(problem), "test", ENGINE_VERSION)
    assert parse_result(json.loads(canonical_bytes(dump_result(file)))) == file


def test_the_manifest_records_hashes_rules_seed_and_engine() -> None:
    problem = parse_problem(EX14)
    manifest = build_manifest(problem, b"result bytes\n")
    assert manifest["problem_sha256"] == problem_sha256(problem)
    assert manifest["result_sha256"] == hashlib.sha256(b"result bytes\n").hexdigest()
    assert (manifest["rules_version"], manifest["seed"]) == ("test", "test-seed")
    assert manifest["engine_version"] == ENGINE_VERSION


def _refusal(data: Json) -> FileFormatError:
    with pytest.raises(FileFormatError) as caught:
        parse_problem(data)
    return caught.value


def test_an_unknown_offering_is_refused_with_its_path() -> None:
    data = problem_data(
        [offering("X", 1)],
        [applicant("A", line("X", 200)), applicant("B", line("X", 200), line("Y", 200))],
    )
    error = _refusal(data)
    assert error.path == "applicants[1].choices[1].offering"
    assert "okänd utbildning 'Y'" in str(error)


def test_more_fri_kvot_than_seats_is_refused() -> None:
    data = problem_data(
        [offering("X", 1)],
        [applicant(p, line("X", 0, free_quota=True)) for p in ("A", "B")],
    )
    assert _refusal(data).path == "offerings[0].capacity"


def test_a_secured_place_on_a_cancelled_offering_is_refused() -> None:
    data = problem_data(
        [offering("X", 1, cancelled=True)],
        [applicant("A", line("X", 200), secured={"offering": "X"})],
        round_="reserve",
    )
    assert _refusal(data).path == "applicants[0].secured.offering"


def test_a_duplicate_choice_is_refused() -> None:
    data = problem_data([offering("X", 1)], [applicant("A", line("X", 200), line("X", 210))])
    error = _refusal(data)
    assert error.path == "applicants[0].choices[1].offering"
    assert "redan val 1" in error.message


def test_a_merit_value_written_as_a_binary_float_is_refused() -> None:
    data = problem_data([offering("X", 1)], [applicant("A", {"offering": "X", "merit": 282.5})])
    assert _refusal(data).path == "applicants[0].choices[0].merit"


def test_an_unknown_field_and_a_wrong_format_are_refused() -> None:
    data = problem_data([offering("X", 1, seats=3)], [])
    assert _refusal(data).path == "offerings[0].seats"
    assert _refusal({**problem_data([], []), "format": "other"}).path == "format"


def test_a_secured_place_outside_a_reserve_round_is_refused() -> None:
    data = problem_data(
        [offering("X", 1)], [applicant("A", line("X", 200), secured={"offering": "X"})]
    )
    assert _refusal(data).path == "applicants[0].secured"


def test_duplicate_school_ranks_are_refused() -> None:
    data = problem_data(
        [offering("IM", 2, selection="ranking")],
        [applicant(p, line("IM", 0, school_rank=1)) for p in ("A", "B")],
    )
    assert _refusal(data).path == "applicants[1].choices[0].school_rank"
