"""Writing many rows in one statement, however many: the rows travel as one JSON parameter and the
database unpacks them (``INSERT … SELECT … FROM`` the JSON array), constant columns bound once beside
them. ``bulk_create`` would prepare every field of every row through the SQL compiler and split them
into batches on SQLite, so a writer's query count would grow with its rows (the reminder scan, the
activity tallies: bench/RESULTS.md, issue 14)."""

import json
from datetime import date

from django.db import connection


def insert_many(model, columns: list[str], rows: list, *, constants: dict | None = None, on_conflict: str) -> None:
    """INSERT ``rows`` into ``model``'s table, each holding the values of ``columns`` (attnames;
    integers, text and dates), with ``constants`` (attname → value, the same for every row);
    ``on_conflict``: what follows ``ON CONFLICT`` ("DO NOTHING", or a target and DO UPDATE SET … in
    which ``excluded`` names the row offered). PostgreSQL and SQLite."""
    if not rows:
        return
    constants = constants or {}
    meta = model._meta
    varying = [meta.get_field(name) for name in columns]
    fixed = [meta.get_field(name) for name in constants]
    quote = connection.ops.quote_name
    quoted = ", ".join(quote(f.column) for f in [*varying, *fixed])
    payload = json.dumps(rows, default=date.isoformat, separators=(",", ":"))
    params = [f.get_db_prep_save(constants[f.attname], connection) for f in fixed]
    if connection.vendor == "postgresql":
        values = [f"(r->>{i})::{f.db_type(connection)}" for i, f in enumerate(varying)]
        values += [f"%s::{f.db_type(connection)}" for f in fixed]
        source = "jsonb_array_elements(%s::jsonb) AS r"
    elif connection.vendor == "sqlite":
        values = [f"json_extract(value, '$[{i}]')" for i in range(len(varying))] + ["%s" for _f in fixed]
        source = "json_each(%s) WHERE true"  # "WHERE": SQLite's parser then reads ON CONFLICT as the upsert's
    else:
        raise NotImplementedError(connection.vendor)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({quoted}) SELECT {', '.join(values)} "  # noqa: S608 - names from the model
        f"FROM {source} ON CONFLICT {on_conflict}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, payload])
