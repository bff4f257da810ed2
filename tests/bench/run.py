"""``make bench``: NLU quality, latency, throughput, memory, training time, recommendation hit rate.

1. Intent accuracy per language, macro-F1, out-of-scope recall and the worst confusions of
   the trained model on the held-out learner messages (``tests/eval/nlu_heldout.yml``, never
   trained on; ``make eval-nlu`` prints the same alone), and the full training time.
2. Per-message latency (median, 95th percentile) and throughput over the REST channel with
   1 and 10 concurrent simulated users, each holding ten-message conversations, against
   the real servers and the trained model, run as ``make run`` runs them (two Rasa
   processes sharing Redis; ``tests/support/servers.py``).
3. Resident memory of the Rasa server (its worker processes and their parent) and the
   action server after the load.
4. The share of the goal evaluation set whose expected credential is in the top three.

Nothing here asserts: the figures are printed (and written to build/bench/results.json).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.config import BUILD_DIR, PROJECT_ROOT
from tests.bench.nlu_eval import evaluate, newest_model
from tests.support.servers import BIN, new_sender, running_servers

OUT = BUILD_DIR / "bench"
MESSAGES = [
    "hi",
    "what credentials do you offer?",
    "what do I need for the SQL badge?",
    "how much does it cost?",
    "does it stack into anything?",
    "how do I enroll in the UX nanodegree",
    "what is a micro-credential",
    "are there free badges?",
    "I want to become a data analyst",
    "where can I get tutoring",
]


def rasa(*args: str) -> None:
    subprocess.run([str(BIN / "rasa"), *args], cwd=PROJECT_ROOT, check=True, capture_output=True)


def nlu_quality() -> dict:
    """The trained model on the held-out learner messages (``tests/bench/nlu_eval.py``)."""
    result = evaluate(newest_model())
    result.pop("misses")
    return result


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


def conversation(servers, rounds: int) -> list[float]:
    """One simulated user: ``rounds`` conversations, each the ten MESSAGES; latencies in ms.

    A conversation is as long as a typical advising chat: Rasa's cost per turn grows with
    the length of the conversation (it re-reads and re-featurises the whole tracker).
    """
    latencies = []
    for _ in range(rounds):
        sender = new_sender()
        for text in MESSAGES:
            started = time.perf_counter()
            servers.chat(text, sender)
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def load(servers, users: int, rounds: int) -> dict:
    started = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        latencies = [
            ms for user in pool.map(lambda _: conversation(servers, rounds), range(users)) for ms in user
        ]
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "users": users,
        "messages": len(latencies),
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "messages_per_second": round(len(latencies) / elapsed, 1),
    }


def resident_mib(pid: int) -> float:
    """Resident memory of a process and its children, in MiB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, StopIteration):
            continue
        pending += [int(c) for c in children]
    return round(total / 1024, 1)


def serving() -> dict:
    with tempfile.TemporaryDirectory() as work, running_servers(Path(work)) as servers:
        conversation(servers, 1)  # warm-up
        results = {"one_user": load(servers, 1, 10), "ten_users": load(servers, 10, 3)}
        results["rasa_server_rss_mib"] = resident_mib(servers.processes["Rasa server"].pid)
        results["action_server_rss_mib"] = resident_mib(servers.processes["action server"].pid)
        return results


def recommendation_share() -> dict:
    from bot.recommend.evaluation import top_three_share

    return {"goals_with_expected_credential_in_top_three": round(top_three_share(), 3)}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    results = {"nlu": nlu_quality(), "full_training_seconds": full_training_seconds()}
    results["serving"] = serving()
    results["recommendations"] = recommendation_share()
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
