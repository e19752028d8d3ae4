"""``wegwijs socialmap ...`` and ``wegwijs geo import-pc4``: keep the social map up to date.

Every write runs in one transaction: a file with any problem prints all of them (file, line or
JSON path, field) and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from bot.cli.errors import CommandError
from bot.config import database_url
from bot.socialmap import exporter, importer, lookup, postcodes, report, vocab
from bot.socialmap.records import SocialMapFileError
from bot.storage.db import get_engine, session_scope


def register(subparsers: argparse._SubParsersAction) -> None:
    socialmap = subparsers.add_parser("socialmap", help="the social map: import, export, report")
    sub = socialmap.add_subparsers(dest="socialmap_command", required=True)
    imp = sub.add_parser("import", help="import an HSDS .json or a coordinators' .csv file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_import)
    exp = sub.add_parser("export", help="export the whole map")
    exp.add_argument("--format", choices=exporter.FORMATS, required=True, dest="fmt")
    exp.add_argument("--out", type=Path, required=True, help="file (or directory) to write")
    exp.set_defaults(func=_export)
    samples = sub.add_parser("load-samples", help="load the fictional sample map (idempotent)")
    samples.set_defaults(func=_load_samples)
    rep = sub.add_parser("report", help="stale entries, coverage and gaps")
    rep.add_argument("--today", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    rep.add_argument("--since", type=_date, default=None, help="count gaps from YYYY-MM-DD")
    rep.add_argument("--json", action="store_true", help="machine-readable output")
    rep.set_defaults(func=_report)
    find = sub.add_parser("find", help="try a lookup (read-only: records no gap)")
    find.add_argument("--municipality", required=True, help="name, CBS code or postcode")
    find.add_argument("--route", choices=vocab.ROUTES, required=True)
    find.add_argument("--language", default="nl")
    find.add_argument("--need", action="append", default=[], choices=vocab.HELP_KINDS)
    find.add_argument("--urgent", action="store_true")
    find.add_argument("--limit", type=int, default=3)
    find.set_defaults(func=_find)
    _register_geo(subparsers)


def _register_geo(subparsers: argparse._SubParsersAction) -> None:
    """Adds ``geo import-pc4`` (and ``geo resolve``), joining a ``geo`` group if one exists."""
    geo = subparsers.choices.get("geo") or subparsers.add_parser(
        "geo", help="municipalities and postcodes"
    )
    actions = [a for a in geo._actions if isinstance(a, argparse._SubParsersAction)]
    geo_sub = actions[0] if actions else geo.add_subparsers(dest="geo_command", required=True)
    pc4 = geo_sub.add_parser("import-pc4", help="import a full PC4 -> municipality table")
    pc4.add_argument("file", type=Path)
    pc4.set_defaults(func=_import_pc4)
    resolve = geo_sub.add_parser("resolve", help="which municipality is this name or postcode")
    resolve.add_argument("text")
    resolve.set_defaults(func=_resolve)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _url() -> str:
    """The configured database, refusing politely when its schema was never migrated."""
    url = database_url()
    if not inspect(get_engine(url)).has_table("service"):
        raise CommandError("the database has no social map tables: run `wegwijs db upgrade`")
    return url


def _file_problems(error: SocialMapFileError) -> CommandError:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    return CommandError(f"{error.file}: {count} problem(s) found, nothing was imported")


def _import_with(args: argparse.Namespace, import_file: Callable[[Session, Path], object]) -> int:
    """Import one file in one transaction; a bad file prints every problem, changes nothing."""
    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such file")
    try:
        with session_scope(_url()) as session:
            result = import_file(session, args.file)
    except SocialMapFileError as error:
        raise _file_problems(error) from None
    print(f"imported {args.file}: {result}")
    return 0


def _import(args: argparse.Namespace) -> int:
    return _import_with(args, importer.import_file)


def _export(args: argparse.Namespace) -> int:
    if not args.out.parent.is_dir():
        raise CommandError(f"{args.out.parent}: no such directory")
    with session_scope(_url()) as session:
        path, warnings = exporter.export_file(session, args.fmt, args.out)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"exported the social map ({args.fmt}) to {path}")
    return 0


def _load_samples(_args: argparse.Namespace) -> int:
    try:
        with session_scope(_url()) as session:
            result = importer.load_samples(session)
    except SocialMapFileError as error:
        raise _file_problems(error) from None
    print(f"sample social map loaded ({importer.SAMPLES_PATH.name}): {result}")
    return 0


def _report(args: argparse.Namespace) -> int:
    try:
        with session_scope(_url()) as session:
            built = report.build_report(session, today=args.today, since=args.since)
    except ValueError as error:  # a bad WEGWIJS_SOCIALMAP_* setting
        raise CommandError(str(error)) from None
    if args.json:
        print(json.dumps(built.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.render_text(built), end="")
    return 0


def _find(args: argparse.Namespace) -> int:
    with Session(get_engine(_url()), future=True) as session:
        try:
            municipality = postcodes.resolve_municipality(session, args.municipality)
            if municipality is None:
                raise CommandError(f"{args.municipality!r} is not a municipality or postcode")
            matches = lookup.find_services(
                session,
                municipality_code=municipality.code,
                route=args.route,
                language=args.language,
                needs=args.need,
                urgent=args.urgent,
                limit=args.limit,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        finally:
            session.rollback()  # a trial lookup is no resident: keep it out of the gaps
    print(f"{municipality.code} {municipality.name}, route {args.route}, language {args.language}")
    for match in matches:
        contact = f"{match.contact_name}, " if match.contact_name else ""
        print(f"  {match.score:7.2f}  {match.service_name} ({match.organization_name})")
        print(f"           {contact}{match.phone or 'no phone'}; {match.reason}")
    if not matches:
        print("  nothing on the map")
    return 0


def _import_pc4(args: argparse.Namespace) -> int:
    return _import_with(args, postcodes.import_pc4)


def _resolve(args: argparse.Namespace) -> int:
    with session_scope(_url()) as session:
        municipality = postcodes.resolve_municipality(session, args.text)
    if municipality is None:
        raise CommandError(f"{args.text!r} is not a municipality or postcode we know")
    print(f"{municipality.code} {municipality.name} ({municipality.province})")
    return 0
