"""Write the Sobol direction numbers tf.math.sobol_sample uses:
``src/tapeflow/math/_sobol_data.py``.

Runs only under the TensorFlow virtualenv (never a dependency of tapeflow):

    TF_CPP_MIN_LOG_LEVEL=3 /path/to/tf-venv/bin/python tests/golden/make_sobol_data.py

TensorFlow's kernel keeps, per dimension, 31 odd integers m_k (k = 0..30, m_k < 2^(k+1))
and the point at sequence position n is the XOR of m_k / 2^(k+1) over the set bits k of
n's Gray code. Position 2^(k+1) - 1 has the Gray code 2^k alone, so one
``sobol_sample(dim, 1, skip=2^(k+1) - 2, dtype=float64)`` call reads m_k of every
dimension exactly. The numbers of dimension d >= 2 follow Joe and Kuo's recurrence from a
primitive polynomial of degree s with inner coefficients a and the first s numbers, so
the data file keeps only (s, a, m_0..m_{s-1}) per dimension: this script finds s and a,
checks that the recurrence gives all 31 numbers TensorFlow uses, and writes them.

The first DIMS dimensions are kept (TensorFlow has 21200): those with polynomials of
degree <= 13, Joe and Kuo's 1111-dimension table.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

DIMS = 1111
BITS = 31
OUT = Path(__file__).resolve().parents[2] / "src" / "tapeflow" / "math" / "_sobol_data.py"


def tf_direction_numbers(dims: int) -> np.ndarray:
    """m[d, k] for k = 0..30, read from TensorFlow's samples."""
    m = np.zeros((dims, BITS), dtype=np.int64)
    for k in range(BITS):
        if k < 30:
            skip, digits = 2 ** (k + 1) - 2, k + 2
        else:  # the last position TF allows: Gray code bits 30 and 0
            skip, digits = 2**31 - 3, 31
        x = tf.math.sobol_sample(dims, 1, skip=skip, dtype=tf.float64).numpy()[0]
        # TF scales by 1 / (1 << digits) in int32: at 31 digits that is -2^-31.
        scale = -(2.0**31) if digits == 31 else 2.0**digits
        word = np.round(x * scale).astype(np.int64) & 0xFFFFFFFF
        if k == 30:
            word ^= 1 << 30  # remove m_0 = 1 shifted to bit 30
            m[:, k] = word
        else:
            m[:, k] = word >> 1  # m_k << (digits - k - 1) = m_k << 1
    return m


def recurrence(initial: list[int], s: int, a: int) -> list[int]:
    """Joe and Kuo's m_k from degree s, inner coefficients a (bit i-1 is a_i)."""
    m = list(initial)
    for k in range(s, BITS):
        value = m[k - s] ^ (m[k - s] << s)
        for i in range(1, s):
            if (a >> (i - 1)) & 1:
                value ^= m[k - i] << i
        m.append(value)
    return m


def find_polynomial(row: np.ndarray, start: int) -> tuple[int, int]:
    for s in range(start, 20):
        candidates = np.arange(2 ** (s - 1), dtype=np.int64)
        m = np.zeros((candidates.size, BITS), dtype=np.int64)
        m[:, :s] = row[:s]
        for k in range(s, BITS):
            value = m[:, k - s] ^ (m[:, k - s] << s)
            for i in range(1, s):
                value ^= ((candidates >> (i - 1)) & 1) * (m[:, k - i] << i)
            m[:, k] = value
        hits = np.flatnonzero((m == row).all(axis=1))
        if hits.size:
            return s, int(hits[0])
    raise SystemExit("no polynomial reproduces TensorFlow's direction numbers")


def main() -> None:
    m = tf_direction_numbers(DIMS)
    assert (m[0] == 1).all(), "dimension 1 is van der Corput's (every m_k = 1)"
    lines = []
    degree = 1
    for d in range(1, DIMS):
        degree, a = find_polynomial(m[d], degree)
        assert recurrence(m[d, :degree].tolist(), degree, a) == m[d].tolist()
        lines.append(" ".join(str(v) for v in [degree, a, *m[d, :degree].tolist()]))
    text = "\n".join(lines)
    OUT.write_text(
        '"""Sobol direction numbers: one line per dimension from the second on, "s a m_0 ..'
        " m_(s-1)\"\n(the degree and inner coefficients of Joe and Kuo's primitive polynomial,"
        " then the\nfirst s direction integers; the first dimension has every m_k = 1)."
        f" Written by\ntests/golden/make_sobol_data.py from TensorFlow {tf.__version__}'s"
        ' sobol_sample.\n"""\n\n'
        f"DIMS = {DIMS}\n\n"
        f'DIRECTIONS = """\\\n{text}\n"""\n'
    )
    print(f"wrote {DIMS} dimensions to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
