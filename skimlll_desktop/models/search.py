"""The search index: the folded words of each organisation and person.

One row per (kind, record, word). A prefix search is a range scan on the
``(kind, word)`` index — the same SQL, and the same results, on SQLite and
PostgreSQL (the column uses the binary "C" collation there). Services keep
it up to date (``services.search``); nothing else writes here.
"""

from __future__ import annotations

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from skimlll_desktop.models.base import Base

WORD_TYPE = String(64).with_variant(String(64, collation="C"), "postgresql")



class SearchWord(Base):
    __tablename__ = "search_words"
    __table_args__ = (Index("ix_search_words_lookup", "kind", "word", "record_id"),
                      Index("ix_search_words_record", "kind", "record_id", "word"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # "organization" | "person"
    record_id: Mapped[int]
    word: Mapped[str] = mapped_column(WORD_TYPE)
