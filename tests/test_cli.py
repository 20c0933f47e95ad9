from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from fastcommerce.cli import app
from tests.factories import make_sku, make_store, pincodes, receive

runner = CliRunner()


def test_check_ledger_is_clean_then_reports_a_tampered_row(committed: sessionmaker[Session]) -> None:
    with committed() as session:
        store = make_store(session, pincodes(session)[0])
        sku = make_sku(session)
        receive(session, store, sku, 6)
        session.commit()
    clean = runner.invoke(app, ["check-ledger"])
    assert clean.exit_code == 0, clean.output
    assert "ledger ok" in clean.output

    with committed() as session:
        session.execute(text("UPDATE stock_level SET on_hand = 2"))
        session.commit()
    broken = runner.invoke(app, ["check-ledger"])
    assert broken.exit_code == 1
    assert f"on_hand_vs_ledger: {store.code} {sku}: expected 6, found 2" in broken.output


def test_import_of_a_bad_file_prints_every_bad_row_and_exits_1(
    committed: sessionmaker[Session], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text("store_code,sku,on_hand\nNOWHERE,NOPE,1\n")
    result = runner.invoke(app, ["import", "inventory", str(path)])
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    assert "line 2: store_code: unknown store 'NOWHERE'" in result.output
    assert "line 2: sku: unknown SKU 'NOPE'" in result.output
    missing = runner.invoke(app, ["import", "orders", str(tmp_path / "absent.json")])
    assert missing.exit_code == 2
