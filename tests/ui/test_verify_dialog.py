"""Sprawdź dokument: typed or scanned number and code, and the verdict shown."""

from __future__ import annotations

from pathlib import Path

from documents_data import issue_three
from PySide6.QtCore import Qt

from skimlll_desktop.i18n import _
from skimlll_desktop.services.certificates import Verdict, list_register, qr_text, revoke
from skimlll_desktop.services.database import Database
from skimlll_desktop.ui.verify_dialog import VerifyDialog, verdict_color


def _dialog(qtbot, database: Database) -> VerifyDialog:  # type: ignore[no-untyped-def]
    dialog = VerifyDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _forged(code: str) -> str:
    return "AAAA-BBBB" if code != "AAAA-BBBB" else "CCCC-DDDD"


def test_valid_for_a_real_code_and_forged_for_a_changed_one(
        qtbot, setup_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    issue_three(setup_db, tmp_path)
    row = next(r for r in list_register(setup_db) if r.holder == "Łucja Żółkiewska")
    dialog = _dialog(qtbot, setup_db)
    assert not dialog.verify_button.isEnabled()
    qtbot.keyClicks(dialog.number, row.number.lower())
    qtbot.keyClicks(dialog.code, row.code.replace("-", "").lower())  # as people type it
    with qtbot.waitSignal(dialog.verified) as shown:
        qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert shown.args[0].verdict is Verdict.VALID
    assert dialog.verdict.text() == _("VALID") and not dialog.result_frame.isHidden()
    assert verdict_color("valid").name() in dialog.verdict.styleSheet()
    assert "Łucja Żółkiewska" in dialog.details.text()
    assert "Poranek partnerski" in dialog.details.text()

    dialog.code.setText(_forged(row.code))
    with qtbot.waitSignal(dialog.verified) as shown:
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert shown.args[0].verdict is Verdict.FORGED
    assert dialog.verdict.text() == _("FORGED")
    assert verdict_color("forged").name() in dialog.verdict.styleSheet()
    assert "Łucja" not in dialog.details.text()  # a forged code tells nothing about anyone


def test_scanned_qr_text_fills_the_fields_and_checks(
        qtbot, setup_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    issue_three(setup_db, tmp_path)
    row = list_register(setup_db)[0]
    dialog = _dialog(qtbot, setup_db)
    with qtbot.waitSignal(dialog.verified) as shown:
        dialog.scanned.setText(qr_text(row.number, row.code))  # a paste or a scanner
    assert shown.args[0].verdict is Verdict.VALID
    assert (dialog.number.text(), dialog.code.text()) == (row.number, row.code)

    dialog.scanned.setText("https://example.com/not-ours")
    qtbot.keyClick(dialog.scanned, Qt.Key.Key_Return)
    assert not dialog.scan_error.isHidden()


def test_revoked_shows_the_reason_and_unknown_says_so(
        qtbot, setup_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    numbers = issue_three(setup_db, tmp_path)
    row = next(r for r in list_register(setup_db) if r.number == numbers[0])
    revoke(setup_db, row.id, "Pomyłka w nazwisku")
    dialog = _dialog(qtbot, setup_db)
    dialog.number.setText(row.number)
    dialog.code.setText(row.code)
    assert dialog.verify() is not None
    assert dialog.verdict.text() == _("REVOKED")
    assert "Pomyłka w nazwisku" in dialog.details.text()
    dialog.number.setText(row.number.replace("0001", "0999"))
    result = dialog.verify()
    assert result is not None and result.verdict is Verdict.UNKNOWN
    assert dialog.verdict.text() == _("UNKNOWN")
