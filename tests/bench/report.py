"""The side-by-side figures of ``make bench``: the assistant against stock Rasa, the ratios and the targets.

``ratios`` divides the assistant's figure by stock's (throughput, latency, memory) or gives
a server's own growth (turn 50 over turn 1, a day-long session over a fresh one);
``targets`` says which of issue 13's targets each run meets; ``table`` is the Markdown table
the README shows; ``machine`` what the figures were measured on.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

LOADS = ("users_1", "users_10", "users_30")
#: ratio name -> (comparison, bound): at 10 users at least 3x stock's throughput, at most half its
#: p95; all servers at most 1.5x its memory (what they hold together: the sum of their proportional
#: set sizes); turn 50 at most 1.2x turn 1.
TARGETS = {
    "throughput_10": (">=", 3.0),
    "p95_10": ("<=", 0.5),
    "memory": ("<=", 1.5),
    "turn50_over_turn1": ("<=", 1.2),
}


def machine() -> dict:
    """Date, cores, CPU model and load average when the figures were taken."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?"
    )
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _ratio(ours: float, theirs: float) -> float:
    return round(ours / theirs, 2) if theirs else float("nan")


def ratios(assistant: dict, stock: dict) -> dict:
    """The assistant's figures over stock's, and each server's own growth with conversation length."""
    result = {}
    for key in LOADS:
        n = key.split("_")[1]
        ours, theirs = assistant["load"][key], stock["load"][key]
        result[f"throughput_{n}"] = _ratio(ours["messages_per_second"], theirs["messages_per_second"])
        result[f"median_{n}"] = _ratio(ours["median_ms"], theirs["median_ms"])
        result[f"p95_{n}"] = _ratio(ours["p95_ms"], theirs["p95_ms"])
    result["memory"] = _ratio(assistant["memory_mib"]["total"], stock["memory_mib"]["total"])
    result["memory_rss"] = _ratio(assistant["memory_mib"]["total_rss"], stock["memory_mib"]["total_rss"])
    result["turn50_over_turn1"] = assistant["turn_growth"]["turn50_over_turn1"]
    result["stock_turn50_over_turn1"] = stock["turn_growth"]["turn50_over_turn1"]
    result["day_long_over_fresh"] = assistant["day_long_session"]["day_long_over_fresh"]
    result["stock_day_long_over_fresh"] = stock["day_long_session"]["day_long_over_fresh"]
    return result


def targets(ratio: dict) -> dict:
    """For each target: the bound, the measured ratio and whether it is met."""
    return {
        name: {
            "target": f"{op} {bound}",
            "measured": ratio[name],
            "met": ratio[name] >= bound if op == ">=" else ratio[name] <= bound,
        }
        for name, (op, bound) in TARGETS.items()
    }


def table(assistant: dict, stock: dict, ratio: dict) -> str:
    """Markdown: one row a figure, the assistant's, stock's and their ratio."""
    rows = [("measure", "assistant", "stock Rasa 3.6", "ratio"), ("---", "---", "---", "---")]
    for key in LOADS:
        n = key.split("_")[1]
        ours, theirs = assistant["load"][key], stock["load"][key]
        rows += [
            (
                f"{n} users: throughput (msg/s)",
                ours["messages_per_second"],
                theirs["messages_per_second"],
                ratio[f"throughput_{n}"],
            ),
            (f"{n} users: median latency (ms)", ours["median_ms"], theirs["median_ms"], ratio[f"median_{n}"]),
            (f"{n} users: p95 latency (ms)", ours["p95_ms"], theirs["p95_ms"], ratio[f"p95_{n}"]),
        ]
    ours, theirs = assistant["memory_mib"], stock["memory_mib"]
    rows += [
        ("memory, all servers together: PSS (MiB)", ours["total"], theirs["total"], ratio["memory"]),
        ("each server's RSS, summed (MiB)", ours["total_rss"], theirs["total_rss"], ratio["memory_rss"]),
    ]
    ours, theirs = assistant["turn_growth"], stock["turn_growth"]
    rows += [
        (
            "1 user, turns 1-10: mean latency (ms)",
            ours["turns_1_10_mean_ms"],
            theirs["turns_1_10_mean_ms"],
            "",
        ),
        (
            "1 user, turns 51-60: mean latency (ms)",
            ours["turns_51_60_mean_ms"],
            theirs["turns_51_60_mean_ms"],
            "",
        ),
        ("turn 50 / turn 1", ours["turn50_over_turn1"], theirs["turn50_over_turn1"], ""),
    ]
    ours, theirs = assistant["day_long_session"], stock["day_long_session"]
    rows += [
        (
            f"after {ours['history_hours']} h of earlier sessions: mean latency (ms)",
            ours["after_a_day_mean_ms"],
            theirs["after_a_day_mean_ms"],
            "",
        ),
        (
            "day-long session / fresh conversation",
            ours["day_long_over_fresh"],
            theirs["day_long_over_fresh"],
            "",
        ),
    ]
    return "\n".join("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)


def verdicts(met: dict) -> str:
    """One line a target: met or not, with the measured ratio."""
    return "\n".join(
        f"{name}: {t['measured']} (target {t['target']}): {'met' if t['met'] else 'NOT met'}"
        for name, t in met.items()
    )
