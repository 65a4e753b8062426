"""The differential fuzzer's block for ``tf.signal``, ``tf.bitwise`` and the top-level
ops no namespace of ``tests/op_inventory.public_ops()`` lists (issue 14).

``OPS`` adds:

* all of ``tf.signal``: fft/ifft/rfft/irfft in 1, 2, 3 and n dimensions, fftshift and
  ifftshift, frame, overlap_and_add, the five windows, stft and inverse_stft, dct/idct,
  mdct/inverse_mdct, linear_to_mel_weight_matrix, mfccs_from_log_mel_spectrograms;
* all of ``tf.bitwise``;
* the top-level ops that are not the same function as an op fuzzed under another name:
  dynamic_partition/stitch, histogram_fixed_width(_bins), unravel_index, reverse_sequence,
  space_to_batch_nd, batch_to_space, required_space_to_batch_paddings, bitcast,
  saturate_cast, sequence_mask, tensor_scatter_nd_max/min, approx_top_k, fingerprint,
  shape_n, identity_n, parallel_stack, random_index_shuffle, truncatediv/mod, complex,
  ensure_shape, extract_volume_patches, guarantee_const, the raw fftnd family and the
  raw conv ops.

Their parameter names (frame_length, window_fn, num_mel_bins, value_range...) mean
nothing to the main table, so ``argument`` draws them first: the main input mostly in the
dtypes and ranks the op takes (complex for the FFTs, floats for dct and stft, integers
for bitwise), window functions as real tf.signal windows (periodic or not, a beta, or
inverse_stft_window_fn over one), lengths mostly small with zero, negative, 2**31,
float and tensor forms now and then. A parameter it returns ``GENERIC`` for falls
through to the main table, and ops outside ``OPS`` never reach it, so they draw exactly
what they drew before.

The main fuzzer calls ``install(module)`` with itself, so this block reuses its
``Value``, ``values`` and ``DTypeArg`` without importing it a second time.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

fz = None  # the main fuzzer module (install)

OPS = [
    # tf.signal: the FFTs, shifts, framing, windows, spectrograms, DCT/MDCT and mel scale.
    "tf.signal.fft", "tf.signal.ifft", "tf.signal.fft2d", "tf.signal.ifft2d",
    "tf.signal.fft3d", "tf.signal.ifft3d", "tf.signal.rfft", "tf.signal.irfft",
    "tf.signal.rfft2d", "tf.signal.irfft2d", "tf.signal.rfft3d", "tf.signal.irfft3d",
    "tf.signal.fftnd", "tf.signal.ifftnd", "tf.signal.rfftnd", "tf.signal.irfftnd",
    "tf.signal.fftshift", "tf.signal.ifftshift", "tf.signal.frame", "tf.signal.overlap_and_add",
    "tf.signal.hann_window", "tf.signal.hamming_window", "tf.signal.kaiser_window",
    "tf.signal.kaiser_bessel_derived_window", "tf.signal.vorbis_window", "tf.signal.stft",
    "tf.signal.inverse_stft", "tf.signal.dct", "tf.signal.idct", "tf.signal.mdct",
    "tf.signal.inverse_mdct", "tf.signal.linear_to_mel_weight_matrix",
    "tf.signal.mfccs_from_log_mel_spectrograms",
    # tf.bitwise.
    "tf.bitwise.bitwise_and", "tf.bitwise.bitwise_or", "tf.bitwise.bitwise_xor",
    "tf.bitwise.invert", "tf.bitwise.left_shift", "tf.bitwise.right_shift",
    # Top-level ops that are not the same function as an op fuzzed under another name.
    "tf.approx_top_k", "tf.batch_to_space", "tf.bitcast", "tf.complex", "tf.conv",
    "tf.conv2d_backprop_filter_v2", "tf.conv2d_backprop_input_v2", "tf.dynamic_partition",
    "tf.dynamic_stitch", "tf.ensure_shape", "tf.extract_volume_patches", "tf.fftnd",
    "tf.ifftnd", "tf.rfftnd", "tf.irfftnd", "tf.fingerprint", "tf.guarantee_const",
    "tf.histogram_fixed_width", "tf.histogram_fixed_width_bins", "tf.identity_n",
    "tf.parallel_stack", "tf.random_index_shuffle", "tf.required_space_to_batch_paddings",
    "tf.reverse_sequence", "tf.saturate_cast", "tf.sequence_mask", "tf.shape_n",
    "tf.space_to_batch_nd", "tf.tensor_scatter_nd_max", "tf.tensor_scatter_nd_min",
    "tf.truncatediv", "tf.truncatemod", "tf.unravel_index",
]  # fmt: skip
# (op, parameter) pairs drawn although the parameter's name is in NEVER_DRAWN.
DRAWN = {("tf.random_index_shuffle", "seed")}
GENERIC = object()  # "this block has no strategy for the parameter"

# The dtypes an op's main input is usually drawn from (one draw in five takes any dtype).
_COMPLEX_INPUT = ("fft", "ifft", "fft2d", "ifft2d", "fft3d", "ifft3d", "fftnd", "ifftnd",
                  "irfft", "irfft2d", "irfft3d", "irfftnd", "inverse_stft")  # fmt: skip
_FLOAT_INPUT = ("rfft", "rfft2d", "rfft3d", "rfftnd", "stft", "dct", "idct", "mdct",
                "inverse_mdct", "mfccs_from_log_mel_spectrograms", "frame", "overlap_and_add",
                "approx_top_k", "histogram_fixed_width", "histogram_fixed_width_bins", "conv",
                "conv2d_backprop_filter_v2", "conv2d_backprop_input_v2",
                "extract_volume_patches", "tensor_scatter_nd_max", "tensor_scatter_nd_min",
                "complex", "fftshift", "ifftshift")  # fmt: skip
_INT_INPUT = ("bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift",
              "right_shift", "truncatediv", "truncatemod", "unravel_index",
              "random_index_shuffle", "sequence_mask")  # fmt: skip
# The least rank the main input needs (fewer is drawn now and then: the error path).
_MIN_RANK = {"fft": 1, "ifft": 1, "rfft": 1, "irfft": 1, "fft2d": 2, "ifft2d": 2,
             "rfft2d": 2, "irfft2d": 2, "fft3d": 3, "ifft3d": 3, "rfft3d": 3, "irfft3d": 3,
             "stft": 1, "mdct": 1, "frame": 1, "overlap_and_add": 2, "inverse_stft": 2,
             "inverse_mdct": 2, "mfccs_from_log_mel_spectrograms": 1, "dct": 1, "idct": 1,
             "conv": 4, "conv2d_backprop_filter_v2": 4, "conv2d_backprop_input_v2": 4,
             "extract_volume_patches": 5, "batch_to_space": 2, "space_to_batch_nd": 2,
             "reverse_sequence": 2, "approx_top_k": 1}  # fmt: skip
# The main tensor parameter of each op (the first drawn; later tensors follow its dtype).
_MAIN_TENSORS = {"input", "input_tensor", "x", "real", "signal", "signals", "stfts", "mdcts",
                 "log_mel_spectrograms", "values", "data", "tensor", "lengths", "index",
                 "value"}  # fmt: skip
_SECOND_TENSORS = {"y", "imag", "filter", "out_backprop", "max_index", "updates"}
_LENGTH_PARAMS = {"frame_length", "frame_step", "window_length", "num_mel_bins",
                  "num_spectrogram_bins", "nbins", "num_partitions", "k", "rounds", "n",
                  "maxlen", "groups", "batch_dims", "reduction_input_size_override"}  # fmt: skip
_HERTZ = [0.0, 125.0, 3800.0, 8000.0, 16000.0, -1.0, 4000.0, math.nan, math.inf, 1e6]
_WINDOWS = ["hann_window", "hamming_window", "vorbis_window", "kaiser_window",
            "kaiser_bessel_derived_window"]  # fmt: skip


class WindowArg:
    """A window function argument: one of tf.signal's windows, perhaps with periodic=False
    or a beta, or inverse_stft_window_fn over one of them; built per library."""

    def __init__(self, window: str | None, periodic: bool = True, beta: float | None = None,
                 inverse_step: int | None = None):  # fmt: skip
        self.window, self.periodic, self.beta, self.inverse_step = (
            window, periodic, beta, inverse_step)  # fmt: skip

    def build(self, lib, as_tensor=False):
        if self.window is None:
            return None
        base = fz.resolve(lib, "tf.signal." + self.window)
        kwargs = {}
        if not self.periodic and self.window in ("hann_window", "hamming_window"):
            kwargs["periodic"] = False
        if self.beta is not None and self.window.startswith("kaiser"):
            kwargs["beta"] = self.beta
        fn = (
            (lambda length, dtype=lib.float32: base(length, dtype=dtype, **kwargs))
            if kwargs
            else base
        )
        if self.inverse_step is not None:
            return lib.signal.inverse_stft_window_fn(self.inverse_step, forward_window_fn=fn)
        return fn

    def __repr__(self) -> str:
        if self.window is None:
            return "None"
        text = f"tf.signal.{self.window}"
        extra = []
        if not self.periodic and self.window in ("hann_window", "hamming_window"):
            extra.append("periodic=False")
        if self.beta is not None and self.window.startswith("kaiser"):
            extra.append(f"beta={self.beta!r}")
        if extra:
            text = f"lambda n, dtype=tf.float32: {text}(n, dtype=dtype, {', '.join(extra)})"
        if self.inverse_step is not None:
            text = f"tf.signal.inverse_stft_window_fn({self.inverse_step}, {text})"
        return text


def _shape_between(draw, low: int, high: int) -> tuple:
    side = st.one_of(st.integers(1, 4), st.integers(0, 5), st.sampled_from([8]))
    shape = draw(st.lists(side, min_size=low, max_size=high).map(tuple))
    while math.prod(shape) > 64:
        shape = tuple(max(1, s // 2) for s in shape)
    return shape


def _main_value(draw, short: str, context: dict):
    if short in _COMPLEX_INPUT:
        dtypes = fz.COMPLEX
    elif short in _FLOAT_INPUT:
        dtypes = ["float32", "float32", "float64", "float16"]
    elif short in _INT_INPUT:
        dtypes = fz.INTS
    else:
        dtypes = None
    low = _MIN_RANK.get(short, 0)
    if draw(st.integers(0, 9)) == 0:
        low = max(low - 1, 0)
    shape = _shape_between(draw, low, max(low, 3) if low < 4 else low)
    if dtypes is not None and draw(st.integers(0, 4)):
        value = draw(fz.values(dtype=draw(st.sampled_from(dtypes)), shape=shape))
    else:
        value = draw(fz.values(shape=shape if draw(st.booleans()) else None))
    context.setdefault("first", value)
    return value


def _length(draw):
    """A length or step: mostly small and valid; zero, negative, huge, float, tensor now and then."""
    n = draw(st.one_of(st.integers(1, 8), st.integers(1, 8), st.integers(-1, 9),
                       st.sampled_from([16, 2**31, None, 2.0])))  # fmt: skip
    form = draw(st.sampled_from(["int", "int", "int", "np", "tensor"]))
    if n is None or isinstance(n, float) or form == "int":
        return n
    if form == "np":
        return np.int64(n)
    return fz.Value(np.array(n, dtype="int64" if abs(n) >= 2**31 else "int32"), "tensor")


def _int_rows(draw, rows: int, low: int, high: int, form=None):
    array = np.array(
        [[draw(st.integers(low, high)) for _ in range(2)] for _ in range(rows)], dtype=np.int32
    ).reshape(rows, 2)
    return fz.Value(array, form or draw(st.sampled_from(["tensor", "list", "ndarray"])))


def argument(draw, op: str, param: str, context: dict):
    """An argument for ``param`` of one of OPS, or GENERIC."""
    short = op.rsplit(".", 1)[1]
    first = context.get("first")
    rank = first.array.ndim if first is not None and first.form != "ragged" else 1
    if short in ("identity_n", "shape_n", "parallel_stack") and param in ("input", "values"):
        base = draw(fz.values())
        if base.form == "ragged":
            return fz.ListArg([base])
        items = [base] + [
            draw(fz.values(dtype=None if draw(st.integers(0, 5)) == 0 else base.dtype,
                        shape=None if draw(st.integers(0, 5)) == 0 else base.array.shape))
            for _ in range(draw(st.integers(0, 3)))
        ]  # fmt: skip
        context.setdefault("first", base)
        return fz.ListArg(items)
    if short == "dynamic_stitch":
        if param == "indices":
            count = draw(st.integers(1, 3))
            shapes = [_shape_between(draw, 0, 2) for _ in range(count)]
            items = [fz.Value(np.array(draw(st.lists(st.integers(-1, 6), min_size=math.prod(s),
                                                   max_size=math.prod(s))),
                                    dtype=np.int32).reshape(s), "tensor") for s in shapes]  # fmt: skip
            context["stitch_shapes"] = shapes
            return fz.ListArg(items)
        if param == "data":
            tail = _shape_between(draw, 0, 1)
            dtype = draw(st.sampled_from(fz.ALL_DTYPES))
            items = [draw(fz.values(dtype=dtype, shape=tuple(s) + tail, forms=["tensor", "list"]))
                     for s in context.get("stitch_shapes", [()])]  # fmt: skip
            if draw(st.integers(0, 9)) == 0:
                items.append(draw(fz.values()))
            return fz.ListArg(items)
    if param in _MAIN_TENSORS and first is None:
        return _main_value(draw, short, context)
    if param in _SECOND_TENSORS or (param in _MAIN_TENSORS and first is not None):
        if first is not None and first.form != "ragged" and draw(st.integers(0, 9)) < 7:
            shape = first.array.shape
            if short in ("conv", "conv2d_backprop_filter_v2", "conv2d_backprop_input_v2"):
                shape = _shape_between(draw, 4, 4)
            elif short.startswith("tensor_scatter") or short == "random_index_shuffle":
                shape = None if draw(st.booleans()) else shape
            elif draw(st.integers(0, 3)) == 0:
                shape = shape[1:]  # broadcastable
            return draw(fz.values(dtype=first.dtype, shape=shape))
        return draw(fz.values())
    if param == "type":
        if short in ("dct", "idct"):
            return draw(st.sampled_from([1, 2, 3, 4, 2, 2, 0, 5]))
        return fz.DTypeArg(draw(st.sampled_from(fz.ALL_DTYPES)))  # bitcast
    if param == "norm":
        if short in ("dct", "idct", "mdct", "inverse_mdct"):
            return draw(st.sampled_from([None, None, "ortho", "bad"]))
        return draw(st.sampled_from([None, "backward", "ortho", "forward", "bad"]))
    if param == "fft_length":
        if short in ("stft", "inverse_stft"):
            return _length(draw)
        if short.endswith("nd") or short[-2:] in ("2d", "3d") or short in ("rfft", "irfft"):
            if draw(st.integers(0, 3)) == 0 and not short.startswith(("fft", "ifft", "rfftnd")):
                return None
            dims = {"2d": 2, "3d": 3}.get(short[-2:], 1)
            if short.endswith("nd"):
                dims = draw(st.integers(0, min(rank, 3)))
            return fz.int_vectors(draw, length=dims, low=0, high=8)
    if param == "axes" and short in ("fftnd", "ifftnd", "rfftnd", "irfftnd"):
        if draw(st.integers(0, 3)) == 0 and op.startswith("tf.signal"):
            return None
        count = draw(st.integers(0, min(rank, 3)))
        items = sorted(draw(st.lists(st.integers(-rank - 1, rank), min_size=count,
                                     max_size=count, unique=True)))  # fmt: skip
        return items if draw(st.booleans()) else fz.Value(np.array(items, dtype=np.int32), "tensor")
    if param == "window_fn":
        window = draw(st.sampled_from(_WINDOWS + [None]))
        step = _length(draw) if short == "inverse_stft" and draw(st.booleans()) else None
        if not isinstance(step, int):
            step = None
        return WindowArg(window, periodic=draw(st.booleans()),
                         beta=draw(st.sampled_from([None, 0.0, 5.0, 12.0, -1.0])),
                         inverse_step=step)  # fmt: skip
    if param in _LENGTH_PARAMS:
        return _length(draw)
    if param in ("pad_end", "periodic", "is_max_k", "aggregate_to_topk"):
        return draw(st.booleans())
    if param in ("sample_rate", "lower_edge_hertz", "upper_edge_hertz"):
        return draw(st.sampled_from(_HERTZ))
    if param in ("beta", "recall_target", "pad_value"):
        return draw(st.sampled_from([0.0, 0.5, 0.95, 1.0, 5.0, 12.0, -1.0, math.nan]))
    if param in ("axis", "reduction_dimension", "seq_axis", "batch_axis"):
        return draw(st.one_of(st.integers(-rank, max(rank - 1, 0)), st.integers(-rank - 1, rank),
                              st.none()))  # fmt: skip
    if param == "dtype":
        if short in ("histogram_fixed_width", "histogram_fixed_width_bins", "sequence_mask",
                     "saturate_cast"):  # fmt: skip
            return fz.DTypeArg(draw(st.sampled_from(fz.ALL_DTYPES)))
        return fz.DTypeArg(draw(st.sampled_from(fz.FLOATS + fz.FLOATS + ["int32", "complex64"])))
    if param == "value_range":
        low = draw(st.sampled_from([0.0, -1.0, -4.0, 1.0, math.nan, -math.inf]))
        high = draw(st.sampled_from([1.0, 5.0, 0.0, 4.0, math.inf, math.nan]))
        dtype = (
            first.dtype if first is not None and first.dtype in fz.FLOATS + fz.INTS else "float32"
        )
        with np.errstate(all="ignore"):
            array = np.array([low, high]).astype(dtype)
        if draw(st.integers(0, 9)) == 0:
            array = array[:1]
        return fz.Value(array, draw(st.sampled_from(["tensor", "list", "ndarray"])))
    if param == "partitions":
        shape = first.array.shape[: draw(st.integers(0, first.array.ndim))] if (
            first is not None and first.form != "ragged") else ()  # fmt: skip
        flat = draw(st.lists(st.integers(-1, 3), min_size=math.prod(shape),
                             max_size=math.prod(shape)))  # fmt: skip
        return fz.Value(np.array(flat, dtype=np.int32).reshape(shape), "tensor")
    if param in ("block_shape", "dims", "ksizes", "input_shape") or (
        param == "strides" and short in ("extract_volume_patches",)
    ):
        length = {"ksizes": 5, "strides": 5}.get(param, draw(st.integers(1, 2)))
        low = 0 if param == "input_shape" else 1
        return fz.int_vectors(draw, length=length, low=low - 1 if draw(st.integers(0, 5)) == 0 else low,
                           high=4)  # fmt: skip
    if param in ("crops", "paddings", "base_paddings"):
        if param == "base_paddings" and draw(st.booleans()):
            return None
        return _int_rows(
            draw, draw(st.integers(1, 2)), -1 if draw(st.integers(0, 9)) == 0 else 0, 2
        )
    if param == "seq_lengths":
        count = draw(st.integers(0, 4))
        return fz.Value(np.array(draw(st.lists(st.integers(-1, 4), min_size=count, max_size=count)),
                              dtype=draw(st.sampled_from(["int32", "int64"]))), "tensor")  # fmt: skip
    if param == "seed":  # random_index_shuffle: a key of 3 integers
        return fz.Value(np.array(draw(st.lists(st.integers(0, 2**31 - 1), min_size=3, max_size=3)),
                              dtype=draw(st.sampled_from(["int32", "int64", "uint32", "uint64"]))),
                     draw(st.sampled_from(["tensor", "list"])))  # fmt: skip
    if param == "method":
        return draw(st.sampled_from(["farmhash64", "farmhash64", "md5"]))
    if param == "data_format" and short == "conv":
        return draw(st.sampled_from(["CHANNELS_LAST", "CHANNELS_FIRST", "NHWC", "bad"]))
    if param == "explicit_paddings":
        return draw(st.sampled_from([[], [0, 0, 1, 1, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]]))
    if param in ("strides", "dilations") and short.startswith("conv"):
        return draw(st.sampled_from([[1, 1, 1, 1], [1, 2, 2, 1], [1, 1], [2, 2], [], [1, 1, 1]]))
    return GENERIC


def install(module) -> list:
    """Hand this block the main fuzzer's helpers; returns the op names it adds."""
    global fz
    fz = module
    return OPS
