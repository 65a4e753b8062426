"""What the fuzzer's tf.signal / top-level block (tools/fuzz_signal_bitwise.py, issue 14,
session 7, helper covsig) found, each as a small program whose output TensorFlow
recorded in ``signal_bitwise_fuzz_s7.json`` (``make_snippets_golden.py
signal_bitwise_fuzz_s7`` under the TensorFlow virtualenv);
``tests/test_signal_bitwise_fuzz_s7.py`` replays them on tapeflow.

``err(fn)`` prints the class and first message line of the exception ``fn()`` raises
(or ``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5
significant digits); ``grad_of(f, x)`` prints the gradient of ``f(x)``.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

_HELPERS = (
    ERR_SHOW_HELPERS
    + """
def cls(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        print(type(e).__name__)

def grad_of(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    show(tape.gradient(y, x))
"""
)

SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "raised_cosine_windows_odd_length",
    """
    # TF's periodic flag lengthens only an even window: an odd one stays symmetric.
    show(tf.signal.hann_window(5))
    show(tf.signal.hamming_window(7))
    show(tf.signal.hann_window(6))
    show(tf.signal.hamming_window(5, periodic=False, dtype=tf.float64))
    show(tf.signal.hann_window(1))
    show(tf.signal.hann_window(0))
    """,
)

_snippet(
    "kaiser_windows_follow_tf_formula",
    """
    # exp(num - beta) * i0e(num) / i0e(beta): a negative beta gives what TF computes.
    show(tf.signal.kaiser_window(4, beta=-1.0))
    show(tf.signal.kaiser_window(5, beta=0.95, dtype=tf.float64))
    show(tf.signal.kaiser_window(6, beta=700.0, dtype=tf.float64))
    show(tf.signal.kaiser_bessel_derived_window(6, beta=-1.0))
    show(tf.signal.kaiser_bessel_derived_window(5))
    show(tf.signal.kaiser_bessel_derived_window(1))
    """,
)

_snippet(
    "window_lengths_tf_refuses",
    """
    err(lambda: tf.signal.hann_window(-1))
    err(lambda: tf.signal.vorbis_window(-1))
    err(lambda: tf.signal.hamming_window(2**31))
    err(lambda: tf.signal.kaiser_window(0))
    err(lambda: tf.signal.kaiser_window(-3))
    cls(lambda: tf.signal.kaiser_bessel_derived_window(2**31))
    err(lambda: tf.signal.vorbis_window(2**31, dtype=tf.int32))
    err(lambda: tf.signal.hann_window(5, dtype=tf.int32))
    """,
)

_snippet(
    "empty_ffts",
    """
    # TF transforms nothing: empty results of the output's shape.
    show(tf.signal.fft([[], []]))
    show(tf.signal.ifft2d(tf.zeros([3, 0, 2], tf.complex64)))
    show(tf.signal.rfft(tf.zeros([2, 0])))
    show(tf.signal.irfft(tf.zeros([2, 0], tf.complex64)))
    show(tf.signal.irfft2d([[], []]))
    show(tf.signal.irfft3d(tf.zeros([0, 8, 8], tf.complex128)))
    show(tf.signal.rfft3d(tf.zeros([0, 8, 1])))
    show(tf.signal.dct([[], []]))
    show(tf.signal.idct([[], []]))
    show(tf.signal.inverse_mdct([[], []]))
    grad_of(lambda x: tf.signal.irfft2d(x, fft_length=[2, 2]), tf.zeros([0, 2, 2], tf.complex64))
    """,
)

_snippet(
    "fft_input_conversion",
    """
    # The raw FFT ops keep a Python complex's complex128; irfft converts to complex64;
    # rfft converts any non-Tensor (ints, bools, NumPy float16 or complex) to float32.
    show(tf.signal.fft([[1 + 1j], [2]]))
    show(tf.signal.ifft([1 + 2j, 3j]))
    show(tf.signal.fft([1.0, 2.0]))
    show(tf.signal.irfft([1 + 1j, 2 + 0j]))
    show(tf.signal.rfft([1, 2, 3]))
    show(tf.signal.rfft(np.array([1, 2], np.float16)))
    show(tf.signal.rfft(np.array([1, 2], np.int64)))
    show(tf.signal.rfft([True, False]))
    show(tf.signal.rfft2d([[[0]], [[127]]], fft_length=[1, 1]))
    err(lambda: tf.signal.rfft(tf.constant([1, 2, 3])))
    """,
)

_snippet(
    "dct_argument_checks_in_tf_order",
    """
    err(lambda: tf.signal.dct([1, 2, 3]))
    err(lambda: tf.signal.dct([True, False]))
    err(lambda: tf.signal.dct(tf.constant([1.0, 2.0, 3.0], tf.float16)))
    err(lambda: tf.signal.idct(tf.constant([1.0, 2.0], tf.float16), type=4))
    err(lambda: tf.signal.dct(tf.constant([1, 2]), type=5))
    err(lambda: tf.signal.dct(tf.constant([1, 2]), norm="bad"))
    err(lambda: tf.signal.dct([65534, 4, 2, 5], type=0, axis=0))
    err(lambda: tf.signal.dct(tf.constant([1.0, 2.0]), type=1, norm="ortho"))
    err(lambda: tf.signal.dct(tf.constant([1.0]), type=1))
    err(lambda: tf.signal.dct(tf.constant([1.0, 2.0]), n=0))
    err(lambda: tf.signal.mfccs_from_log_mel_spectrograms(tf.constant([1e4, 1e4], tf.float16)))
    """,
)

_snippet(
    "framing_and_mel_lengths",
    """
    err(lambda: tf.signal.frame([1.0, 2.0, 3.0], 2, 0))
    err(lambda: tf.signal.frame([1.0, 2.0, 3.0], -1, 1))
    show(tf.signal.frame([1.0, 2.0, 3.0], 0, 1))
    cls(lambda: tf.signal.frame([1.0, 2.0], 2**31, 5, pad_end=True))
    cls(lambda: tf.signal.mdct([1.0, 2.0, 3.0, 4.0], 2**31))
    cls(lambda: tf.signal.linear_to_mel_weight_matrix(num_spectrogram_bins=2**31))
    cls(lambda: tf.signal.linear_to_mel_weight_matrix(num_spectrogram_bins=-3))
    """,
)

_snippet(
    "dynamic_stitch_overwritten_infinity",
    """
    # A later write wins; the overwritten Inf must not leak NaN into the value.
    idx = [tf.constant(0), tf.constant(2), tf.constant(0)]
    data = [tf.constant(np.inf, tf.float16), tf.constant(-0.5, tf.float16),
            tf.constant(-0.25, tf.float16)]
    show(tf.dynamic_stitch(idx, data))
    x = tf.constant([np.inf, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.dynamic_stitch([[0, 1], [1]], [x[:2], x[2:]])
        loss = tf.reduce_sum(y * tf.constant([1.0, 2.0]))
    show(y)
    show(tape.gradient(loss, x))
    """,
)

_snippet(
    "top_level_argument_checks",
    """
    err(lambda: tf.tensor_scatter_nd_max([[1.0], [2.0]], tf.constant(0), [[1.0], [2.0]]))
    err(lambda: tf.tensor_scatter_nd_min([1.0, 2.0], [[0], [5]], [3.0, 4.0]))
    show(tf.tensor_scatter_nd_max([1.0, 2.0], [[0], [1]], [3.0, 4.0]))
    err(lambda: tf.batch_to_space([[], []], [0], tf.constant([[0, 0]])))
    err(lambda: tf.reverse_sequence(tf.constant([[1.0]]), tf.constant([1]), seq_axis=None,
                                    batch_axis=0))
    err(lambda: tf.histogram_fixed_width(tf.constant([], tf.float32), tf.constant([1.0, 2.0]),
                                         nbins=np.int64(2147483648)))
    cls(lambda: tf.sequence_mask([2**40]))
    """,
)
