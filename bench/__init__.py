"""Benchmarks of SKiMLLL Desktop against bare baselines (``python -m bench``; see README.md).

Not part of the test suite: nothing here asserts a timing.
"""
