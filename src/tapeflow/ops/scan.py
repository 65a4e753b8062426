"""Cumulative primitives (cumsum, cumprod, ...): filled in by the op library."""
