"""The template editor: live preview, gendered forms, unknown placeholders, saving."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from skimlll_desktop.models import DocumentKind
from skimlll_desktop.services.certificate_templates import (
    default_template,
    get_template,
    save_template,
)
from skimlll_desktop.services.database import Database
from skimlll_desktop.ui.templates_widget import TemplatesWidget

RENDER_TIMEOUT_MS = 30_000


@pytest.fixture
def templates(qtbot, setup_db: Database) -> Iterator[TemplatesWidget]:  # type: ignore[no-untyped-def]
    widget = TemplatesWidget()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    with qtbot.waitSignal(widget.editor.preview.rendered, timeout=RENDER_TIMEOUT_MS):
        widget.set_database(setup_db)
    assert widget.select_kind("participation")
    qtbot.waitUntil(lambda: not widget.editor.preview.is_busy(), timeout=RENDER_TIMEOUT_MS)
    yield widget
    widget.editor.preview.release()


def test_preview_updates_when_the_body_changes(qtbot, templates: TemplatesWidget) -> None:  # type: ignore[no-untyped-def]
    editor, preview = templates.editor, templates.editor.preview
    assert preview.rendered_template is not None
    assert preview.rendered_template.kind is DocumentKind.PARTICIPATION
    before = preview.image()
    assert not before.isNull()
    with qtbot.waitSignal(preview.rendered, timeout=RENDER_TIMEOUT_MS):
        editor.body.setPlainText("{imię_nazwisko}\nukończył(a) kurs w gminie {gmina}.")
    assert preview.rendered_template.body.endswith("w gminie {gmina}.")
    assert preview.image() != before
    assert editor.findChild(QLabel, "templateBodyError").isHidden()

    with qtbot.waitSignal(preview.rendered, timeout=RENDER_TIMEOUT_MS):
        qtbot.mouseClick(editor.findChild(QPushButton, "previewMasculine"),
                         Qt.MouseButton.LeftButton)
    assert preview.rendered_gender == "m"


def test_unknown_placeholder_shows_the_error_and_is_not_saved(
        qtbot, templates: TemplatesWidget, setup_db: Database) -> None:  # type: ignore[no-untyped-def]
    editor = templates.editor
    saved_body = editor.loaded().body  # type: ignore[union-attr]
    editor.body.setPlainText("Dla {imie} z {gmina}")
    error = editor.findChild(QLabel, "templateBodyError")
    assert not error.isHidden() and "{imie}" in error.text() and "{gmina}" not in error.text()
    assert not editor.save()
    assert get_template(setup_db, editor.loaded().id).body == saved_body  # type: ignore[union-attr,arg-type]

    editor.body.setPlainText("Dla {imię_nazwisko} z {gmina}")
    assert error.isHidden()
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert get_template(setup_db, editor.loaded().id).body == "Dla {imię_nazwisko} z {gmina}"  # type: ignore[union-attr,arg-type]
    qtbot.waitUntil(lambda: not editor.preview.is_busy(), timeout=RENDER_TIMEOUT_MS)


def test_double_click_inserts_a_placeholder(qtbot, templates: TemplatesWidget) -> None:  # type: ignore[no-untyped-def]
    editor = templates.editor
    editor.body.setPlainText("Gmina: ")
    cursor = editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    items = editor.placeholder_list.findItems("{gmina}", Qt.MatchFlag.MatchExactly)
    assert items
    editor.placeholder_list.scrollToItem(items[0])
    rect = editor.placeholder_list.visualItemRect(items[0])
    viewport = editor.placeholder_list.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # a real
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # double click
    assert editor.body.toPlainText() == "Gmina: {gmina}"
    qtbot.waitUntil(lambda: not editor.preview.is_busy(), timeout=RENDER_TIMEOUT_MS)


def test_a_stale_save_says_so_and_offers_the_saved_version(
        qtbot, templates: TemplatesWidget, setup_db: Database) -> None:  # type: ignore[no-untyped-def]
    editor = templates.editor
    current = default_template(setup_db, DocumentKind.PARTICIPATION)
    save_template(setup_db, replace(current, heading="ZMIENIONE GDZIE INDZIEJ"))
    editor.heading.setText("MOJA ZMIANA")
    assert not editor.save()
    assert not editor.message.isHidden()
    assert get_template(setup_db, current.id).heading == "ZMIENIONE GDZIE INDZIEJ"  # type: ignore[arg-type]
    assert not editor.reload_button.isHidden()
    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    assert editor.heading.text() == "ZMIENIONE GDZIE INDZIEJ"
    assert not editor.has_unsaved_changes()
    qtbot.waitUntil(lambda: not editor.preview.is_busy(), timeout=RENDER_TIMEOUT_MS)


def test_new_template_starts_as_a_copy_and_is_listed_after_saving(
        qtbot, templates: TemplatesWidget, setup_db: Database) -> None:  # type: ignore[no-untyped-def]
    count = templates.list.count()
    qtbot.mouseClick(templates.new_button, Qt.MouseButton.LeftButton)
    editor = templates.editor
    assert editor.loaded().id is None  # type: ignore[union-attr]
    editor.name.setText("Zaświadczenie — warsztaty dwudniowe")
    with qtbot.waitSignal(templates.templates_changed):
        assert editor.save()
    assert templates.list.count() == count + 1
    assert editor.loaded().id is not None and not editor.loaded().is_default  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not editor.preview.is_busy(), timeout=RENDER_TIMEOUT_MS)


def test_a_template_is_deleted_after_asking_but_never_the_last_of_its_kind(
        qtbot, monkeypatch, templates: TemplatesWidget, setup_db: Database) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from skimlll_desktop.services.certificate_templates import list_templates

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    original = default_template(setup_db, DocumentKind.PARTICIPATION)
    copy = save_template(setup_db, replace(original, id=None, version=None,
                                           name="Zaświadczenie — kopia", is_default=False))
    templates.refresh(original.id)
    count = templates.list.count()
    with qtbot.waitSignal(templates.templates_changed):
        templates.delete_button.click()  # the default goes: the copy becomes the default
    assert templates.list.count() == count - 1
    participation = list_templates(setup_db, DocumentKind.PARTICIPATION)
    assert [(t.id, t.is_default) for t in participation] == [(copy.id, True)]
    templates.refresh(copy.id)
    qtbot.waitUntil(lambda: not templates.editor.preview.is_busy(), timeout=RENDER_TIMEOUT_MS)
    templates.delete_button.click()  # the last of its kind stays
    assert shown and "jedyny szablon" in shown[0]
    assert [t.id for t in list_templates(setup_db, DocumentKind.PARTICIPATION)] == [copy.id]
