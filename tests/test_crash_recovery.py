"""Kill the server in the middle of lifecycle steps: nothing is half-done afterwards.

A separate process moves projects back and forth against a file SQLite database (WAL, as in
production on one machine) and is killed with SIGKILL at a random moment, three times. Then
every project's state must agree with its history (each step's ``from`` is the previous
step's ``to``, the last ``to`` is the state), each step must have its audit event, and
``govit audit verify`` must pass. Each step is one transaction, so a kill loses the step in
flight entirely or keeps it entirely.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "crash_worker.py"
GOVIT = Path(sys.executable).parent / "govit"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'govit.sqlite3'}",
            "GOVIT_VAR_DIR": str(tmp_path),
            "GOVIT_ENV": "development",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _worker(env: dict[str, str], command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WORKER), command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def _run_and_kill(env: dict[str, str], rng: random.Random) -> int:
    """Start the worker, let it take some steps, SIGKILL it; the number of steps it printed."""
    process = subprocess.Popen(
        [sys.executable, str(WORKER), "run"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    try:
        assert process.stdout.readline().strip() == "ready"
        wanted = rng.randint(3, 15)
        seen = 0
        while seen < wanted:
            line = process.stdout.readline()
            assert line, "the worker stopped by itself"
            seen += 1
        time.sleep(rng.uniform(0, 0.2))  # a random moment, most likely inside a step
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return seen


def test_a_killed_server_leaves_no_half_moved_project_and_the_chain_verifies(
    tmp_path: Path,
) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    env = _env(tmp_path)
    _worker(env, "setup")
    printed = sum(_run_and_kill(env, rng) for _round in range(3))
    report = json.loads(_worker(env, "check").stdout)
    assert report["problems"] == [], (seed, report)
    assert report["audit_broken"] is None, (seed, report)
    # Every step the worker reported as done was committed (a kill after the print is fine).
    assert report["steps"] >= printed, (seed, report)
    verified = subprocess.run(
        [str(GOVIT), "audit", "verify"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert verified.returncode == 0, verified.stderr
    assert "audit chain intact" in verified.stdout
