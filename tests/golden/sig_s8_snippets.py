"""What the tf.signal lane of session 8 (issue 14, helper sig) fixed, each as a small
program whose output TensorFlow recorded in ``sig_s8.json`` (``make_snippets_golden.py
sig_s8`` under the TensorFlow virtualenv); ``tests/test_sig_s8.py`` replays them on
tapeflow.

``err(fn)`` prints the class and first message line of the exception ``fn()`` raises
(or ``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5
significant digits); ``exact(t)`` prints a float tensor's values as float64 (every bit
of a float16 value); ``near(t)`` prints values rounded to 3 decimals (where rounding
noise near 0 differs between FFT libraries).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

_HELPERS = (
    ERR_SHOW_HELPERS
    + """
def exact(t):
    print(t.dtype.name, tf.cast(t, tf.float64).numpy().tolist())

def near(t):
    print(t.dtype.name, (np.round(t.numpy(), 3) + 0.0).tolist())
"""
)

SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "float16_windows_round_each_step",
    """
    # TF evaluates each window's formula op by op in the requested dtype: in float16
    # the rounding of every step shows (the Vorbis window of 7 is not symmetric).
    exact(tf.signal.vorbis_window(7, dtype=tf.float16))
    exact(tf.signal.vorbis_window(4, dtype=tf.float16))
    exact(tf.signal.hann_window(7, dtype=tf.float16))
    exact(tf.signal.hamming_window(5, periodic=False, dtype=tf.float16))
    exact(tf.signal.kaiser_window(5, beta=-3.0, dtype=tf.float16))
    exact(tf.signal.kaiser_window(4, beta=12.0, dtype=tf.float16))
    exact(tf.signal.kaiser_bessel_derived_window(6, beta=12.0, dtype=tf.float16))
    # 0 / 0 in float16: the cumulative sum of an all-zero Kaiser half is 0.
    exact(tf.signal.kaiser_bessel_derived_window(2, beta=100.0, dtype=tf.float16))
    show(tf.signal.vorbis_window(6, dtype=tf.float64))
    show(tf.signal.hann_window(1, dtype=tf.float16))
    """,
)

_snippet(
    "overlap_and_add_empty_frames",
    """
    # Frames of length 0 still span (frames - 1) * frame_step samples.
    show(tf.signal.overlap_and_add(np.zeros((4, 0), np.float16), 5))
    show(tf.signal.overlap_and_add(np.zeros((2, 4, 0), np.float16), 1))
    show(tf.signal.overlap_and_add(np.zeros((0, 3)), 2))
    show(tf.signal.overlap_and_add(np.zeros((3, 0, 3)), 2))
    show(tf.signal.overlap_and_add(np.zeros((0, 2)), 3))
    """,
)

_snippet(
    "overlap_and_add_steps_and_dtypes",
    """
    show(tf.signal.overlap_and_add(tf.ones([2, 3]), 2))
    show(tf.signal.overlap_and_add(tf.ones([2, 3]), 5))
    show(tf.signal.overlap_and_add(tf.ones([2, 2, 3]), np.uint8(2)))
    show(tf.signal.overlap_and_add(tf.constant([[True, False]]), 2))
    show(tf.signal.overlap_and_add(tf.ones([2, 3], tf.int32), 2))
    # TF's shape arithmetic: a zero or negative step fails in its Pad, a float step
    # or a vector in its wrapper, strings in its sum.
    err(lambda: tf.signal.overlap_and_add(tf.ones([2, 3]), 0))
    err(lambda: tf.signal.overlap_and_add(tf.ones([2, 3]), -2))
    err(lambda: tf.signal.overlap_and_add(tf.ones([2, 3]), 2.0))
    err(lambda: tf.signal.overlap_and_add(tf.ones([2, 3]), [2]))
    err(lambda: tf.signal.overlap_and_add(tf.ones([3]), 2))
    err(lambda: tf.signal.overlap_and_add(tf.constant([["a", "b"]]), 1))
    """,
)

_snippet(
    "overlap_and_add_gradient",
    """
    x = tf.constant(np.arange(12.0).reshape(2, 2, 3))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.signal.overlap_and_add(x, 2) * tf.constant(np.arange(5.0) + 1)
    show(tape.gradient(y, x))
    """,
)

_snippet(
    "pad_strings_with_empty_bytes",
    """
    show(tf.pad(tf.constant(["a", "b"]), [[1, 2]]))
    show(tf.pad(tf.constant([["a", "b"]]), [[1, 0], [0, 1]]))
    show(tf.pad(tf.constant(["a"]), [[1, 1]], constant_values="x"))
    """,
)

_snippet(
    "dct_through_real_ffts",
    """
    x = tf.constant([[3.0, 1.0, 2.0, 0.5], [-1.0, 4.0, 0.25, 2.0]])
    for kind in (1, 2, 3, 4):
        show(tf.signal.dct(x, type=kind))
    for kind in (2, 3, 4):
        show(tf.signal.dct(x, type=kind, norm="ortho"))
        show(tf.signal.idct(x, type=kind, norm="ortho"))
    show(tf.signal.dct(tf.constant([[3.0, 1.0, 2.0]], tf.float64), n=5, norm="ortho"))
    show(tf.signal.dct(tf.constant([[3.0, 1.0, 2.0]], tf.float64), n=2))
    show(tf.signal.dct(tf.constant([3.0]), type=4, norm="ortho"))
    near(tf.signal.mdct(tf.ones([16]), 8))
    near(tf.signal.mfccs_from_log_mel_spectrograms(tf.ones([2, 4])))
    """,
)

_snippet(
    "dct_gradients",
    """
    x = tf.constant([[3.0, 1.0, 2.0, 0.5]])
    for kind in (1, 2, 3, 4):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.signal.dct(x, type=kind) * tf.constant([1.0, 2.0, 3.0, 4.0])
        near(tape.gradient(y, x))
    """,
)

_snippet(
    "dct_large_length",
    """
    # A long DCT is a real FFT of twice its length, not an N x N matrix.
    x = tf.constant(np.cos(np.arange(40000.0) * 0.001))
    y = tf.signal.dct(x, norm="ortho")
    show(y[:3])
    show(tf.signal.idct(y, norm="ortho")[-2:])
    """,
)

_snippet(
    "fft_length_read_as_int32_tensor",
    """
    r = tf.constant([1.0, 2.0, 3.0, 4.0])
    c = tf.constant([1 + 2j, 3, 4, 5], tf.complex64)
    # TF's wrappers iterate over fft_length: a scalar or a matrix fails there.
    err(lambda: tf.signal.rfft(r, 4))
    err(lambda: tf.signal.rfft(r, tf.constant(4)))
    err(lambda: tf.signal.irfft(c, 4))
    err(lambda: tf.signal.irfft2d(tf.ones([2, 2], tf.complex64), 4))
    err(lambda: tf.signal.rfft(r, [[4]]))
    err(lambda: tf.signal.ifftnd(c, fft_length=1099511627776))
    err(lambda: tf.signal.fftnd(c, fft_length=4))
    err(lambda: tf.signal.rfft(r, [4.0]))
    err(lambda: tf.signal.rfft(r, [-1]))
    err(lambda: tf.signal.irfft(c, [-1]))
    err(lambda: tf.signal.rfft(r, []))
    # A Python int past int32 wraps as TF's int32 conversion does: 2**33 + 3 is 3.
    show(tf.signal.rfft(r, [2**33 + 3]))
    show(tf.signal.rfft2d(tf.ones([2, 2]), [2, 2**32 + 2]))
    show(tf.signal.rfft(r, np.array([5])))
    """,
)

_snippet(
    "numpy_object_arrays",
    """
    # The FFT ops try their default dtype (complex64) first, as a cast of the array.
    show(tf.signal.fft(np.array([[[], []], [[], []]], dtype=object)))
    show(tf.signal.ifft(np.array([1, 2], dtype=object)))
    show(tf.signal.fft(np.array([1j, 2], dtype=object)))
    show(tf.signal.rfft(np.array([[], []], dtype=object)))
    show(tf.signal.frame(np.array([], dtype=object), 1, 1))
    O = lambda *v: np.array(list(v), dtype=object)
    for value in [O(), O(1, 2), O(1.5, 2), O("1.5"), O("a", 1), O(None), O(np.float32(1)),
                  O(True), O(b"a"), np.array(["1.5"]), np.array(1.5, dtype=object)]:
        for hint in (None, tf.complex64, tf.float32, tf.int32, tf.bool):
            err(lambda: show(tf.convert_to_tensor(value, dtype_hint=hint)))
        err(lambda: show(tf.constant(value, dtype=tf.string)))
        err(lambda: show(tf.constant(value, dtype=tf.float32)))
    err(lambda: tf.convert_to_tensor(O(2**40), dtype_hint=tf.int32))
    """,
)

_snippet(
    "argument_checks_in_tf_order",
    """
    # Window lengths convert as TF's int32 scalars; DCTs fail where TF's wrapper does.
    err(lambda: tf.signal.hann_window(2.0))
    err(lambda: tf.signal.vorbis_window(2.0))
    err(lambda: tf.signal.kaiser_window(None))
    err(lambda: tf.signal.kaiser_bessel_derived_window([4]))
    err(lambda: tf.signal.vorbis_window(tf.constant(2**31, tf.int64)))
    err(lambda: tf.signal.hann_window(2**31 + 4))
    show(tf.signal.kaiser_window(2**32 + 3, dtype=tf.float64))
    err(lambda: tf.signal.dct(tf.ones([3]), n=2.0))
    err(lambda: tf.signal.dct(tf.ones([2, 3]), n=5.0))
    err(lambda: tf.signal.dct(tf.constant(1.0)))
    err(lambda: tf.signal.dct(tf.constant(1 + 1j)))
    err(lambda: tf.signal.dct(tf.constant(1, tf.int32)))
    err(lambda: tf.signal.dct(tf.ones([3], tf.float16), type=1))
    err(lambda: tf.signal.dct(tf.ones([3], tf.float16), type=4))
    show(tf.signal.dct(tf.ones([3]), n=tf.constant(2)))
    # The complex FFTs' kernels check the rank; the real FFTs' wrappers check it first.
    err(lambda: tf.signal.fft(3.0))
    err(lambda: tf.signal.fft2d(tf.ones([3], tf.complex64)))
    err(lambda: tf.signal.rfft(tf.constant(1.0)))
    err(lambda: tf.signal.irfft2d(tf.ones([3], tf.complex64)))
    # A bool signal pads with False, then fails in TF's sum.
    try:
        tf.signal.overlap_and_add(tf.constant([[True, False], [True, True]]), 1)
    except Exception as e:
        print(type(e).__name__)
    show(tf.signal.overlap_and_add(tf.constant([[True, False]]), 2))
    """,
)

_snippet(
    "fresh_seed_91_checks",
    """
    # fftshift's axes go through TF's int32 arithmetic; an empty axis has no ortho weights.
    err(lambda: tf.signal.fftshift(tf.ones([2, 3]), axes="0"))
    err(lambda: tf.signal.ifftshift(tf.ones([2, 3]), axes=0.0))
    show(tf.signal.fftshift(tf.constant([[1, 2, 3], [4, 5, 6]]), axes=1))
    err(lambda: tf.signal.idct(tf.zeros([2, 0]), type=3, norm="ortho"))
    err(lambda: tf.signal.dct(tf.zeros([2, 0]), type=2, norm="ortho"))
    show(tf.signal.dct(tf.zeros([2, 0]), type=4, norm="ortho"))
    show(tf.signal.dct(tf.zeros([2, 0]), type=2))
    """,
)

_snippet(
    "nd_ffts_read_the_input_shape_first",
    """
    # With axes=None TF's n-D wrappers read input.shape before converting the input.
    err(lambda: tf.signal.fftnd([1 + 2j, 3j], fft_length=4))
    err(lambda: tf.signal.ifftnd(0.5 + 0j))
    err(lambda: tf.signal.rfftnd([1.0, 2.0]))
    err(lambda: tf.signal.irfftnd([[1j]]))
    """,
)
