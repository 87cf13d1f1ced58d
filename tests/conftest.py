"""Shared helpers for the test suite."""

import sys
from pathlib import Path

# The reference cases are plain modules beside the stored reference values.
sys.path.insert(0, str(Path(__file__).parent / "reference"))
