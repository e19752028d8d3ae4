"""Latency of the per-conversation social-map lookup at national scale.

Loads 342 municipalities x 20 services (plus a few national ones) into a database and times
``find_services`` over many random lookups, one session per lookup as in a conversation.

    .venv/bin/python benchmarks/socialmap_lookup.py                       # temp SQLite
    .venv/bin/python benchmarks/socialmap_lookup.py \\
        --url postgresql://postgres@127.0.0.1:5432/test                  # throw-away schema

Target: p95 <= 5 ms on both backends.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.geo import default_registry
from bot.socialmap import store, vocab
from bot.socialmap.lookup import find_services
from bot.socialmap.records import MapData, Origin
from bot.socialmap.validation import validate
from bot.storage import migrate
from bot.storage.db import get_engine

TODAY = date(2026, 11, 23)
LANGUAGES = ("nl", "en", "tr", "ar", "pl")
ORIGIN = Origin("benchmark")


def _service(
    data: MapData, rng: random.Random, code: str, number: int, routes: list[str], scope: str
) -> None:
    """One service with an organisation, an area, two languages, a contact and two phones."""
    sid = f"{code}-s{number:02d}"
    oid = f"{code}-o{number:02d}"
    data.add("organization", {"id": oid, "name": f"Organisatie {sid}"}, ORIGIN)
    kinds = rng.sample(vocab.HELP_KINDS, 3)
    verified = TODAY - timedelta(days=rng.randint(0, 400))
    service = {
        "id": sid,
        "organization_id": oid,
        "name": f"Dienst {sid}",
        "help_kinds": kinds,
        "not_done": [k for k in ("debt_settlement", "income_management") if k not in kinds],
        "routes": routes,
        "waiting_days": rng.randint(0, 30),
        "municipal_desk": routes[0] in ("professional", "urgent"),
        "last_verified_at": verified.isoformat(),
        "verified_by": "benchmark",
        "is_example": True,
    }
    data.add("service", service, ORIGIN)
    area = {"id": f"{sid}-a", "service_id": sid, "scope": scope}
    if scope != "national":
        area["municipality_code"] = code
    data.add("service_area", area, ORIGIN)
    for language in sorted({"nl", rng.choice(LANGUAGES)}):
        row = {"id": f"{sid}-l-{language}", "service_id": sid, "code": language}
        data.add("language", row, ORIGIN)
    data.add("contact", {"id": f"{sid}-c", "service_id": sid, "name": f"Contact {sid}"}, ORIGIN)
    digits = f"{int(code[2:]) % 1000:03d}{number:02d}"
    for suffix, contact, last in (("p", None, "10"), ("cp", f"{sid}-c", "11")):
        phone = {"id": f"{sid}-{suffix}", "service_id": sid, "contact_id": contact}
        phone["number"] = f"030-{digits}{last}"
        data.add("phone", phone, ORIGIN)


def build_map(seed: int, per_municipality: int) -> MapData:
    """342 x ``per_municipality`` services: a desk, an urgent line, the rest volunteers etc."""
    rng = random.Random(seed)
    data = MapData()
    for municipality in default_registry():
        code = municipality.code
        _service(data, rng, code, 0, ["professional"], "local")
        _service(data, rng, code, 1, ["urgent"], "local")
        for number in range(2, per_municipality):
            routes = rng.choice([["volunteer"], ["volunteer", "self_help"], ["self_help"]])
            _service(data, rng, code, number, routes, "local")
    for number in range(5):  # national lines, offered everywhere
        _service(data, rng, "NL0000", number, ["self_help", "volunteer"], "national")
    return data


def _postgres_schema(url: str) -> tuple[str, str]:
    schema = f"wegwijs_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, future=True)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}", schema


def _drop_schema(url: str, schema: str) -> None:
    admin = create_engine(url, future=True)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def run(url: str, lookups: int, per_municipality: int, seed: int) -> dict[str, float]:
    migrate.upgrade(url)
    engine = get_engine(url)
    started = time.perf_counter()
    with Session(engine, future=True) as session, session.begin():
        data = validate(session, build_map(seed, per_municipality), today=TODAY)
        store.save(session, data)
    load_seconds = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    rng = random.Random(seed + 1)
    codes = [m.code for m in default_registry()]
    routes = ["volunteer"] * 5 + ["self_help"] * 2 + ["professional"] * 2 + ["urgent"]
    timings: list[float] = []
    checkouts: list[float] = []
    for index in range(lookups + 50):
        kwargs = {
            "municipality_code": rng.choice(codes),
            "route": rng.choice(routes),
            "language": rng.choice(LANGUAGES),
            "needs": rng.sample(vocab.HELP_KINDS, rng.randint(0, 2)),
            "urgent": rng.random() < 0.1,
            "today": TODAY,
        }
        with Session(engine, future=True) as session:
            started = time.perf_counter()
            session.connection()  # pool checkout (and pre-ping): the engine's cost, not ours
            before = time.perf_counter()
            find_services(session, **kwargs)
            elapsed = time.perf_counter() - before
            session.rollback()  # gaps of synthetic lookups are not kept
        if index >= 50:  # warm-up
            timings.append(elapsed * 1000)
            checkouts.append((before - started) * 1000)
    quantiles = statistics.quantiles(timings, n=100)
    return {
        "services": len(data.rows["service"]),
        "load_s": load_seconds,
        "lookups": len(timings),
        "p50": quantiles[49],
        "p95": quantiles[94],
        "p99": quantiles[98],
        "max": max(timings),
        "checkout_p50": statistics.median(checkouts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--services-per-municipality", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    schema = None
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        base_url = url
        if url.startswith("postgresql"):
            url, schema = _postgres_schema(url)
        try:
            result = run(url, args.lookups, args.services_per_municipality, args.seed)
        finally:
            get_engine(url).dispose()
            if schema:
                _drop_schema(base_url, schema)
    dialect = "postgresql" if schema else "sqlite"
    print(
        f"{dialect}: {result['services']} services loaded in {result['load_s']:.1f} s; "
        f"find_services over {result['lookups']} lookups: p50 {result['p50']:.2f} ms, "
        f"p95 {result['p95']:.2f} ms, p99 {result['p99']:.2f} ms, max {result['max']:.2f} ms "
        f"(plus a connection checkout per session, p50 {result['checkout_p50']:.2f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
