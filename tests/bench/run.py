"""``make bench``: NLU quality, training time, and the assistant against stock Rasa 3.6 in one run.

1. Intent accuracy per language, macro-F1, out-of-scope recall and the worst confusions of
   the trained model on the held-out learner messages (``tests/eval/nlu_heldout.yml``, never
   trained on; ``make eval-nlu`` prints the same alone), and the full training time.
2. The assistant's servers as ``make run`` runs them (two Rasa processes sharing Redis, the
   action server, the web service; ``tests/support/servers.py``), then stock Rasa 3.6 as
   ``rasa init`` makes it (``tests/bench/stock.py``, built once), one after the other, each
   driven by the same load generator over the REST channel (``tests/bench/load.py``: 1, 10
   and 30 simulated users holding ten-message conversations): throughput, median and
   95th-percentile latency, and resident memory of all their servers after the load.
3. For both: turn 1 against turn 50 of one conversation, and a session after a day of
   earlier ones (``tests/bench/growth.py``).
4. The side-by-side table, the ratios (assistant over stock) and issue 13's targets
   (``tests/bench/report.py``); the share of the goal evaluation set whose expected
   credential is in the top three.
5. Another institution's catalog through the chat (``tests/bench/catalog_eval.py``): the
   share of its fact questions answered with every fact, and of its careers with a fitting
   credential among the first three recommended (issue 11's targets: each at least 0.95).

Nothing here asserts: the figures are printed and written to build/bench/results.json
(``ratios`` and ``targets`` among them). Run it niced on a quiet machine: another process on
the cores slows both servers, not always equally.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import redis

from bot.config import BUILD_DIR, PROJECT_ROOT
from tests.bench import catalog_eval, report
from tests.bench.growth import day_long_session, turn_growth
from tests.bench.load import loads, memory_mib
from tests.bench.nlu_eval import evaluate, newest_model
from tests.bench.stock import running_stock
from tests.support.servers import BIN, running_servers

OUT = BUILD_DIR / "bench"
#: A sixty-turn conversation types faster than a person: no per-conversation limit in the bench.
UNLIMITED = {"MICROCRED_RATE_LIMIT_CONVERSATION": "100000/60"}


def rasa(*args: str) -> None:
    subprocess.run([str(BIN / "rasa"), *args], cwd=PROJECT_ROOT, check=True, capture_output=True)


def _nlu_quality() -> dict:
    result = evaluate(newest_model())
    result.pop("misses")
    return result


def nlu_quality() -> dict:
    """The trained model on the held-out learner messages (``tests/bench/nlu_eval.py``), in a
    process of its own: a model loaded in this one would stay, and the load generator's threads,
    which share this process, would stop for the garbage collector's walks of it (a Rasa model is
    about half a million objects) in the middle of timing a turn."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as evaluation:
        return evaluation.submit(_nlu_quality).result()


def full_training_seconds() -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        rasa(
            "train",
            "--data",
            "data",
            "build/nlu",
            "--domain",
            "domain.yml",
            "--config",
            "config.yml",
            "--out",
            out,
            "--force",
        )
        return round(time.perf_counter() - started, 1)


def _measured(servers, memory) -> dict:
    """The loads, the memory they leave, and the two growth checks, on one server."""
    results: dict = {"load_average_before": report.machine()["load_average"], "load": loads(servers)}
    results["memory_mib"] = memory()
    results["turn_growth"] = turn_growth(servers)
    results["day_long_session"] = day_long_session(servers)
    results["load_average_after"] = report.machine()["load_average"]
    return results


def _totals(servers) -> dict:
    """``total`` (proportional set sizes: what the servers hold together) and ``total_rss``."""
    servers = list(servers)
    return {
        "total": round(sum(m["pss"] for m in servers), 1),
        "total_rss": round(sum(m["rss"] for m in servers), 1),
    }


def assistant() -> dict:
    with tempfile.TemporaryDirectory() as work, running_servers(Path(work), UNLIMITED) as servers:
        redis_url = servers.launches["Rasa server"][2]["MICROCRED_SOCKETIO_REDIS_URL"]
        redis_pid = int(redis.Redis.from_url(redis_url).info("server")["process_id"])

        def memory() -> dict:
            mib = {name: memory_mib(p.pid) for name, p in servers.processes.items()}
            mib["Redis"] = memory_mib(redis_pid)
            return {**mib, **_totals(mib.values())}

        return _measured(servers, memory)


def stock() -> dict:
    with tempfile.TemporaryDirectory() as work, running_stock(Path(work)) as server:

        def memory() -> dict:
            mib = memory_mib(server.process.pid)
            return {"Rasa server": mib, **_totals([mib])}

        return _measured(server, memory)


def recommendation_share() -> dict:
    from bot.recommend.evaluation import top_three_share

    return {"goals_with_expected_credential_in_top_three": round(top_three_share(), 3)}


def main(argv: list[str]) -> int:
    """Everything; with ``--serving``, only the servers' figures (no NLU evaluation, no training)."""
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": report.machine()}
    if "--serving" not in argv:
        results["nlu"] = nlu_quality()
        results["full_training_seconds"] = full_training_seconds()
    results["assistant"] = assistant()
    results["stock"] = stock()
    results["ratios"] = report.ratios(results["assistant"], results["stock"])
    results["targets"] = report.targets(results["ratios"])
    results["recommendations"] = recommendation_share()
    results["second_catalog"] = catalog_eval.evaluate()
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps(results, indent=2, default=str))
    print()
    print(report.table(results["assistant"], results["stock"], results["ratios"]))
    print()
    print(report.verdicts(results["targets"]))
    second = results["second_catalog"]
    print(
        f"{second['catalog']}: facts answered {second['facts_share']:.3f} of {second['fact_questions']}, "
        f"careers with a fitting credential in the top three {second['career_top3_share']:.3f} "
        f"of {second['career_goals']} (targets: at least 0.95 each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
