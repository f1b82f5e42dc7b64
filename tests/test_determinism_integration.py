"""The same question gets the same answer in every process (real model, real Chroma).

Python salts string hashes per process (``PYTHONHASHSEED``), so iterating a set of subject
names or stems picks a different order in each run; twice that order decided which side's
sentence led or which sentence a comparison showed ("Which is cheaper to develop with,
Django or Node.js?" differed between two CLI runs). Two CLI processes with different hash
seeds answer the same comparative, pros/cons and fact questions here (written for this
test), and every answer, verdict, collapsed line and citation must match.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

QUESTIONS = [
    "Which is cheaper to develop with, Django or Node.js?",
    "How much more security work does a Node.js app need compared with a Django one?",
    "Django or Node.js for a team that needs a quick prototype?",
    "Which of the two copes better with thousands of open connections?",
    "What are the weak spots of Node.js?",
    "What do people like about Django?",
    "Who created Node.js?",
    "Which companies run Django in production?",
    "When should I avoid Django?",
    "Is Node.js or Django easier for a newcomer?",
]


def _answers(data: Path, seed: str) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "VERSUS_DATA_DIR": str(data),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "ANONYMIZED_TELEMETRY": "False"}
    stdin = "\n".join(json.dumps({"question": q}) for q in QUESTIONS) + "\n"
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "--json", "-"],
                         input=stdin, capture_output=True, text=True, env=env, timeout=600,
                         cwd=Path(__file__).resolve().parents[1], check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    keep = ("question", "answer", "verdict", "more", "citations", "abstained")
    return [{k: r.get(k) for k in keep} for r in rows]


@pytest.mark.integration
def test_two_processes_with_different_hash_seeds_answer_alike(
        ingested_dir: Path, tmp_path: Path) -> None:
    runs = []
    for seed in ("1", "3"):
        data = tmp_path / f"data-{seed}"
        shutil.copytree(ingested_dir, data)  # asking writes matrix caches
        runs.append(_answers(data, seed))
    first, second = runs
    assert len(first) == len(QUESTIONS) == len(second)
    assert all(r["answer"] for r in first)
    for a, b in zip(first, second, strict=True):
        assert a == b, a["question"]
