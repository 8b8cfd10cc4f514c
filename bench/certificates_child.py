"""Issue certificates for every attendee of an event, as the program does; print a marker.

Usage: python bench/certificates_child.py DATABASE EVENT_ID OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

from skimlll_desktop.models import DocumentKind
from skimlll_desktop.services.certificate_templates import default_template
from skimlll_desktop.services.certificates import IssueRequest, event_recipients, issue_documents
from skimlll_desktop.services.database import open_database
from skimlll_desktop.services.jobs import run_job


def main(database_path: str, event_id: str, out: str) -> None:
    database = open_database(database_path)
    try:
        template = default_template(database, DocumentKind.PARTICIPATION)
        recipients = event_recipients(database, int(event_id))
        run_job(issue_documents(database, IssueRequest(
            kind=DocumentKind.PARTICIPATION, template_id=template.id or 0,
            recipients=recipients, event_id=int(event_id), out_pdf=Path(out))))
    finally:
        database.dispose()
    print("BENCH certificates", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
