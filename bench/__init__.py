"""Benchmarks of Versus: ``python -m bench.run`` (``make bench``); see ``bench/run.py``."""
