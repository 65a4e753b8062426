"""Shape and indexing ops on bad input: TensorFlow's exception classes and messages.

Every row was checked against TensorFlow 2.21: the table between the markers is
plain text, evaluated with ``tf`` bound to either library and ``x`` (a 2x3x4
float32 tensor) and ``s`` (a float32 scalar) defined. Messages are compared on
the part TensorFlow words itself: TF prefixes kernel errors with
``{{function_node ...}}``, and its attr-type errors continue with a dump of the
op's NodeDef and signature, which tapeflow leaves out.
"""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf

# --- table start (each row: id, expression, exception class name, message part) ---
ERRORS = [
    # x[...]
    ("getitem_float", "x[1.0]", "TypeError",
     "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
     "tf.int32/tf.int64 tensors are valid indices, got 1.0"),
    ("getitem_float_slice", "x[1:2.0]", "TypeError", "tensors are valid indices, got 2.0"),
    ("getitem_float_tensor", "x[tf.constant(1.0)]", "TypeError",
     "are valid indices, got <tf.Tensor: shape=(), dtype=float32, numpy=1.0>"),
    ("getitem_vector_tensor", "x[tf.constant([1, 2])]", "TypeError", "are valid indices, got"),
    ("getitem_vector_array", "x[np.array([1, 2])]", "TypeError",
     "are valid indices, got array([1, 2])"),
    ("getitem_string", "x['a']", "TypeError", "are valid indices, got 'a'"),
    ("getitem_out_of_range", "x[3]", "InvalidArgumentError",
     "slice index 3 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/"),
    ("getitem_negative_out_of_range", "x[-4]", "InvalidArgumentError",
     "slice index -2 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/"),
    ("getitem_out_of_range_after_ellipsis", "x[..., 4]", "InvalidArgumentError",
     "slice index 4 of dimension 2 out of bounds."),
    ("getitem_out_of_range_after_newaxis", "x[:, None, :, 5]", "InvalidArgumentError",
     "slice index 5 of dimension 2 out of bounds."),
    ("getitem_too_many", "x[1, 2, 3, 0]", "InvalidArgumentError",
     "Index out of range using input dim 3; input has only 3 dims [Op:StridedSlice] "
     "name: strided_slice/"),
    ("getitem_two_ellipses", "x[..., ...]", "InvalidArgumentError",
     "Multiple ellipses in slice spec not allowed [Op:StridedSlice] name: strided_slice/"),
    ("getitem_zero_step", "x[:, ::0]", "InvalidArgumentError",
     "strides[1] must be non-zero [Op:StridedSlice] name: strided_slice/"),
    ("getitem_scalar", "s[0]", "InvalidArgumentError",
     "Attempting to slice scalar input. [Op:StridedSlice] name: strided_slice/"),
    ("getitem_scalar_slice", "s[0:1]", "InvalidArgumentError", "Attempting to slice scalar input."),
    ("getitem_bool_scalar", "x[True]", "ValueError", "mask cannot be scalar."),
    ("getitem_bool_scalar_tensor", "x[tf.constant(True)]", "ValueError", "mask cannot be scalar."),
    ("getitem_mask_shape", "x[np.array([True, False, True])]", "ValueError",
     "Shapes (2,) and (3,) are incompatible"),
    ("getitem_mask_in_tuple", "x[tf.constant([True, False]), 1]", "TypeError",
     "are valid indices, got <tf.Tensor: shape=(2,), dtype=bool"),
    ("strided_slice_lengths", "tf.strided_slice(x, [0, 1], [2])", "InvalidArgumentError",
     "Expected begin, end, and strides to be 1D equal size tensors, but got shapes [2], [1], "
     "and [2] instead. [Op:StridedSlice]"),
    ("strided_slice_out_of_range", "tf.strided_slice(x, [5], [6], shrink_axis_mask=1)",
     "InvalidArgumentError", "slice index 5 of dimension 0 out of bounds. [Op:StridedSlice]"),
    ("slice_size", "tf.slice(x, [0, 0, 0], [1, 1, 5])", "InvalidArgumentError",
     "Expected size[2] in [0, 4], but got 5 [Op:Slice]"),
    ("slice_negative_begin", "tf.slice(x, [0, 0, -1], [1, 1, 1])", "InvalidArgumentError",
     "Expected begin[2] in [0, 4], but got -1 [Op:Slice]"),
    ("slice_rank", "tf.slice(x, [0, 0], [1, 1])", "InvalidArgumentError",
     "Expected begin and size arguments to be 1-D tensors of size 3, but got shapes [2] and "
     "[2] instead. [Op:Slice]"),
    ("slice_negative_size", "tf.slice(x, [0, 0, 0], [1, 1, -2])", "InvalidArgumentError",
     "Expected size[2] in [0, 4], but got -2 [Op:Slice]"),
    # gather, gather_nd, boolean_mask, scatter
    ("gather_out_of_range", "tf.gather(tf.constant([1.0, 2.0, 3.0]), [0, 5])",
     "InvalidArgumentError", "indices[1] = 5 is not in [0, 3) [Op:GatherV2]"),
    ("gather_negative", "tf.gather(tf.constant([1.0, 2.0, 3.0]), [-1])",
     "InvalidArgumentError", "indices[0] = -1 is not in [0, 3) [Op:GatherV2]"),
    ("gather_out_of_range_2d", "tf.gather(x, [[0, 1], [1, 7]], axis=2)",
     "InvalidArgumentError", "indices[1,1] = 7 is not in [0, 4) [Op:GatherV2]"),
    ("gather_float_indices", "tf.gather(x, [1.0])", "InvalidArgumentError",
     "Value for attr 'Tindices' of float is not in the list of allowed values: int16, int32, "
     "int64"),
    ("gather_bool_indices", "tf.gather(x, [True])", "InvalidArgumentError",
     "Value for attr 'Tindices' of bool is not in the list of allowed values"),
    ("gather_float_axis", "tf.gather(x, [0], axis=1.0)", "InvalidArgumentError",
     "Value for attr 'Taxis' of float is not in the list of allowed values: int32, int64"),
    ("gather_axis", "tf.gather(x, [0], axis=3)", "InvalidArgumentError",
     "Shape must be at least rank 4 but is rank 3 [Op:GatherV2]"),
    ("gather_batch_dims_range", "tf.gather(x, [[0], [1]], axis=1, batch_dims=-3)",
     "InvalidArgumentError", "Expected batch_dims in the range [-2, 2], but got -3 [Op:GatherV2]"),
    ("gather_batch_shape", "tf.gather(x, [[0, 1]], axis=1, batch_dims=1)",
     "InvalidArgumentError",
     "params.shape[0]: 2 should be equal to indices.shape[0]: 1 [Op:GatherV2]"),
    ("gather_scalar_params", "tf.gather(s, [0])", "InvalidArgumentError",
     "params must be at least 1 dimensional [Op:GatherV2]"),
    ("gather_nd_out_of_range", "tf.gather_nd(x, [[0, 3]])", "InvalidArgumentError",
     "indices[0] = [0, 3] does not index into param shape [2,3,4], node name: GatherNd "
     "[Op:GatherNd]"),
    ("gather_nd_batch_out_of_range", "tf.gather_nd(x, [[[0], [3]], [[1], [0]]], batch_dims=1)",
     "InvalidArgumentError",
     "indices[0,1] = [0, 3] does not index into param shape [2,3,4], node name: GatherNd "
     "[Op:GatherNd] name: "),
    ("gather_nd_too_deep", "tf.gather_nd(x, [[0, 1, 2, 3]])", "InvalidArgumentError",
     "index innermost dimension length must be <= params rank; saw: 4 vs. 3 [Op:GatherNd]"),
    ("gather_nd_batch_dims", "tf.gather_nd(x, [[0]], batch_dims=2)", "ValueError",
     "Argument `batch_dims` = 2 must be less than rank(`indices`) = 2"),
    ("gather_nd_float", "tf.gather_nd(x, [[0.0]])", "InvalidArgumentError",
     "Value for attr 'Tindices' of float is not in the list of allowed values"),
    ("boolean_mask_shape", "tf.boolean_mask(x, [True, False, True])", "ValueError",
     "Shapes (2,) and (3,) are incompatible"),
    ("boolean_mask_negative_axis", "tf.boolean_mask(x, [True, False, True], axis=-1)",
     "ValueError", "Shapes () and (3,) are incompatible"),
    ("boolean_mask_scalar", "tf.boolean_mask(x, True)", "ValueError", "mask cannot be scalar."),
    ("scatter_nd_out_of_range", "tf.scatter_nd([[1], [4]], [1.0, 2.0], [4])",
     "InvalidArgumentError", "indices[1] = [4] does not index into shape [4] [Op:ScatterNd]"),
    ("scatter_nd_inner", "tf.scatter_nd([[1]], [[1.0, 2.0]], [3, 3])", "InvalidArgumentError",
     "Dimensions [1,2) of input[shape=[3,3]] must match dimensions [1,2) of "
     "updates[shape=[1,2]] [Op:ScatterNd]"),
    ("scatter_nd_outer", "tf.scatter_nd([[1], [2]], [[1.0, 2.0, 3.0]], [3, 3])",
     "InvalidArgumentError", "Dimensions [0,1) of indices[shape=[2,1]] must match dimensions "
     "[0,1) of updates[shape=[1,3]] [Op:ScatterNd]"),
    ("tensor_scatter_out_of_range", "tf.tensor_scatter_nd_update(x, [[2]], tf.ones((1, 3, 4)))",
     "InvalidArgumentError",
     "indices[0] = [2] does not index into shape [2,3,4] [Op:TensorScatterUpdate]"),
    ("tensor_scatter_inner", "tf.tensor_scatter_nd_update(x, [[1, 1]], tf.ones((1, 3)))",
     "InvalidArgumentError", "The inner 1 dimensions of output.shape=[2,3,4] must match the "
     "inner 1 dimensions of updates.shape=[1,3] [Op:TensorScatterUpdate]"),
    ("tensor_scatter_outer", "tf.tensor_scatter_nd_update(x, [[1, 1]], tf.ones((2, 4)))",
     "InvalidArgumentError", "Outer dimensions of indices and update must match. Indices "
     "shape: [1,2], updates shape:[2,4] [Op:TensorScatterUpdate]"),
    ("tensor_scatter_dtype",
     "tf.tensor_scatter_nd_update(x, [[1, 1]], tf.ones((1, 4), tf.int32))",
     "InvalidArgumentError", "cannot compute TensorScatterUpdate as input #2(zero-based) was "
     "expected to be a float tensor but is a int32 tensor [Op:TensorScatterUpdate]"),
    ("tensor_scatter_add_out_of_range", "tf.tensor_scatter_nd_add(x, [[0, 1, 5]], [1.0])",
     "InvalidArgumentError",
     "indices[0] = [0, 1, 5] does not index into shape [2,3,4] [Op:TensorScatterAdd]"),
    # reshape, transpose, expand_dims, squeeze, broadcast_to
    ("reshape_size", "tf.reshape(x, [5, 5])", "InvalidArgumentError",
     "Input to reshape is a tensor with 24 values, but the requested shape has 25 [Op:Reshape]"),
    ("reshape_multiple", "tf.reshape(x, [5, -1])", "InvalidArgumentError",
     "Input to reshape is a tensor with 24 values, but the requested shape requires a multiple "
     "of 5 [Op:Reshape]"),
    ("reshape_two_unknown", "tf.reshape(x, [-1, -1, 2])", "InvalidArgumentError",
     "Only one input size may be -1, not both 0 and 1 [Op:Reshape]"),
    ("reshape_negative", "tf.reshape(x, [-2, 12])", "InvalidArgumentError",
     "Size 0 must be non-negative, not -2 [Op:Reshape]"),
    ("reshape_float", "tf.reshape(x, [2.0, 12.0])", "InvalidArgumentError",
     "Value for attr 'Tshape' of float is not in the list of allowed values: int32, int64"),
    ("transpose_repeated", "tf.transpose(x, [0, 0, 1])", "InvalidArgumentError",
     "2 is missing from {0,0,1}. [Op:Transpose]"),
    ("transpose_length", "tf.transpose(x, [0, 1])", "InvalidArgumentError",
     "transpose expects a vector of size 3. But input(1) is a vector of size 2 [Op:Transpose]"),
    ("transpose_out_of_range", "tf.transpose(x, [0, 1, 3])", "InvalidArgumentError",
     "3 is out of range [0 .. 3) [Op:Transpose]"),
    ("expand_dims_axis", "tf.expand_dims(x, 4)", "InvalidArgumentError",
     "Tried to expand dim index 4 for tensor with 3 dimensions. [Op:ExpandDims] name: "),
    ("expand_dims_negative_axis", "tf.expand_dims(x, -5)", "InvalidArgumentError",
     "Tried to expand dim index -5 for tensor with 3 dimensions. [Op:ExpandDims] name: "),
    ("expand_dims_two_axes", "tf.expand_dims(x, [0, 1])", "InvalidArgumentError",
     "'dim' must be a tensor with a single value [Op:ExpandDims]"),
    ("expand_dims_float_axis", "tf.expand_dims(x, 0.5)", "TypeError",
     "Cannot convert 0.5 to EagerTensor of dtype int32"),
    ("squeeze_not_one", "tf.squeeze(x, 0)", "InvalidArgumentError",
     "Can not squeeze dim[0], expected a dimension of 1, got 2 [Op:Squeeze] name: "),
    ("squeeze_axis", "tf.squeeze(tf.ones((1, 2, 1)), 3)", "InvalidArgumentError",
     "Tried to squeeze dim index 3 for tensor with 3 dimensions. [Op:Squeeze] name: "),
    ("broadcast_to_incompatible", "tf.broadcast_to(x, [3, 3, 4])", "InvalidArgumentError",
     "Incompatible shapes: [2,3,4] vs. [3,3,4] [Op:BroadcastTo]"),
    ("broadcast_to_rank", "tf.broadcast_to(x, [3, 4])", "InvalidArgumentError",
     "Rank of input (3) must be no greater than rank of output shape (2). [Op:BroadcastTo]"),
    ("broadcast_to_negative", "tf.broadcast_to(x, [-1, 3, 4])", "InvalidArgumentError",
     "Dimension -1 must be >= 0 [Op:BroadcastTo]"),
    ("broadcast_static_shape",
     "tf.broadcast_static_shape(tf.TensorShape([2]), tf.TensorShape([3]))", "ValueError",
     "Incompatible shapes for broadcasting. Two shapes are compatible if for each dimension "
     "pair they are either equal or one of them is 1. Received: (2,) and (3,)."),
    ("broadcast_dynamic_shape", "tf.broadcast_dynamic_shape([2], [3])", "InvalidArgumentError",
     "Incompatible shapes: [2] vs. [3] [Op:BroadcastArgs]"),
    # concat, stack, unstack, split
    ("concat_axis", "tf.concat([x, x], 3)", "InvalidArgumentError",
     "ConcatOp : Expected concatenating dimensions in the range [-3, 3), but got 3 "
     "[Op:ConcatV2] name: concat"),
    ("concat_negative_axis", "tf.concat([x, x], -4)", "InvalidArgumentError",
     "Expected concatenating dimensions in the range [-3, 3), but got -4"),
    ("concat_ranks", "tf.concat([x, x[0]], 0)", "InvalidArgumentError",
     "ConcatOp : Ranks of all input tensors should match: shape[0] = [2,3,4] vs. shape[1] = "
     "[3,4] [Op:ConcatV2] name: concat"),
    ("concat_shapes", "tf.concat([x, x[:, :2]], 0)", "InvalidArgumentError",
     "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3,4] vs. shape[1] = "
     "[2,2,4] [Op:ConcatV2] name: concat"),
    ("concat_dtypes", "tf.concat([x, tf.cast(x, tf.float64)], 0)", "InvalidArgumentError",
     "cannot compute ConcatV2 as input #1(zero-based) was expected to be a float tensor but is "
     "a double tensor [Op:ConcatV2] name: concat"),
    ("concat_scalars", "tf.concat([s, s], 0)", "InvalidArgumentError",
     "ConcatOp : Can't concatenate scalars (use tf.stack instead) [Op:ConcatV2] name: concat"),
    ("concat_float_axis", "tf.concat([x, x], 1.0)", "TypeError",
     "Cannot convert 1.0 to EagerTensor of dtype int32"),
    ("stack_axis", "tf.stack([x, x], 4)", "ValueError", "Argument `axis` = 4 not in range [-4, 4)"),
    ("stack_shapes", "tf.stack([x, x[0]])", "InvalidArgumentError",
     "Shapes of all inputs must match: values[0].shape = [2,3,4] != values[1].shape = [3,4] "
     "[Op:Pack] name: stack"),
    ("stack_dtypes", "tf.stack([x, tf.cast(x, tf.int32)])", "InvalidArgumentError",
     "cannot compute Pack as input #1(zero-based) was expected to be a float tensor but is a "
     "int32 tensor [Op:Pack] name: stack"),
    ("unstack_axis", "tf.unstack(x, axis=3)", "ValueError",
     "Argument `axis` = 3 not in range [-3, 3)"),
    ("unstack_num", "tf.unstack(x, num=3)", "InvalidArgumentError",
     "Input shape axis 0 must equal 3, got shape [2,3,4] [Op:Unpack] name: unstack"),
    ("unstack_scalar", "tf.unstack(s)", "ValueError", "Argument `axis` = 0 not in range [0, 0)"),
    ("split_uneven", "tf.split(x, 3, axis=2)", "InvalidArgumentError",
     "Number of ways to split should evenly divide the split dimension, but got split_dim 2 "
     "(size = 4) and num_split 3 [Op:Split] name: split"),
    ("split_zero", "tf.split(x, 0, axis=2)", "InvalidArgumentError",
     "Value for attr 'num_split' of 0 must be at least minimum 1"),
    ("split_sizes", "tf.split(x, [1, 2], axis=2)", "InvalidArgumentError",
     "Determined shape must either match input shape along split_dim exactly if fully "
     "specified, or be less than the size of the input along split_dim if not fully specified."
     "  Got: 3 [Op:SplitV] name: split"),
    ("split_two_unknown", "tf.split(x, [1, -1, -1], axis=2)", "InvalidArgumentError",
     "There can only be one -1 in the input. [Op:SplitV] name: split"),
    ("split_axis", "tf.split(x, 2, axis=3)", "InvalidArgumentError",
     "-input rank(-3) <= split_dim < input rank (3), but got 3 [Op:Split] name: split"),
    ("split_sizes_axis", "tf.split(x, [2, 2], axis=-4)", "InvalidArgumentError",
     "-input rank(-3) <= split_dim < input rank (3), but got -4 [Op:SplitV] name: split"),
    # tile, pad, reverse, roll, repeat
    ("tile_length", "tf.tile(x, [1, 2])", "InvalidArgumentError",
     "Expected multiples argument to be a vector of length 3 but got length 2 [Op:Tile]"),
    ("tile_negative", "tf.tile(x, [1, -1, 1])", "InvalidArgumentError",
     "Expected multiples[1] >= 0, but got -1 [Op:Tile]"),
    ("tile_float", "tf.tile(x, [1.0, 1.0, 1.0])", "InvalidArgumentError",
     "Value for attr 'Tmultiples' of float is not in the list of allowed values: int32, int64"),
    ("pad_mode", "tf.pad(x, [[0, 1], [0, 0], [0, 0]], mode='WRAP')", "ValueError",
     'Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". '
     "Received `mode` = WRAP"),
    ("pad_rank", "tf.pad(x, [[0, 1], [0, 0]])", "InvalidArgumentError",
     "The first dimension of paddings must be the rank of inputs[2,2] [2,3,4] [Op:Pad]"),
    ("pad_negative", "tf.pad(x, [[0, 1], [0, 0], [-1, 0]])", "InvalidArgumentError",
     "Paddings must be non-negative: -1 0 [Op:Pad]"),
    ("pad_negative_v2", "tf.pad(x, [[0, 1], [0, 0], [-1, 0]], constant_values=2.0)",
     "InvalidArgumentError", "Paddings must be non-negative: -1 0 [Op:PadV2]"),
    ("pad_reflect_too_wide", "tf.pad(x, [[0, 2], [0, 0], [0, 0]], mode='REFLECT')",
     "InvalidArgumentError",
     "paddings must be less than the dimension size: 0, 2 not less than 2 [Op:MirrorPad]"),
    ("pad_symmetric_too_wide", "tf.pad(x, [[0, 3], [0, 0], [0, 0]], mode='SYMMETRIC')",
     "InvalidArgumentError",
     "paddings must be no greater than the dimension size: 0, 3 greater than 2 [Op:MirrorPad]"),
    ("pad_value_dtype", "tf.pad(tf.constant([1, 2]), [[0, 1]], constant_values=1.5)",
     "TypeError", "Cannot convert 1.5 to EagerTensor of dtype int32"),
    ("pad_float", "tf.pad(x, [[0, 1.0], [0, 0], [0, 0]])", "InvalidArgumentError",
     "Value for attr 'Tpaddings' of float is not in the list of allowed values: int32, int64"),
    ("reverse_axis", "tf.reverse(x, [3])", "InvalidArgumentError",
     "'axis'[0] = 3 is out of valid range [0, 2 [Op:ReverseV2]"),
    ("reverse_repeated", "tf.reverse(x, [0, -3])", "InvalidArgumentError",
     "axis 0 specified more than once. [Op:ReverseV2]"),
    ("roll_axis", "tf.roll(x, 1, 3)", "InvalidArgumentError",
     "axis 3 is out of range [Op:Roll] name: "),
    ("roll_negative_axis", "tf.roll(x, 1, -4)", "InvalidArgumentError",
     "axis -1 is out of range [Op:Roll] name: "),
    ("roll_sizes", "tf.roll(x, [1, 2], [0])", "InvalidArgumentError",
     "shift and axis must have the same size [Op:Roll]"),
    ("repeat_axis", "tf.repeat(x, 2, axis=3)", "ValueError",
     "axis=3 out of bounds: expected -3<=axis<3"),
    ("repeat_counts", "tf.repeat(x, [1, 2], axis=1)", "ValueError",
     "Dimensions 3 and 2 are not compatible"),
    ("repeat_negative", "tf.repeat(x, -1, axis=0)", "InvalidArgumentError",
     "Expected multiples[1] >= 0, but got -1 [Op:Tile]"),
    # one_hot, sort, top_k, unique, searchsorted, meshgrid
    ("one_hot_float", "tf.one_hot([0.0], 3)", "InvalidArgumentError",
     "Value for attr 'TI' of float is not in the list of allowed values: uint8, int8, int32, "
     "int64"),
    ("one_hot_depth", "tf.one_hot([0], -1)", "InvalidArgumentError",
     "depth must be non-negative, got: -1 [Op:OneHot]"),
    ("one_hot_axis", "tf.one_hot([0], 3, axis=2)", "InvalidArgumentError",
     "Expected axis to be -1 or between [0, 2).  But received: 2 [Op:OneHot]"),
    ("one_hot_dtypes", "tf.one_hot([0], 3, on_value=1, off_value=0.0)", "TypeError",
     "dtype <dtype: 'int32'> of on_value does not match dtype <dtype: 'float32'> of off_value"),
    ("one_hot_dtype_parameter", "tf.one_hot([0], 3, on_value=tf.constant(1), dtype=tf.float32)",
     "TypeError", "dtype <dtype: 'int32'> of on_value does not match dtype parameter "
     "<dtype: 'float32'>"),
    ("sort_direction", "tf.sort(x, direction='UP')", "ValueError",
     "Argument `direction` should be one of ASCENDING, DESCENDING. Received: direction=UP"),
    ("sort_axis", "tf.sort(x, axis=3)", "InvalidArgumentError",
     "slice index 3 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/"),
    ("sort_scalar", "tf.sort(s)", "InvalidArgumentError",
     "slice index -1 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/"),
    ("sort_bool", "tf.sort(tf.constant([True, False]))", "InvalidArgumentError",
     "Value for attr 'T' of bool is not in the list of allowed values"),
    ("argsort_axis", "tf.argsort(x, axis=3)", "InvalidArgumentError",
     "slice index 3 of dimension 0 out of bounds."),
    ("top_k_too_many", "tf.math.top_k(x, 5)", "InvalidArgumentError",
     "input must have at least k columns. Had 4, needed 5 [Op:TopKV2] name: "),
    ("top_k_negative", "tf.math.top_k(x, -1)", "InvalidArgumentError",
     "Need k >= 0, got -1 [Op:TopKV2] name: "),
    ("top_k_scalar", "tf.math.top_k(s, 1)", "InvalidArgumentError",
     "input must be >= 1-D, got shape [] [Op:TopKV2] name: "),
    ("unique_rank", "tf.unique(x)", "InvalidArgumentError",
     "unique expects a 1D vector. [Op:Unique] name: "),
    ("searchsorted_side", "tf.searchsorted([1.0, 2.0], [1.0], side='both')", "ValueError",
     "Argument `side` must be either 'right' or 'left'. Received: `side` = 'both'."),
    ("searchsorted_dtypes", "tf.searchsorted([1.0, 2.0], [1])", "InvalidArgumentError",
     "cannot compute LowerBound as input #1(zero-based) was expected to be a float tensor but "
     "is a int32 tensor [Op:LowerBound] name: "),
    ("searchsorted_rows", "tf.searchsorted([[1.0, 2.0]], [[1.0], [2.0]])",
     "InvalidArgumentError", "Leading dim_size of both tensors must match. [Op:LowerBound]"),
    ("meshgrid_indexing", "tf.meshgrid([1, 2], [3], indexing='ji')", "ValueError",
     "Argument `indexing` parameter must be either 'xy' or 'ij', got 'ji'"),
    ("meshgrid_keyword", "tf.meshgrid([1, 2], [3], sparse=True)", "TypeError",
     "'sparse' is an invalid keyword argument for this function"),
    # range, linspace, fill, zeros, eye
    ("range_limit", "tf.range(5, 1)", "InvalidArgumentError",
     "Requires start <= limit when delta > 0: 5/1 [Op:Range] name: "),
    ("range_negative_delta", "tf.range(1, 5, -1)", "InvalidArgumentError",
     "Requires start >= limit when delta < 0: 1/5 [Op:Range] name: "),
    ("range_zero_delta", "tf.range(1, 5, 0)", "InvalidArgumentError",
     "Requires delta != 0: 0 [Op:Range] name: "),
    ("range_float_limit", "tf.range(1.0, 0.5)", "InvalidArgumentError",
     "Requires start <= limit when delta > 0: 1/0.5 [Op:Range] name: "),
    ("range_float_to_int", "tf.range(1.5, dtype=tf.int32)", "TypeError",
     "Cannot convert 1.5 to EagerTensor of dtype int32"),
    ("linspace_negative", "tf.linspace(0.0, 1.0, -1)", "InvalidArgumentError",
     "Requires start <= limit when delta > 0: 1/-1 [Op:Range] name: "),
    ("fill_value", "tf.fill([2], [1, 2])", "InvalidArgumentError",
     "value must represent a scalar, got shape [2] [Op:Fill]"),
    ("fill_negative", "tf.fill([-1], 1)", "InvalidArgumentError",
     "Dimension -1 must be >= 0 [Op:Fill]"),
    ("zeros_negative", "tf.zeros([2, -1])", "InvalidArgumentError",
     "Dimension -1 must be >= 0 [Op:Fill] name: "),
    ("eye_negative", "tf.eye(-1)", "InvalidArgumentError",
     "Dimension -1 must be >= 0 [Op:Fill] name: "),
]  # fmt: skip
# --- table end ---


def _operands():
    return {"tf": tf, "np": np, "x": tf.reshape(tf.range(24.0), (2, 3, 4)), "s": tf.constant(1.5)}


@pytest.mark.parametrize(("expression", "error", "message"),
                         [row[1:] for row in ERRORS], ids=[row[0] for row in ERRORS])  # fmt: skip
def test_bad_input_raises_tensorflow_error(expression, error, message):
    with pytest.raises(Exception) as info:  # noqa: B017 - the class is checked by name below
        eval(expression, _operands())  # noqa: S307 - our own table
    assert type(info.value).__name__ == error
    assert message in str(info.value)
    if isinstance(info.value, tf.errors.OpError):
        assert isinstance(info.value, getattr(tf.errors, error))


def test_unique_has_no_gradient():
    """TensorFlow registers no gradient for Unique: differentiating through it raises."""
    x = tf.constant([3.0, 1.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.unique(x).y
    with pytest.raises(LookupError, match="gradient registry has no entry for: Unique"):
        tape.gradient(y, x)
    with pytest.raises(LookupError, match="gradient registry has no entry for: Unique"):
        with tf.autodiff.ForwardAccumulator(x, tf.ones(3)):
            tf.unique(x)


def test_unique_index_output_alone_is_fine():
    x = tf.constant([3.0, 1.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        idx = tf.unique(x).idx
    assert tape.gradient(idx, x) is None
    np.testing.assert_array_equal(idx.numpy(), [0, 1, 0])


def test_transpose_conjugate_complex_and_its_gradient():
    z = tf.constant([[1 + 2j, 3 - 1j]], dtype=tf.complex128)
    y = tf.transpose(z, conjugate=True)
    np.testing.assert_array_equal(y.numpy(), [[1 - 2j], [3 + 1j]])
    w = tf.constant([[1 + 1j], [2 - 1j]], dtype=tf.complex128)
    with tf.GradientTape() as tape:
        tape.watch(z)
        out = tf.transpose(z, conjugate=True)
    # TF's convention: the gradient of conj is conj of the upstream gradient.
    np.testing.assert_array_equal(tape.gradient(out, z, output_gradients=w).numpy(),
                                  [[1 - 1j, 2 + 1j]])  # fmt: skip
    with tf.autodiff.ForwardAccumulator(z, tf.ones_like(z) * 1j) as acc:
        out = tf.transpose(z, conjugate=True)
    np.testing.assert_array_equal(acc.jvp(out).numpy(), [[-1j], [-1j]])
