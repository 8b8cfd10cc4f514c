"""The Dokumenty area: issuing through the GUI, cancelling, the register, revoke, correct."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from documents_data import EVENT_TITLE, event_with_attendees, issue_three
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from skimlll_desktop.i18n import _
from skimlll_desktop.models import DocumentStatus
from skimlll_desktop.services import certificates
from skimlll_desktop.services.certificates import Verdict, list_register, verify
from skimlll_desktop.services.database import Database
from skimlll_desktop.services.labels import DOCUMENT_STATUSES
from skimlll_desktop.ui.documents_page import TAB_ISSUE, DocumentsPage
from skimlll_desktop.ui.lazy_table import ID_ROLE
from skimlll_desktop.ui.register_dialogs import RevokeDialog
from skimlll_desktop.ui.register_model import RegisterTableModel

JOB_TIMEOUT_MS = 60_000
YEAR = date.today().year


@pytest.fixture
def page(qtbot, setup_db: Database) -> Iterator[DocumentsPage]:  # type: ignore[no-untyped-def]
    widget = DocumentsPage()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    yield widget
    widget.set_database(None)


def _choose_files(monkeypatch: pytest.MonkeyPatch, pdf: Path | None, folder: Path | None) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(pdf) if pdf else "", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(folder) if folder else ""))


def _page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_issue_certificates_for_an_event_through_the_gui(
        qtbot, page: DocumentsPage, setup_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    event_id = event_with_attendees(setup_db)
    page.set_database(setup_db)
    page.show_tab(TAB_ISSUE)
    issue = page.issue
    issue.set_kind("participation")
    issue.recipients.select_event(event_id)
    assert issue.recipients.names.count() == 3
    qtbot.mouseClick(issue.recipients.all_sessions, Qt.MouseButton.LeftButton)
    assert [r.name for r in issue.recipients.recipients()] == ["Zofia Zielińska",
                                                                "Łucja Żółkiewska"]
    qtbot.mouseClick(issue.recipients.any_session, Qt.MouseButton.LeftButton)
    assert len(issue.recipients.recipients()) == 3
    issue.per_person.setChecked(True)
    assert issue.issue_button.isEnabled()

    out_pdf, folder = tmp_path / "out" / "zaswiadczenia.pdf", tmp_path / "osoby"
    _choose_files(monkeypatch, out_pdf, folder)
    with qtbot.waitSignal(issue.preview_shown, timeout=JOB_TIMEOUT_MS) as shown:
        qtbot.mouseClick(issue.issue_button, Qt.MouseButton.LeftButton)
    preview = shown.args[0]
    assert preview.page_count() == 3
    preview.reject()

    texts = _page_texts(out_pdf)
    assert len(texts) == 3  # one page per person, in the register's order of names
    expected = [("Jan Łącki", "wziął udział"), ("Zofia Zielińska", "wziął(-ęła) udział"),
                ("Łucja Żółkiewska", "wzięła udział")]
    for number, (text, (name, form)) in enumerate(zip(texts, expected, strict=True), start=1):
        assert name in text and form in text and EVENT_TITLE in text
        assert f"ZU/{YEAR}/{number:04d}" in text
    assert sorted(p.name for p in folder.iterdir()) == [
        f"jan-lacki-zu-{YEAR}-0001.pdf", f"lucja-zolkiewska-zu-{YEAR}-0003.pdf",
        f"zofia-zielinska-zu-{YEAR}-0002.pdf"]
    assert not issue.message.isHidden() and f"ZU/{YEAR}/0001" in issue.message.text()

    # the register shows them at once
    register = page.register
    assert register.model.rowCount() == 3
    numbers = {register.model.index(row, RegisterTableModel.COLUMN_NUMBER).data()
               for row in range(3)}
    assert numbers == {f"ZU/{YEAR}/{n:04d}" for n in (1, 2, 3)}
    holders = {register.model.index(row, RegisterTableModel.COLUMN_HOLDER).data()
               for row in range(3)}
    assert holders == {"Jan Łącki", "Zofia Zielińska", "Łucja Żółkiewska"}


def _pausing(real: Callable[..., Any], reached: threading.Event,
             release: threading.Event) -> Callable[..., Any]:
    """The real job, held at its second progress report (mid-batch) until released."""
    def job(database: Database, request: Any) -> Any:
        inner = real(database, request)
        reports = 0
        try:
            while True:
                try:
                    progress = next(inner)
                except StopIteration as done:
                    return done.value
                reports += 1
                if reports == 2:
                    reached.set()
                    release.wait(20)
                yield progress
        finally:
            inner.close()  # a cancel closes the real job: its transaction rolls back

    return job


def test_cancel_mid_batch_leaves_no_files_and_no_register_rows(
        qtbot, page: DocumentsPage, setup_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    many = [(f"Osoba{n:02d}", f"Nazwisko{n:02d}", None, 1) for n in range(30)]
    event_id = event_with_attendees(setup_db, many)
    reached, release = threading.Event(), threading.Event()
    monkeypatch.setattr(certificates, "issue_documents",
                        _pausing(certificates.issue_documents, reached, release))
    page.set_database(setup_db)
    issue = page.issue
    issue.recipients.select_event(event_id)
    issue.per_person.setChecked(True)
    out = tmp_path / "out"
    _choose_files(monkeypatch, out / "all.pdf", out / "people")

    qtbot.mouseClick(issue.issue_button, Qt.MouseButton.LeftButton)
    worker = issue.worker
    assert worker is not None
    qtbot.waitUntil(reached.is_set, timeout=JOB_TIMEOUT_MS)  # 25 of 30 pages drawn
    cancel_button = worker.progress_dialog.findChild(QPushButton)  # type: ignore[attr-defined]
    with qtbot.waitSignal(worker.cancelled, timeout=JOB_TIMEOUT_MS):
        cancel_button.click()
        release.set()

    assert not out.exists() or list(out.rglob("*")) == []
    assert list_register(setup_db) == []
    assert page.register.model.rowCount() == 0
    assert issue.message.text() == _("Cancelled: no document was issued and no file was "
                                     "saved.")
    assert issue.preview is None


def _select(page: DocumentsPage, number: str) -> int:
    register = page.register
    row = next(r.id for r in list_register(page.database()) if r.number == number)  # type: ignore[arg-type]
    register.select_ids([row])
    assert register.selected_ids() == [row]
    return row


def _status_of(page: DocumentsPage, document_id: int) -> str:
    model = page.register.model
    row = model.row_of(document_id)
    assert row is not None
    return str(model.index(row, RegisterTableModel.COLUMN_STATUS).data())


def test_register_revoke_needs_a_reason_and_changes_the_status(
        qtbot, page: DocumentsPage, setup_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    numbers = issue_three(setup_db, tmp_path)
    page.set_database(setup_db)
    assert page.register.model.rowCount() == 3
    assert not page.register.revoke_button.isEnabled()
    document_id = _select(page, numbers[1])
    assert page.register.revoke_button.isEnabled()

    qtbot.mouseClick(page.register.revoke_button, Qt.MouseButton.LeftButton)
    dialog = page.register.findChild(RevokeDialog, "revokeDialog")
    assert dialog is not None and dialog.isVisible()
    confirm = dialog.findChild(QPushButton, "revokeConfirm")
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)  # no reason yet
    assert dialog.isVisible()
    assert not dialog.findChild(QLabel, "revokeReasonError").isHidden()
    dialog.reason.setPlainText("Wydany przez pomyłkę")  # (keyClicks types ASCII only)
    with qtbot.waitSignal(page.documents_changed):
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)

    assert _status_of(page, document_id) == _(DOCUMENT_STATUSES[DocumentStatus.REVOKED])
    assert not page.register.revoke_button.isEnabled()  # a revoked one cannot be again
    row = next(r for r in list_register(setup_db) if r.id == document_id)
    checked = verify(setup_db, row.number, row.code)
    assert checked.verdict is Verdict.REVOKED and checked.reason == "Wydany przez pomyłkę"
    others = [r for r in list_register(setup_db) if r.id != document_id]
    assert all(r.status is DocumentStatus.VALID for r in others)


def test_filters_search_and_reprint_with_the_same_numbers(
        qtbot, page: DocumentsPage, setup_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    numbers = issue_three(setup_db, tmp_path)
    page.set_database(setup_db)
    register = page.register
    register.search.setText("lacki")  # no diacritics needed
    register.refresh()
    assert register.model.rowCount() == 1
    register.search.clear()
    register.status_combo.setCurrentIndex(
        register.status_combo.findData(DocumentStatus.REVOKED))
    assert register.model.rowCount() == 0 and not register.no_match.isHidden()
    register.status_combo.setCurrentIndex(0)
    assert register.model.rowCount() == 3

    ids = [_select(page, numbers[0])]
    ids.append(_select(page, numbers[2]))
    register.select_ids(ids)
    with qtbot.waitSignal(register.preview_shown, timeout=JOB_TIMEOUT_MS) as shown:
        qtbot.mouseClick(register.reprint_button, Qt.MouseButton.LeftButton)
    preview = shown.args[0]
    texts = _page_texts(preview.path)
    assert len(texts) == 2
    assert {numbers[0], numbers[2]} == {n for n in numbers if any(n in t for t in texts)}
    preview.reject()
    assert not preview.path.exists()  # the temporary reprint goes when the preview closes


def test_correct_issues_a_new_number_and_marks_the_old_replaced(
        qtbot, page: DocumentsPage, setup_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    numbers = issue_three(setup_db, tmp_path)
    page.set_database(setup_db)
    old_id = _select(page, numbers[1])
    dialog = page.register.correct_selected()
    assert dialog is not None
    dialog.holder.setText("Jan Maria Łącki")
    with qtbot.waitSignal(page.register.preview_shown, timeout=JOB_TIMEOUT_MS) as shown:
        qtbot.mouseClick(dialog.findChild(QPushButton, "correctConfirm"),
                         Qt.MouseButton.LeftButton)
    new_number = f"ZU/{YEAR}/0004"
    assert new_number in _page_texts(shown.args[0].path)[0]
    shown.args[0].reject()
    rows = {r.number: r for r in list_register(setup_db)}
    assert rows[numbers[1]].status.value == "replaced" and rows[new_number].holder == \
        "Jan Maria Łącki"
    assert verify(setup_db, numbers[1], rows[numbers[1]].code).replaced_by == new_number
    assert page.register.model.rowCount() == 4 and old_id in [
        page.register.model.index(r, 0).data(ID_ROLE) for r in range(4)]


def test_export_register_to_excel(qtbot, page: DocumentsPage, setup_db: Database,  # type: ignore[no-untyped-def]
                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    numbers = issue_three(setup_db, tmp_path)
    page.set_database(setup_db)
    _choose_files(monkeypatch, tmp_path / "rejestr", None)
    worker = page.register.export_register()
    assert worker is not None
    with qtbot.waitSignal(worker.ended, timeout=JOB_TIMEOUT_MS):
        pass
    sheet = load_workbook(tmp_path / "rejestr.xlsx").active
    assert {sheet[f"A{row}"].value for row in (2, 3, 4)} == set(numbers)


def test_register_model_passes_the_model_tester(qtmodeltester, setup_db: Database,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    issue_three(setup_db, tmp_path)
    model = RegisterTableModel()
    model.set_rows(list_register(setup_db))
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_empty_register_offers_the_issue_tab(qtbot, page: DocumentsPage,  # type: ignore[no-untyped-def]
                                             setup_db: Database) -> None:
    page.set_database(setup_db)
    register = page.register
    assert register.stack.currentWidget() is register.empty
    qtbot.mouseClick(register.empty.findChild(QPushButton, "registerEmptyIssue"),
                     Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == TAB_ISSUE
    assert not page.issue.issue_button.isEnabled()  # nobody to issue to yet


def test_correct_is_offered_for_every_kind(
        qtbot, page: DocumentsPage, setup_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from skimlll_desktop.models import DocumentKind
    from skimlll_desktop.services.certificate_templates import default_template
    from skimlll_desktop.services.certificates import IssueRequest, Recipient, issue_documents
    from skimlll_desktop.services.jobs import run_job

    template = default_template(setup_db, DocumentKind.DIPLOMA)
    run_job(issue_documents(setup_db, IssueRequest(
        kind=DocumentKind.DIPLOMA, template_id=template.id or 0,
        recipients=[Recipient(None, "Gmina Łącko", extra={"nagroda": "I miejsce"})],
        values={"edycja": "2026"}, out_pdf=tmp_path / "d.pdf")))
    numbers = issue_three(setup_db, tmp_path)
    page.set_database(setup_db)
    _select(page, f"DY/{YEAR}/0001")
    assert page.register.revoke_button.isEnabled()
    assert page.register.correct_button.isEnabled()  # the award comes from what was issued
    _select(page, numbers[0])
    assert page.register.correct_button.isEnabled()
