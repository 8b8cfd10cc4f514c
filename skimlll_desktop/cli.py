"""The command line: ``skimlll [--db PATH_OR_URL] COMMAND``; no command starts the GUI.

Exit codes: 0 success, 1 the command ran but reported problems, 2 usage or
unreadable input. Errors go to stderr as one clear line, never a traceback
(the traceback of an unexpected error goes to the log file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from skimlll_desktop import APP_NAME, __version__
from skimlll_desktop.i18n import LANGUAGES, N_, _, format_number, set_language

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        hint = _("see {command} --help").format(command=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {message} ({hint})\n")


DOCUMENT_KINDS = ("participation", "diploma", "thanks")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="skimlll", description=_("SKiMLLL Desktop: command line"))
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=_("database file or SQLAlchemy URL (default: the database in your data folder)"),
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of messages"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("init", help=_("create or update the database and load reference data"))
    info = commands.add_parser("info", help=_("schema version and record counts"))
    info.add_argument("--json", action="store_true", help=_("print JSON"))
    backup = commands.add_parser("backup", help=_("copy the database file to OUT"))
    backup.add_argument("out", type=Path, metavar="OUT")
    restore = commands.add_parser("restore", help=_("replace the database with the backup IN"))
    restore.add_argument("source", type=Path, metavar="IN")
    demo = commands.add_parser("demo", help=_("add realistic demo data"))
    demo.add_argument("--size", choices=("small", "large"), default="small")
    commands.add_parser("gui", help=_("start the program's window (the same as no command)"))

    import_ = commands.add_parser("import", help=_("import data from Excel"))
    import_what = import_.add_subparsers(dest="what", metavar="WHAT", required=True,
                                         parser_class=_Parser)
    partners = import_what.add_parser("partners", help=_("partners with contact persons"))
    partners.add_argument("file", type=Path, metavar="FILE.xlsx")
    partners.add_argument("--sheet", help=_("the sheet to read (default: the first with a header)"))
    partners.add_argument("--dry-run", action="store_true", help=_("check only, write nothing"))
    partners.add_argument("--json", action="store_true", help=_("print JSON"))
    partners.add_argument("--report", type=Path, metavar="OUT.xlsx",
                          help=_("write the import report to OUT.xlsx"))

    export = commands.add_parser("export", help=_("export data to Excel"))
    export_what = export.add_subparsers(dest="what", metavar="WHAT", required=True,
                                        parser_class=_Parser)
    for what, text in (("partners", _("partners")), ("people", _("people"))):
        export_what.add_parser(what, help=text).add_argument("out", type=Path,
                                                             metavar="OUT.xlsx")
    export_attendance = export_what.add_parser("attendance", help=_("an event's attendance"))
    export_attendance.add_argument("event", metavar="EVENT_UUID")
    export_attendance.add_argument("out", type=Path, metavar="OUT.xlsx")

    events = commands.add_parser("events", help=_("events"))
    events_what = events.add_subparsers(dest="what", metavar="WHAT", required=True,
                                        parser_class=_Parser)
    events_list = events_what.add_parser("list", help=_("list the events"))
    events_list.add_argument("--year", type=int)
    events_list.add_argument("--json", action="store_true", help=_("print JSON"))

    print_ = commands.add_parser("print", help=_("print documents to PDF"))
    print_what = print_.add_subparsers(dest="what", metavar="WHAT", required=True,
                                       parser_class=_Parser)
    attendance_list = print_what.add_parser("attendance-list",
                                            help=_("an event's attendance list to sign"))
    attendance_list.add_argument("event", metavar="EVENT_UUID")
    attendance_list.add_argument("out", type=Path, metavar="OUT.pdf")
    attendance_list.add_argument("--session", type=int, help=_("only this session"))
    attendance_list.add_argument("--blank-rows", type=int, default=5,
                                 help=_("empty rows for walk-ins"))

    certificates = print_what.add_parser("certificates",
                                         help=_("certificates for an event's attendees"))
    certificates.add_argument("event", metavar="EVENT_UUID")
    certificates.add_argument("out", type=Path, metavar="OUT.pdf")
    certificates.add_argument("--kind", choices=DOCUMENT_KINDS,
                              default="participation")
    certificates.add_argument("--per-person-dir", type=Path, metavar="DIR",
                              help=_("also one PDF per person in DIR"))
    certificates.add_argument("--all-sessions", action="store_true",
                              help=_("only people present at every session"))
    certificates.add_argument("--json", action="store_true", help=_("print JSON"))

    verify = commands.add_parser("verify", help=_("check a document's number and code"))
    verify.add_argument("number", metavar="NUMBER")
    verify.add_argument("code", metavar="CODE")

    competition = commands.add_parser("competition",
                                      help=_("the competition Edukacyjna Gmina Małopolski"))
    competition_what = competition.add_subparsers(dest="what", metavar="WHAT", required=True,
                                                  parser_class=_Parser)
    ranking = competition_what.add_parser("ranking", help=_("the ranking of an edition"))
    ranking.add_argument("year", type=int, metavar="YEAR")
    ranking.add_argument("--json", action="store_true", help=_("print JSON"))
    sheets = competition_what.add_parser("export", help=_("the jurors' scoring sheets"))
    sheets.add_argument("year", type=int, metavar="YEAR")
    sheets.add_argument("out", type=Path, metavar="OUT.xlsx")
    scores = competition_what.add_parser("import-scores", help=_("read filled scoring sheets"))
    scores.add_argument("year", type=int, metavar="YEAR")
    scores.add_argument("file", type=Path, metavar="FILE.xlsx")
    scores.add_argument("--dry-run", action="store_true", help=_("check only, write nothing"))
    scores.add_argument("--json", action="store_true", help=_("print JSON"))
    protocol = competition_what.add_parser("protocol", help=_("the jury's protocol as PDF"))
    protocol.add_argument("year", type=int, metavar="YEAR")
    protocol.add_argument("out", type=Path, metavar="OUT.pdf")

    checkin = commands.add_parser("checkin", help=_("mark a person present"))
    checkin.add_argument("event", metavar="EVENT_UUID")
    checkin.add_argument("person", metavar="PERSON_UUID")
    checkin.add_argument("--session", type=int, default=1)
    checkin.add_argument("--walk-in", action="store_true",
                         help=_("add the person to the event if not registered"))

    search = commands.add_parser("search", help=_("find organisations and people"))
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--json", action="store_true", help=_("print JSON"))
    search.add_argument("--limit", type=int, default=50)
    return parser


def _err(message: str) -> None:
    print(message.replace("\n", " "), file=sys.stderr)


def cmd_init(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.reference_data import ensure_reference_data

    database = open_database(args.db)
    try:
        counts = ensure_reference_data(database)
        print(
            _("Database ready: {location} ({powiaty} powiaty, {gminy} gminy).").format(
                location=database.location.display(), powiaty=counts.powiaty, gminy=counts.gminy
            )
        )
    finally:
        database.dispose()
    return EXIT_OK


COUNT_LABELS = {
    "powiaty": N_("Powiaty"),
    "gminy": N_("Gminy"),
    "organizations": N_("Organizations"),
    "people": N_("People"),
    "events": N_("Events"),
    "registrations": N_("Registrations"),
    "attendances": N_("Attendance records"),
    "audit_log": N_("Audit log entries"),
}


def cmd_info(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.info import database_info

    database = open_database(args.db)
    try:
        info = database_info(database)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps({
            "location": info.location,
            "engine": info.engine,
            "schema_revision": info.schema_revision,
            "counts": info.counts,
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_("Database: {location} ({engine})").format(location=info.location, engine=info.engine))
    print(_("Schema version: {revision}").format(revision=info.schema_revision))
    width = max(len(_(label)) for label in COUNT_LABELS.values())
    for key, count in info.counts.items():
        print(f"{_(COUNT_LABELS[key]) + ':':<{width + 1}} {format_number(count):>10}")
    return EXIT_OK


def _sqlite_path(args: argparse.Namespace) -> Path:
    from skimlll_desktop.services.database import resolve_location
    from skimlll_desktop.services.errors import DatabaseProblem

    location = resolve_location(args.db)
    if location.path is None:
        raise DatabaseProblem(
            DatabaseProblem.NOT_SUPPORTED,
            _("Backups of a database on a server are made by the server's administrator "
              "(pg_dump); this command works with database files."),
        )
    return location.path


def cmd_backup(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.backup import backup_database
    from skimlll_desktop.services.database import resolve_location, schema_state

    path = _sqlite_path(args)
    if not path.exists():
        _err(_("The database {path} does not exist.").format(path=path))
        return EXIT_USAGE
    schema_state(resolve_location(path))
    target = backup_database(path, args.out.expanduser().resolve())
    print(_("Backup saved: {path}").format(path=target))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.backup import restore_database
    from skimlll_desktop.services.database import open_database

    path = _sqlite_path(args)
    safety = restore_database(path, args.source.expanduser().resolve())
    open_database(path, backup=False).dispose()  # brings an older backup up to date
    print(_("Database restored from {source}.").format(source=args.source))
    if safety is not None:
        print(_("The previous content was kept in {path}").format(path=safety))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.demo import generate_demo
    from skimlll_desktop.services.jobs import Progress, run_job

    def show(progress: Progress) -> None:
        if sys.stderr.isatty():
            print(f"\r{progress.message} {progress.fraction:4.0%}", end="", file=sys.stderr)

    database = open_database(args.db)
    try:
        counts = run_job(generate_demo(database, args.size), show)
        if args.size == "small":
            import random
            from datetime import date

            from skimlll_desktop.services.demo_competition import add_competition_demo

            add_competition_demo(database, random.Random(2026), date.today())
    finally:
        database.dispose()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(_("Demo data added: {organizations} organizations, {people} people, {events} events, "
            "{registrations} registrations.").format(
        organizations=format_number(counts.organizations),
        people=format_number(counts.people),
        events=format_number(counts.events),
        registrations=format_number(counts.registrations),
    ))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.jobs import run_job
    from skimlll_desktop.services.partner_import import (
        ImportResult,
        preview_partner_import,
        write_import_report,
    )
    from skimlll_desktop.services.partner_writing import apply_partner_import

    database = open_database(args.db)
    try:
        preview = run_job(preview_partner_import(database, args.file, args.sheet))
        if args.dry_run:
            result = ImportResult(preview.count("create"), preview.count("update"),
                                  preview.count("skip"), tuple(preview.problems))
        else:
            result = run_job(apply_partner_import(database, preview))
        if args.report:
            write_import_report(preview, args.report)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        for problem in result.problems:
            where = _("row {row}").format(row=problem.row)
            if problem.column:
                where = f"{where}, {problem.column}"
            print(f"{where}: {problem.message}")
        template = (_("Dry run, nothing written: {imported} new, {updated} to update, "
                      "{skipped} skipped.") if args.dry_run else
                    _("Imported {imported} new, updated {updated}, skipped {skipped}."))
        print(template.format(imported=result.imported, updated=result.updated,
                              skipped=result.skipped))
    return EXIT_PROBLEMS if result.skipped else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.attendance import export_attendance
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.events import find_event_id
    from skimlll_desktop.services.registry_export import export_partners, export_people

    database = open_database(args.db)
    try:
        out = args.out.expanduser()
        if args.what == "attendance":
            path = export_attendance(database, find_event_id(database, args.event), out)
        elif args.what == "partners":
            path = export_partners(database, out)
        else:
            path = export_people(database, out)
    finally:
        database.dispose()
    print(_("Saved: {path}").format(path=path))
    return EXIT_OK


def cmd_events(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.events import EventQuery, list_events

    database = open_database(args.db)
    try:
        rows = list_events(database, EventQuery(year=args.year))
    finally:
        database.dispose()
    if args.json:
        print(json.dumps([{
            "uuid": str(row.uuid), "title": row.title, "type": row.type,
            "start": row.starts_on.isoformat(), "sessions": row.sessions,
            "registered": row.registered, "attended": row.attended,
        } for row in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        print(f"{row.starts_on.isoformat()}  {row.type_label:<28} {row.title}  "
              f"({row.attended}/{row.registered})  {row.uuid}")
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    if args.what == "certificates":
        return _print_certificates(args)
    from skimlll_desktop.services.attendance_list import (
        AttendanceListOptions,
        build_attendance_list,
    )
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.events import find_event_id

    database = open_database(args.db)
    try:
        options = AttendanceListOptions(session_number=args.session, blank_rows=args.blank_rows)
        path = build_attendance_list(database, find_event_id(database, args.event),
                                     args.out.expanduser(), options)
    finally:
        database.dispose()
    print(_("Saved: {path}").format(path=path))
    return EXIT_OK


def _print_certificates(args: argparse.Namespace) -> int:
    from skimlll_desktop.models import DocumentKind
    from skimlll_desktop.services.certificate_templates import default_template
    from skimlll_desktop.services.certificates import (
        IssueRequest,
        event_recipients,
        issue_documents,
    )
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.events import find_event_id
    from skimlll_desktop.services.jobs import run_job

    database = open_database(args.db)
    try:
        event_id = find_event_id(database, args.event)
        kind = DocumentKind(args.kind)
        recipients = event_recipients(database, event_id, all_sessions=args.all_sessions)
        request = IssueRequest(
            kind=kind, template_id=default_template(database, kind).id or 0,
            recipients=recipients, event_id=event_id, out_pdf=args.out.expanduser(),
            per_person_dir=args.per_person_dir.expanduser() if args.per_person_dir else None)
        result = run_job(issue_documents(database, request))
    finally:
        database.dispose()
    if args.json:
        print(json.dumps([{"number": page.number, "person_uuid": page.person_uuid,
                           "name": page.name} for page in result.pages],
                         ensure_ascii=False, indent=2))
    else:
        print(_("Issued {count} documents: {first} – {last}. Saved: {path}").format(
            count=len(result.pages), first=result.pages[0].number,
            last=result.pages[-1].number, path=result.out_pdf))
    return EXIT_OK


def cmd_competition(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.database import open_database

    database = open_database(args.db)
    try:
        if args.what == "ranking":
            return _competition_ranking(database, args)
        if args.what == "export":
            from skimlll_desktop.services.scoring_sheets import export_scoring_sheets

            path = export_scoring_sheets(database, args.year, args.out.expanduser())
        elif args.what == "protocol":
            from skimlll_desktop.services.competition_protocol import write_protocol

            path = write_protocol(database, args.year, args.out.expanduser())
        else:
            return _import_scores(database, args)
    finally:
        database.dispose()
    print(_("Saved: {path}").format(path=path))
    return EXIT_OK


def _competition_ranking(database, args: argparse.Namespace) -> int:
    from skimlll_desktop.services.competition import competition_ranking

    ranking = competition_ranking(database, args.year)
    if args.json:
        print(json.dumps({category: [{
            "rank": e.rank, "gmina_teryt": e.gmina_teryt, "gmina": e.gmina,
            "score": str(e.score) if e.score is not None else None,
            "jurors_scored": e.jurors_scored, "tie": e.tie} for e in entries]
            for category, entries in ranking.items()}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for category, entries in ranking.items():
        print(f"== {category} ==")
        for e in entries:
            mark = f"  ({_('tie')})" if e.tie else ""
            print(f"{e.rank:>3}. {e.gmina:<28} {e.score if e.score is not None else '—':>8}"
                  f"{mark}")
    return EXIT_OK


def _import_scores(database, args: argparse.Namespace) -> int:
    from skimlll_desktop.services.scoring_sheets import (
        apply_scoring_sheets,
        read_scoring_sheets,
    )

    preview = read_scoring_sheets(database, args.year, args.file.expanduser())
    added, changed = (preview.new, preview.changed) if args.dry_run else \
        apply_scoring_sheets(database, preview)
    skipped = len(preview.problems)
    result = {"imported": added, "updated": changed, "skipped": skipped,
              "problems": [{"row": p.row, "column": p.column, "message": p.message}
                           for p in preview.problems]}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for problem in preview.problems:
            where = _("row {row}").format(row=problem.row)
            if problem.column:
                where = f"{where}, {problem.column}"
            print(f"{where}: {problem.message}")
        print(_("Scores: {new} new, {changed} changed, {skipped} problems.").format(
            new=added, changed=changed, skipped=skipped))
    return EXIT_PROBLEMS if skipped else EXIT_OK


VERDICTS = {
    "valid": N_("VALID"),
    "revoked": N_("REVOKED"),
    "replaced": N_("REPLACED by a corrected document"),
    "unknown": N_("UNKNOWN: there is no document with this number"),
    "forged": N_("FORGED: the code does not match the number"),
}


def cmd_verify(args: argparse.Namespace) -> int:
    from skimlll_desktop.i18n import format_date
    from skimlll_desktop.services.certificates import Verdict, verify
    from skimlll_desktop.services.database import open_database

    database = open_database(args.db)
    try:
        result = verify(database, args.number, args.code)
    finally:
        database.dispose()
    print(f"{result.number}: {_(VERDICTS[result.verdict.value])}")
    if result.holder:
        print(_("Holder: {holder}").format(holder=result.holder))
        print(_("Concerns: {subject}").format(subject=result.subject))
        if result.issued_on:
            print(_("Issued on: {date}").format(date=format_date(result.issued_on)))
    if result.replaced_by:
        print(_("Replaced by: {number}").format(number=result.replaced_by))
    if result.reason:
        print(_("Reason: {reason}").format(reason=result.reason))
    return EXIT_OK if result.verdict is Verdict.VALID else EXIT_PROBLEMS


def cmd_checkin(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.checkin import check_in
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.errors import RecordNotFoundError
    from skimlll_desktop.services.events import NotRegisteredError, find_event_id
    from skimlll_desktop.services.registry import find_person_id

    database = open_database(args.db)
    try:
        event_id = find_event_id(database, args.event)
        try:
            person_id = find_person_id(database, args.person)
        except RecordNotFoundError as problem:
            _err(problem.message)
            return EXIT_PROBLEMS
        try:
            result = check_in(database, event_id, person_id, args.session, args.walk_in)
        except NotRegisteredError as problem:
            _err(problem.message)
            return EXIT_PROBLEMS
    finally:
        database.dispose()
    template = (_("{name} was already checked in.") if result.already
                else _("{name} checked in."))
    print(template.format(name=result.person_name), _("Present: {present} of {registered}.")
          .format(present=result.counter.present, registered=result.counter.registered))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from skimlll_desktop.services.database import open_database
    from skimlll_desktop.services.search import search_records

    database = open_database(args.db)
    try:
        with database.transaction() as session:
            hits = search_records(session, args.text, limit=args.limit)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps([{"kind": hit.kind, "uuid": str(hit.uuid), "name": hit.name}
                          for hit in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(f"{hit.name}\t{hit.detail}\t{hit.uuid}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from skimlll_desktop.app import main as gui_main

    return gui_main(args.db)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "info": cmd_info,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "demo": cmd_demo,
    "gui": cmd_gui,
    "import": cmd_import,
    "export": cmd_export,
    "search": cmd_search,
    "events": cmd_events,
    "print": cmd_print,
    "checkin": cmd_checkin,
    "verify": cmd_verify,
    "competition": cmd_competition,
}


def _log_unexpected() -> Path | None:
    import logging
    import traceback

    try:
        from skimlll_desktop.paths import user_data_dir

        log = user_data_dir() / "skimlll.log"
        logging.basicConfig(filename=log, level=logging.INFO)
        logging.getLogger("skimlll").error("unexpected error\n%s", traceback.format_exc())
        return log
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    command = COMMANDS[args.command or "gui"]
    from skimlll_desktop.services.errors import UserFacingError
    from skimlll_desktop.services.excel_reading import UnreadableWorkbook

    try:
        return command(args)
    except UnreadableWorkbook as problem:
        _err(problem.message)
        return EXIT_USAGE
    except UserFacingError as problem:
        _err(problem.message)
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err(_("Interrupted."))
        return EXIT_PROBLEMS
    except BrokenPipeError:  # the reader went away (skimlll … | head): nothing to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # last resort: one line for the user, details in the log
        from skimlll_desktop.services.environment_problems import environment_problem

        log = _log_unexpected()
        _err(environment_problem(error) or _(
            "Unexpected error: {error}. Details were written to {log}.").format(
            error=type(error).__name__, log=log))
        return EXIT_PROBLEMS
