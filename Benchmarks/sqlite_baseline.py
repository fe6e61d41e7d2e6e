#!/usr/bin/env python3
"""SQLite baseline for accord-bench.

Does the same work as an Accord store benchmark with Python's standard sqlite3 module (WAL
journal mode) and prints one JSON object: name, count, seconds, rate. accord-bench runs it and
prints its own line with ``baseline`` and ``ratio``; run it by hand to see SQLite alone:

    python3 Benchmarks/sqlite_baseline.py --count 100000 --batch 100 --payload 200 \
        --synchronous full --db /tmp/baseline.sqlite

Rows mirror journal records: an integer position (the rowid), the lead, a unique idempotency
key (indexed, as the journal dedupes by key) and an opaque payload of ``--payload`` bytes.
Only the inserts (or the scan) are timed; making the rows and opening the database are not.
"""

import argparse
import json
import os
import random
import sqlite3
import sys
import threading
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
    lead TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    payload BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_lead ON events (lead, position);
"""

INSERT = "INSERT INTO events (lead, idempotency_key, payload) VALUES (?, ?, ?)"


def connect(path, synchronous):
    """A connection in autocommit mode (we issue BEGIN/COMMIT), WAL, the given sync level."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=600, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=" + synchronous.upper())
    return connection


def make_rows(count, writers, payload, seed=0x5EED):
    """Deterministic rows, split among writers: about 20 events per lead, like accord-bench."""
    generator = random.Random(seed)
    per_writer = [count // writers + (1 if w < count % writers else 0) for w in range(writers)]
    rows = []
    for writer, share in enumerate(per_writer):
        leads = max(1, share // 20)
        rows.append([
            ("lead-%d-%d" % (writer, generator.randrange(leads)),
             "evt-%d-%d-%016x" % (writer, index, generator.getrandbits(64)),
             generator.randbytes(payload))
            for index in range(share)
        ])
    return rows


def remove_database(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def insert(arguments):
    rows = make_rows(arguments.count, arguments.writers, arguments.payload)
    setup = connect(arguments.db, arguments.synchronous)
    setup.executescript(SCHEMA)
    setup.close()
    connections = [connect(arguments.db, arguments.synchronous) for _ in range(arguments.writers)]
    barrier = threading.Barrier(arguments.writers + 1)
    failures = []

    def write(connection, mine):
        barrier.wait()
        try:
            for start in range(0, len(mine), arguments.batch):
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(INSERT, mine[start:start + arguments.batch])
                connection.execute("COMMIT")
        except Exception as error:  # reported after the run
            failures.append(error)

    threads = [threading.Thread(target=write, args=(connections[w], rows[w]))
               for w in range(arguments.writers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    for connection in connections:
        connection.close()
    if failures:
        raise failures[0]
    kind = "wal" if arguments.writers == 1 else "concurrent"
    return "sqlite-%s-%s" % (kind, arguments.synchronous), seconds


def scan(arguments):
    rows = make_rows(arguments.count, 1, arguments.payload)[0]
    setup = connect(arguments.db, "off")
    setup.executescript(SCHEMA)
    setup.execute("BEGIN")
    setup.executemany(INSERT, rows)
    setup.execute("COMMIT")
    setup.close()
    connection = connect(arguments.db, arguments.synchronous)
    started = time.perf_counter()
    seen = 0
    cursor = connection.execute(
        "SELECT position, lead, idempotency_key, payload FROM events ORDER BY position")
    while True:
        page = cursor.fetchmany(4096)
        if not page:
            break
        seen += len(page)
    seconds = time.perf_counter() - started
    connection.close()
    if seen != arguments.count:
        raise RuntimeError("scanned %d rows, expected %d" % (seen, arguments.count))
    return "sqlite-wal-scan", seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operation", choices=("insert", "scan"), default="insert")
    parser.add_argument("--count", type=int, required=True, help="rows to insert or scan")
    parser.add_argument("--batch", type=int, default=1, help="rows per transaction")
    parser.add_argument("--writers", type=int, default=1, help="threads, one connection each")
    parser.add_argument("--payload", type=int, default=200, help="payload bytes per row")
    parser.add_argument("--synchronous", choices=("full", "off"), default="full")
    parser.add_argument("--db", required=True, help="database file (replaced)")
    arguments = parser.parse_args()
    if arguments.count < 1 or arguments.batch < 1 or arguments.writers < 1:
        parser.error("--count, --batch and --writers must be positive")
    directory = os.path.dirname(os.path.abspath(arguments.db))
    os.makedirs(directory, exist_ok=True)
    remove_database(arguments.db)
    try:
        name, seconds = (insert if arguments.operation == "insert" else scan)(arguments)
    finally:
        remove_database(arguments.db)
    print(json.dumps({
        "name": name,
        "count": arguments.count,
        "seconds": seconds,
        "rate": arguments.count / seconds if seconds > 0 else 0,
        "writers": arguments.writers,
        "batchSize": arguments.batch,
        "payloadBytes": arguments.payload,
        "synchronous": arguments.synchronous,
        "sqliteVersion": sqlite3.sqlite_version,
    }))


if __name__ == "__main__":
    sys.exit(main())
