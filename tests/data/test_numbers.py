"""Local number formats: decimal commas and thousands separators, found or given."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diveml.audit import audit
from diveml.data import read_table
from diveml.exceptions import DataReadError, InvalidOptionError

EURO = "when;amount;region;y\n" + "".join(
    f"2024-01-{1 + i % 28:02d};{2531 + i},{i % 100:02d};{'north' if i % 3 else 'south'};{i % 2}\n"
    for i in range(60)
)


def test_decimal_commas_are_read_as_numbers_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "euro.csv"
    path.write_text(EURO, encoding="utf-8")
    frame, _ = read_table(path)
    assert frame["amount"].dtype == float
    assert frame["amount"].iloc[1] == pytest.approx(2532.01)
    result = audit(frame, "y")
    notes = [f.message for f in result.findings if f.code == "read_note"]
    assert any("'amount'" in n and "a decimal comma (e.g. '2531,00')" in n for n in notes)
    # a column of measurements, not a row identifier
    assert "amount" not in result.excluded
    assert result.feature_types["amount"] == "numeric"


def test_thousands_commas_are_read_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "us.csv"
    rows = "".join(f'"{1000 + 37 * i:,}.5",{i % 2}\n' for i in range(40))
    path.write_text("price,y\n" + rows, encoding="utf-8")
    frame, _ = read_table(path)
    assert frame["price"].iloc[1] == pytest.approx(1037.5)
    notes = frame.attrs["diveml_read"]["notes"]
    assert any("commas between thousands" in n for n in notes)


def test_dotted_thousands_with_decimal_comma(tmp_path: Path) -> None:
    path = tmp_path / "de.csv"
    path.write_text("a;y\n1.234,5;0\n12,25;1\n7;0\n", encoding="utf-8")
    frame, _ = read_table(path)
    assert frame["a"].tolist() == [1234.5, 12.25, 7.0]


def test_text_with_commas_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('name,y\n"Smith, John",0\n"Doe, Jane",1\n', encoding="utf-8")
    frame, _ = read_table(path)
    assert frame["name"].tolist() == ["Smith, John", "Doe, Jane"]


def test_explicit_options_are_used(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("a:b\n1.234,5:x\n2,5:y\n", encoding="utf-8")
    frame, _ = read_table(path, sep=":", decimal=",", thousands=".")
    assert frame["a"].tolist() == [1234.5, 2.5]


def test_encoding_option_is_used(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("ville,y\nGenève,1\nZürich,0\n".encode("latin-1"))
    frame, _ = read_table(path, encoding="latin-1")
    assert frame["ville"].tolist() == ["Genève", "Zürich"]
    assert frame.attrs["diveml_read"]["notes"] == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"sep": ",", "decimal": ","},
            r"--decimal ',' is the same character as --sep ','.*--sep ';' --decimal ','",
        ),
        ({"decimal": ",", "thousands": ","}, r"--decimal ',' is the same character as --thousands"),
        ({"decimal": "x"}, r"--decimal x is not a decimal mark"),
        ({"sep": ";;"}, r"--sep ';;' must be one character"),
        ({"encoding": "klingon"}, r"--encoding klingon is not an encoding Python knows"),
    ],
)
def test_bad_read_options(tmp_path: Path, options: dict[str, str], message: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InvalidOptionError, match=message):
        read_table(path, **options)


def test_decimal_equal_to_the_sniffed_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    with pytest.raises(InvalidOptionError, match=r"--decimal ',' is the delimiter that splits"):
        read_table(path, decimal=",")


def test_wrong_encoding_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("a,b\nGenève,1\n".encode("latin-1"))
    with pytest.raises(DataReadError, match=r"is not valid utf-8 \(--encoding\): byte b'\\xe8'"):
        read_table(path, encoding="utf-8")


def test_read_options_refused_for_other_sources(tmp_path: Path) -> None:
    with pytest.raises(InvalidOptionError, match=r"--sep only apply to a text table file"):
        read_table(pd.DataFrame({"a": [1]}), sep=";")
    path = tmp_path / "a.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(path)
    with pytest.raises(InvalidOptionError, match=r"--decimal only apply to a text table file"):
        read_table(path, decimal=",")
