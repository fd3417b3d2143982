"""Test support shared by the tests and `benchmarks/load_test.py`: the fake Bot API server, its HTML checker, the seeds' known facts."""
