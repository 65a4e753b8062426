"""Golden cases for indexing, gathering, scattering, sorting and searching (issue 3).

TensorFlow returns IndexedSlices gradients for gathers; the harness densifies
them, and tapeflow's dense gradients must equal them.
"""

from tests.golden.opcases import Arg, OpCase

V = Arg(shape=(5,))
M = Arg(shape=(3, 4))
T = Arg(shape=(2, 3, 4))
TIES = "tied values: central differences straddle the tie, so check_grads cannot judge them"


def ints(value):
    return Arg(value=value, dtype="int64", differentiable=False)


CASES = [
    # -- x[...] ---------------------------------------------------------------
    OpCase("getitem_int", "lambda x: x[1]", [M]),
    OpCase("getitem_negative_int", "lambda x: x[-1, -2]", [M]),
    OpCase("getitem_slices", "lambda x: x[1:, ::-2]", [M]),
    OpCase("getitem_negative_step", "lambda x: x[::-1, 3:0:-2]", [M]),
    OpCase("getitem_ellipsis", "lambda x: x[..., 1]", [T]),
    OpCase("getitem_ellipsis_middle", "lambda x: x[0, ..., 1:3]", [T]),
    OpCase("getitem_newaxis", "lambda x: x[:, tf.newaxis, 1:, None]", [M]),
    OpCase("getitem_list_is_tuple", "lambda x: x[[1, 2]]", [M]),
    OpCase("getitem_scalar_tensor", "lambda x: x[tf.constant(2)]", [M]),
    OpCase("getitem_tensor_bounds", "lambda x: x[tf.constant(1) : tf.constant(3), ::2]", [M]),
    OpCase("getitem_out_of_range_slice", "lambda x: x[1:100, -100:2]", [M]),
    OpCase("getitem_empty_slice", "lambda x: x[2:1]", [M]),
    OpCase("getitem_repeated_use", "lambda x: x[0, 0] + x[0, 0] * x[1, 0]", [M]),
    OpCase("getitem_bool_mask", "lambda x: x[x > 0.0]", [M]),
    OpCase(
        "getitem_bool_mask_rows",
        "lambda x: x[np.array([True, False, True])]",
        [M],
    ),
    OpCase("getitem_squared", "lambda x: x[1:, 2] ** 2", [M]),
    OpCase(
        "strided_slice_masks",
        "lambda x: tf.strided_slice(x, [0, 1, 0], [2, 3, 1], [1, -1, 1], begin_mask=1, "
        "end_mask=2, shrink_axis_mask=4)",
        [T],
    ),
    OpCase(
        "strided_slice_ellipsis_newaxis",
        "lambda x: tf.strided_slice(x, [0, 0, 1], [0, 0, 3], [1, 1, 1], ellipsis_mask=1, "
        "new_axis_mask=2)",
        [T],
    ),
    # -- gather / gather_nd / boolean_mask --------------------------------------
    OpCase(
        "gather_rows",
        "lambda x: tf.gather(x, [2, 0])",
        [M],
        note="both gradients are IndexedSlices (compared densified; tests/test_indexed_slices.py)",
    ),
    OpCase("gather_repeated", "lambda x: tf.gather(x, [[1, 1], [0, 1]])", [V]),
    OpCase("gather_axis1", "lambda x: tf.gather(x, [3, 0, 3], axis=1)", [M]),
    OpCase("gather_axis_negative", "lambda x: tf.gather(x, [1], axis=-1)", [T]),
    OpCase("gather_scalar_index", "lambda x: tf.gather(x, 2, axis=1)", [M]),
    OpCase(
        "gather_batch_dims",
        "lambda x, i: tf.gather(x, i, axis=1, batch_dims=1)",
        [M, ints([[0, 0], [3, 1], [2, 2]])],
    ),
    OpCase(
        "gather_batch_dims_axis2",
        "lambda x, i: tf.gather(x, i, axis=2, batch_dims=1)",
        [T, ints([[3], [0]])],
    ),
    OpCase(
        "gather_batch_dims_negative",
        "lambda x, i: tf.gather(x, i, batch_dims=-1)",
        [M, ints([[0, 2], [1, 1], [3, 0]])],
    ),
    OpCase("gather_squared", "lambda x: tf.gather(x, [0, 0, 2]) ** 2", [V]),
    OpCase("gather_nd_elements", "lambda x: tf.gather_nd(x, [[0, 1], [2, 3], [0, 1]])", [M]),
    OpCase(
        "gather_nd_slices",
        "lambda x: tf.gather_nd(x, [[1], [0]])",
        [T],
        forward=False,
        note="TF's forward mode fails here (its GatherNd gradient is an IndexedSlices, which "
        "the double-VJP JVP cannot take); tapeflow's JVP is checked by check_grads (rev only "
        "here) and by gather_nd_slices_3d",
    ),
    OpCase("gather_nd_slices_3d", "lambda x: tf.gather_nd(x, [[[1], [0]]])", [T]),
    OpCase(
        "gather_nd_batch_dims",
        "lambda x, i: tf.gather_nd(x, i, batch_dims=1)",
        [T, ints([[[1, 0], [2, 3]], [[0, 0], [0, 0]]])],
    ),
    OpCase("gather_nd_squared", "lambda x: tf.gather_nd(x, [[1, 1], [1, 1]]) ** 2", [M]),
    OpCase(
        "boolean_mask_axis1",
        "lambda x: tf.boolean_mask(x, [True, False, True], axis=1)",
        [T],
    ),
    OpCase(
        "boolean_mask_2d",
        "lambda x: tf.boolean_mask(x, [[True, False, True, True], [False] * 4, [True] * 4])",
        [M],
    ),
    OpCase("where_coordinates", "lambda x: tf.where(x > 0.0)", [M]),
    # -- scatter -----------------------------------------------------------------
    OpCase(
        "scatter_nd",
        "lambda u: tf.scatter_nd([[1], [3], [1]], u, [5])",
        [Arg(shape=(3,))],
    ),
    OpCase(
        "scatter_nd_slices",
        "lambda u: tf.scatter_nd([[0], [2]], u, [3, 2])",
        [Arg(shape=(2, 2))],
    ),
    OpCase("scatter_nd_squared", "lambda u: tf.scatter_nd([[0, 1]], u, [2, 2]) ** 2", [Arg((1,))]),
    OpCase(
        "tensor_scatter_nd_update",
        "lambda t, u: tf.tensor_scatter_nd_update(t, [[2], [0]], u)",
        [M, Arg(shape=(2, 4))],
    ),
    OpCase(
        "tensor_scatter_nd_update_elements",
        "lambda t, u: tf.tensor_scatter_nd_update(t, [[0, 1], [2, 3]], u) ** 2",
        [M, Arg(shape=(2,))],
    ),
    OpCase(
        "tensor_scatter_nd_update_repeated",
        "lambda t, u: tf.tensor_scatter_nd_update(t, [[1], [1]], u)",
        [V, Arg(shape=(2,))],
        check_grads=False,
        note="repeated indices: the last update wins, yet TF (and tapeflow) give every "
        "repeat the gradient, which is not the derivative of the value",
    ),
    OpCase(
        "tensor_scatter_nd_add",
        "lambda t, u: tf.tensor_scatter_nd_add(t, [[1], [1], [4]], u)",
        [V, Arg(shape=(3,))],
    ),
    OpCase(
        "tensor_scatter_nd_sub",
        "lambda t, u: tf.tensor_scatter_nd_sub(t, [[0, 0], [2, 1]], u)",
        [M, Arg(shape=(2,))],
    ),
    # -- sort, top_k, unique, searchsorted, one_hot ------------------------------
    OpCase("sort", "lambda x: tf.sort(x)", [V]),
    OpCase("sort_descending", "lambda x: tf.sort(x, direction='DESCENDING')", [M]),
    OpCase("sort_axis0", "lambda x: tf.sort(x, axis=0)", [T]),
    OpCase("sort_squared", "lambda x: tf.sort(x) ** 2", [V]),
    OpCase("sort_int", "lambda x: tf.sort(x)", [ints([3, -1, 2, 2])]),
    OpCase(
        "sort_ties",
        "lambda x: tf.sort(x)",
        [Arg(value=[3.0, 1.0, 3.0, 2.0])],
        check_grads=False,
        note=TIES,
    ),
    OpCase(
        "argsort",
        "lambda x: tf.argsort(x)",
        [Arg(value=[3.0, 1.0, 3.0, 2.0])],
        check_grads=False,
        note=TIES,
    ),
    OpCase(
        "argsort_descending_axis0",
        "lambda x: tf.argsort(x, axis=0, direction='DESCENDING')",
        [Arg(value=[[1.0, 2.0], [1.0, 0.0], [3.0, 2.0]])],
        check_grads=False,
        note=TIES,
    ),
    OpCase("top_k", "lambda x: tf.math.top_k(x, 2)", [M]),
    OpCase(
        "top_k_unsorted",
        "lambda x: tf.sort(tf.math.top_k(x, 3, sorted=False).values)",
        [V],
        note="TF's unsorted order is its heap's order (unspecified); tapeflow gives index "
        "order, so the case compares the selected set",
    ),
    OpCase(
        "top_k_ties",
        "lambda x: tf.math.top_k(x, k=2)",
        [Arg(value=[0.0, 1.0, 1.0, 2.0, 1.0])],
        check_grads=False,
        note=TIES,
    ),
    OpCase("top_k_squared", "lambda x: tf.math.top_k(x, 2).values ** 2", [V]),
    OpCase("unique", "lambda x: tf.unique(x)", [ints([4, 1, 4, 2, 1])]),
    OpCase(
        "unique_with_counts_float",
        "lambda x: tf.unique_with_counts(x, out_idx=tf.int64)",
        [Arg(value=[0.5, 0.5, -1.0, 2.0], differentiable=False)],
    ),
    OpCase(
        "searchsorted",
        "lambda s, v: tf.searchsorted(s, v)",
        [
            Arg(value=[1.0, 2.0, 2.0, 3.0], differentiable=False),
            Arg(value=[2.0, 0.5, 3.5, 2.5], differentiable=False),
        ],
    ),  # fmt: skip
    OpCase(
        "searchsorted_rows_right",
        "lambda s, v: tf.searchsorted(s, v, side='right', out_type=tf.int64)",
        [
            Arg(value=[[1.0, 2.0, 3.0], [2.0, 2.0, 6.0]], differentiable=False),
            Arg(value=[[2.0, 0.0], [2.0, 7.0]], differentiable=False),
        ],
    ),  # fmt: skip
    OpCase("one_hot", "lambda i: tf.one_hot(i, 3)", [ints([0, 2, -1, 3])]),
    OpCase(
        "one_hot_axis0_values",
        "lambda i: tf.one_hot(i, 3, on_value=5.0, off_value=-1.0, axis=0)",
        [ints([[0, 2], [1, 1]])],
    ),
    OpCase("one_hot_int", "lambda i: tf.one_hot(i, 2, dtype=tf.int32)", [ints([1, 0])]),
    OpCase(
        "one_hot_on_value_no_gradient",
        "lambda on: tf.one_hot([0, 1], 2, on_value=on, off_value=tf.zeros_like(on))",
        [Arg(value=2.0, dtype="float32")],
        check_grads=False,
        note="TF registers OneHot as non-differentiable: the gradient is None although the "
        "value depends on on_value",
    ),
]
