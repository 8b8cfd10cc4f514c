"""The Qt user interface: windows, pages, table models, dialogs and background workers.

Presentation only: no SQL and no business rules. Services are imported inside
functions (or under ``TYPE_CHECKING``) so the window can paint before the
database stack (SQLAlchemy, Alembic) is loaded.
"""
