#!/usr/bin/env python3
"""The shared scoreboard computed with pandas, for `accord-bench scoreboard`.

Reads the journal CSV that the benchmark exports (one row per event:
lead,kind,time,source,campaign,segment,stage,owner,outcome,deal,amount,absorbed; times in whole
seconds since 2001-01-01) and a spend CSV (source,spend), computes the cohort and activity views
sliced by source with the formulas of Documentation/Scoreboard.md, and prints one JSON object:
{"version", "seconds", "readSeconds", "boards": {view: {row label: {KPI: value or null}}}}.

When pandas is missing it is installed with pip (`pip install --user pandas`, else into a
virtual environment under .build/pandas-venv) and the script runs again. Progress of the
installation goes to standard error; standard output carries only the JSON result.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
from datetime import datetime, timezone

REFERENCE = datetime(2001, 1, 1, tzinfo=timezone.utc).timestamp()
GUARD = "ACCORD_PANDAS_INSTALL_TRIED"


def ensure_pandas():
    try:
        import pandas  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get(GUARD):
        sys.exit("pandas is not installed and could not be installed")
    env = dict(os.environ, **{GUARD: "1"})
    print("pandas not found: installing it with pip --user", file=sys.stderr)
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--user", "pandas"]
    if subprocess.run(pip, stdout=sys.stderr, stderr=sys.stderr).returncode == 0:
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "pandas-venv")
    python = os.path.join(root, "bin", "python")
    print(f"pip --user failed: installing pandas into {root}", file=sys.stderr)
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", root], check=True, stdout=sys.stderr)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "pandas"], check=True, stdout=sys.stderr)
    os.execve(python, [python] + sys.argv, env)


ensure_pandas()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

COUNTS = [
    "leads", "mqls", "sqls", "opportunities", "won", "lost", "dealsOpened", "dealsWon", "dealsLost", "openDeals",
    "accepted", "rejected", "recycled", "slaMet", "slaBreached",
]
AMOUNTS = ["pipelineCreated", "revenueWon", "openPipeline", "marketingSourcedRevenue", "cycleSum", "cycleCount"]
FUNNEL = {"mql": 0, "sql": 1, "opportunity": 2, "won": 3, "lost": 4}


def seconds_since_reference(day):
    return datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp() - REFERENCE


def facts(df):
    """Per-person facts: attributes, funnel times, first touch, and the event tables."""
    merged = df[df.kind == "merged"]
    survivor_of = pd.Series(merged.lead.values, index=merged.absorbed.values)
    df = df.assign(person=df.lead.map(survivor_of).fillna(df.lead))
    captured = df[df.kind == "captured"]
    people = captured.groupby("person").time.min().rename("created").to_frame()
    own = captured[captured.lead == captured.person].drop_duplicates("person").set_index("person")
    people["source"] = own.source.reindex(people.index).fillna("(none)")

    entries = df[(df.kind.isin(["stage", "captured"])) & df.stage.isin(FUNNEL.keys())]
    entries = pd.DataFrame({"person": entries.person, "index": entries.stage.map(FUNNEL), "time": entries.time})
    opened = df[df.kind == "opp-opened"]
    closed = df[df.kind == "opp-closed"]
    entries = pd.concat([
        entries,
        pd.DataFrame({"person": opened.person, "index": 2, "time": opened.time}),
        pd.DataFrame({"person": closed.person, "index": np.where(closed.outcome == "won", 3, 4), "time": closed.time}),
    ])
    first = entries.groupby(["person", "index"]).time.min().unstack().reindex(people.index)
    first = first.reindex(columns=range(5))
    people["r4"] = first[4]
    people["r3"] = first[3]
    people["r2"] = first[[2, 3, 4]].min(axis=1)
    people["r1"] = pd.concat([first[1], people.r2], axis=1).min(axis=1)
    people["r0"] = pd.concat([first[0], people.r1], axis=1).min(axis=1)

    touches = df[df.kind == "touched"][["person", "time"]].join(people.r0, on="person")
    touches = touches[touches.time >= touches.r0]
    people["firstTouch"] = touches.groupby("person").time.min().reindex(people.index)

    updates = df[(df.kind == "opp-updated") & df.amount.notna()].drop_duplicates("deal", keep="last")
    deals = pd.DataFrame({"person": opened.person.values, "deal": opened.deal.values,
                          "openedAt": opened.time.values, "amount": opened.amount.values})
    deals["amount"] = deals.deal.map(pd.Series(updates.amount.values, index=updates.deal.values)).fillna(deals.amount)
    closing = closed.drop_duplicates("deal", keep="last").set_index("deal")
    deals["closedAt"] = deals.deal.map(closing.time)
    deals["won"] = deals.deal.map(closing.outcome) == "won"
    deals["closedAmount"] = deals.deal.map(closing.amount).fillna(0.0)
    dispositions = df[df.kind == "disposition"][["person", "time", "outcome"]]
    sla = df[df.kind.isin(["sla-met", "sla-breached"])][["person", "time", "kind"]]
    return people, deals, dispositions, sla


def nearest_rank(q, values):
    rank = math.ceil(q * len(values))
    return values[min(max(rank, 1), len(values)) - 1]


def ratio(part, whole):
    return None if whole == 0 else part / whole


def view(people, deals, dispositions, sla, start, end, cohort, spend, sales_sources):
    def inside(times):
        return (times >= start) & (times < end)

    if cohort:
        people = people[inside(people.created)]
        keep = set(people.index)
        deals = deals[deals.person.isin(keep)]
        dispositions = dispositions[dispositions.person.isin(keep)]
        sla = sla[sla.person.isin(keep)]
    per = pd.DataFrame(index=people.index)
    counted = (lambda t: t.notna()) if cohort else inside
    per["leads"] = 1 if cohort else inside(people.created).astype(int)
    for name, column in [("mqls", "r0"), ("sqls", "r1"), ("opportunities", "r2"), ("won", "r3"), ("lost", "r4")]:
        per[name] = counted(people[column]).astype(int)

    opened = deals if cohort else deals[inside(deals.openedAt)]
    per["dealsOpened"] = opened.groupby("person").size()
    per["pipelineCreated"] = opened.groupby("person").amount.sum()
    closed = deals[deals.closedAt.notna()]
    if not cohort:
        closed = closed[inside(closed.closedAt)]
    won = closed[closed.won]
    per["dealsWon"] = won.groupby("person").size()
    per["revenueWon"] = won.groupby("person").closedAmount.sum()
    per["dealsLost"] = closed[~closed.won].groupby("person").size()
    per["cycleSum"] = ((won.closedAt - won.openedAt) / 86_400).groupby(won.person).sum()
    per["cycleCount"] = won.groupby("person").size()
    won_days = pd.DataFrame({
        "person": won.person,
        "cycle": (won.closedAt - won.openedAt) / 86_400,
        "creation": (won.closedAt - won.person.map(people.created)) / 86_400,
    })
    marketing = ~people.source.isin(sales_sources) & (people.source != "(none)")
    per["marketingSourcedRevenue"] = won.groupby("person").closedAmount.sum().reindex(per.index).where(marketing)
    if cohort:
        still_open = deals[deals.closedAt.isna()]
    else:
        still_open = deals[(deals.openedAt < end) & (deals.closedAt.isna() | (deals.closedAt >= end))]
    per["openDeals"] = still_open.groupby("person").size()
    per["openPipeline"] = still_open.groupby("person").amount.sum()
    disposed = dispositions if cohort else dispositions[inside(dispositions.time)]
    for name in ["accepted", "rejected", "recycled"]:
        per[name] = disposed[disposed.outcome == name].groupby("person").size()
    timed = sla if cohort else sla[inside(sla.time)]
    per["slaMet"] = timed[timed.kind == "sla-met"].groupby("person").size()
    per["slaBreached"] = timed[timed.kind == "sla-breached"].groupby("person").size()
    touched = people.firstTouch.notna() & (True if cohort else inside(people.firstTouch))
    per["delay"] = (people.firstTouch - people.r0).where(touched)
    per = per.fillna({name: 0 for name in COUNTS + AMOUNTS})
    nonempty = per[COUNTS + ["cycleCount"]].sum(axis=1) + per.delay.notna() > 0
    per = per[nonempty]
    per["source"] = people.source.reindex(per.index)

    def row(frame, spent):
        sums = frame[COUNTS + AMOUNTS].sum()
        value = {name: float(sums[name]) for name in COUNTS}
        for name in ["pipelineCreated", "revenueWon", "openPipeline", "marketingSourcedRevenue"]:
            value[name] = float(sums[name])
        value["leadToMQL"] = ratio(value["mqls"], value["leads"])
        value["mqlToSQL"] = ratio(value["sqls"], value["mqls"])
        value["sqlToOpportunity"] = ratio(value["opportunities"], value["sqls"])
        value["opportunityToWon"] = ratio(value["won"], value["opportunities"])
        value["leadToOpportunity"] = ratio(value["opportunities"], value["leads"])
        value["leadToWon"] = ratio(value["won"], value["leads"])
        value["winRate"] = ratio(value["dealsWon"], value["dealsWon"] + value["dealsLost"])
        value["averageDealSize"] = ratio(value["revenueWon"], value["dealsWon"])
        value["salesCycleDays"] = ratio(float(sums["cycleSum"]), float(sums["cycleCount"]))
        velocity = None
        if value["winRate"] is not None and value["averageDealSize"] is not None and value["salesCycleDays"]:
            velocity = value["openDeals"] * value["winRate"] * value["averageDealSize"] / value["salesCycleDays"]
        value["pipelineVelocity"] = velocity
        days = won_days[won_days.person.isin(frame.index)]
        cycles = np.sort(days.cycle.to_numpy())
        value["salesCycleMedianDays"] = float(nearest_rank(0.5, cycles)) if len(cycles) else None
        value["salesCycleP90Days"] = float(nearest_rank(0.9, cycles)) if len(cycles) else None
        creations = np.sort(days.creation.to_numpy())
        value["creationToWonDays"] = float(creations.mean()) if len(creations) else None
        value["creationToWonMedianDays"] = float(nearest_rank(0.5, creations)) if len(creations) else None
        value["creationToWonP90Days"] = float(nearest_rank(0.9, creations)) if len(creations) else None
        value["acceptanceRate"] = ratio(value["accepted"], value["accepted"] + value["rejected"])
        value["slaAttainment"] = ratio(value["slaMet"], value["slaMet"] + value["slaBreached"])
        delays = np.sort(frame.delay.dropna().to_numpy())
        value["firstTouches"] = float(len(delays))
        value["mqlToFirstTouchMedianSeconds"] = float(nearest_rank(0.5, delays)) if len(delays) else None
        value["mqlToFirstTouchP90Seconds"] = float(nearest_rank(0.9, delays)) if len(delays) else None
        value["spend"] = spent
        value["costPerClosedDeal"] = spent / value["dealsWon"] if spent is not None and value["dealsWon"] > 0 else None
        return value

    rows = {"total": row(per, float(sum(spend.values())))}
    for source, frame in per.groupby("source"):
        rows[source] = row(frame, float(spend.get(source, 0.0)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", required=True)
    parser.add_argument("--spend", required=True)
    parser.add_argument("--period-start", required=True, help="first day, YYYY-MM-DD (UTC)")
    parser.add_argument("--period-end", required=True, help="the day after the last, YYYY-MM-DD (UTC)")
    parser.add_argument("--sales-sources", default="outbound,sales,sdr,partner-referral")
    arguments = parser.parse_args()

    started = time.perf_counter()
    df = pd.read_csv(
        arguments.csv,
        dtype={"lead": str, "kind": str, "time": np.int64, "source": str, "campaign": str, "segment": str,
               "stage": str, "owner": str, "outcome": str, "deal": str, "amount": float, "absorbed": str})
    spend_table = pd.read_csv(arguments.spend, dtype={"source": str, "spend": float})
    spend = spend_table.groupby("source").spend.sum().to_dict()
    read = time.perf_counter() - started

    started = time.perf_counter()
    start = seconds_since_reference(arguments.period_start)
    end = seconds_since_reference(arguments.period_end)
    sales_sources = set(arguments.sales_sources.split(","))
    people, deals, dispositions, sla = facts(df)
    boards = {
        name: view(people, deals, dispositions, sla, start, end, name == "cohort", spend, sales_sources)
        for name in ["cohort", "activity"]
    }
    seconds = time.perf_counter() - started
    json.dump({"version": pd.__version__, "seconds": seconds, "readSeconds": read, "boards": boards}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
