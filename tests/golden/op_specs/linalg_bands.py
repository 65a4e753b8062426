"""Golden cases for tf.linalg's diagonal bands: diag, diag_part and set_diag with
``k=(lower, upper)``, every ``align``, ``padding_value`` and ``num_rows``/``num_cols``.

diag and diag_part are each other's adjoint; set_diag's gradient splits between the
input (outside the band) and the diagonals (their aligned, unpadded entries).
"""

from tests.golden.opcases import Arg, OpCase


def M(*shape, **kw):
    return Arg(shape=shape, **kw)


ALIGNS = ("RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT")

CASES = [
    *(
        OpCase(
            f"diag_band_{align.lower()}",
            f"lambda d: tf.linalg.diag(d, k=(-1, 2), align='{align}')",
            [M(2, 4, 3)],
        )  # fmt: skip
        for align in ALIGNS
    ),
    *(
        OpCase(
            f"diag_part_band_{align.lower()}",
            f"lambda x: tf.linalg.diag_part(x, k=(-2, 1), align='{align}', padding_value=9.0)",
            [M(2, 3, 4)],
        )  # fmt: skip
        for align in ALIGNS
    ),
    *(
        OpCase(
            f"set_diag_band_{align.lower()}",
            f"lambda x, d: tf.linalg.set_diag(x, d, k=(-1, 1), align='{align}')",
            [M(2, 4, 3), M(2, 3, 3)],
        )  # fmt: skip
        for align in ALIGNS
    ),
    OpCase(
        "diag_band_rows_cols_padding",
        "lambda d: tf.linalg.diag(d, k=(-1, 1), num_rows=4, num_cols=3, padding_value=-2.0)",
        [M(3, 3)],
    ),
    OpCase(
        "diag_band_num_rows_only",
        "lambda d: tf.linalg.diag(d, k=(0, 1), num_rows=5)",
        [M(2, 2)],
    ),
    # (k=(-3, -1) on a [3, 2] diagonal builds a 3 x 2 matrix whose diagonal -3 is empty:
    # TF's forward runs, its gradient refuses the bound.)
    OpCase("diag_band_subdiagonals", "lambda d: tf.linalg.diag(d, k=(-2, -1))", [M(2, 2)]),
    OpCase("diag_part_band_wide", "lambda x: tf.linalg.diag_part(x, k=(-2, 3))", [M(3, 4)]),
    OpCase(
        "diag_part_band_tall_superdiagonals",
        "lambda x: tf.linalg.diag_part(x, k=(1, 2), align='LEFT_RIGHT')",
        [M(5, 3)],
    ),
    OpCase("diag_band_equal_pair", "lambda d: tf.linalg.diag(d, k=(1, 1))", [M(2, 2)]),
    OpCase(
        "diag_band_tensor_k",
        "lambda d: tf.linalg.diag(d, k=tf.constant([0, 1]), align='LEFT_LEFT')",
        [M(2, 3)],
    ),
    OpCase(
        "set_diag_band_superdiagonals",
        "lambda x, d: tf.linalg.set_diag(x, d, k=(1, 2), align='LEFT_LEFT')",
        [M(3, 4), M(2, 3)],
    ),
    OpCase(
        "diag_part_band_int32",
        "lambda x: tf.linalg.diag_part(x, k=(-1, 1), padding_value=7)",
        [M(3, 3, dtype="int32", low=-5, high=5)],
    ),
]
