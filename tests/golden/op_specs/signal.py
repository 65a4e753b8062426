"""Golden cases for tf.signal: FFTs (complex, real, n-D), framing, windows, STFTs,
DCTs, MDCTs and mel features; complex results are compared through their real
and imaginary parts."""

from tests.golden.opcases import Arg, OpCase

V8 = Arg(shape=(8,))
M = Arg(shape=(3, 4))
NO_3D_GRAD = (
    "TF registers no gradient for RFFT3D/IRFFT3D (LookupError); tapeflow's are "
    "checked by check_grads"
)
NO_ND_KERNEL = (
    "TF 2.21's CPU build has no FFTND kernel; tests/test_signal.py compares the "
    "values with numpy.fft, check_grads the derivatives"
)
SKIP3 = ("value", "grad", "grad2", "jvp")


def parts(expr: str) -> str:
    return f"[tf.math.real({expr}), tf.math.imag({expr})]"


CASES = [
    OpCase("fft", "lambda a, b: " + parts("tf.signal.fft(tf.complex(a, b))"), [M, M]),
    OpCase("ifft", "lambda a, b: " + parts("tf.signal.ifft(tf.complex(a, b))"), [M, M]),
    OpCase(
        "fft2d",
        "lambda a, b: " + parts("tf.signal.fft2d(tf.complex(a, b))"),
        [Arg(shape=(2, 3, 4)), Arg(shape=(2, 3, 4))],
    ),  # fmt: skip
    OpCase("ifft2d", "lambda a, b: " + parts("tf.signal.ifft2d(tf.complex(a, b))"), [M, M]),
    OpCase(
        "fft3d",
        "lambda a, b: " + parts("tf.signal.fft3d(tf.complex(a, b))"),
        [Arg(shape=(2, 2, 3)), Arg(shape=(2, 2, 3))],
    ),  # fmt: skip
    OpCase(
        "ifft3d",
        "lambda a, b: " + parts("tf.signal.ifft3d(tf.complex(a, b))"),
        [Arg(shape=(2, 2, 3)), Arg(shape=(2, 2, 3))],
    ),  # fmt: skip
    OpCase("rfft", "lambda x: " + parts("tf.signal.rfft(x)"), [M]),
    OpCase("rfft_odd", "lambda x: " + parts("tf.signal.rfft(x)"), [Arg(shape=(2, 5))]),
    OpCase("rfft_pad", "lambda x: " + parts("tf.signal.rfft(x, [8])"), [M]),
    OpCase("rfft2d", "lambda x: " + parts("tf.signal.rfft2d(x)"), [Arg(shape=(2, 3, 4))]),
    OpCase(
        "rfft3d",
        "lambda x: " + parts("tf.signal.rfft3d(x)"),
        [Arg(shape=(2, 3, 4), differentiable=False)],
        note=NO_3D_GRAD,
    ),  # fmt: skip
    OpCase(
        "rfft3d_grads",
        "lambda x: tf.signal.rfft3d(x)",
        [Arg(shape=(2, 3, 4))],
        skip=SKIP3,
        note=NO_3D_GRAD,
    ),  # fmt: skip
    OpCase(
        "irfft",
        "lambda a, b: tf.signal.irfft(tf.complex(a, b))",
        [Arg(shape=(2, 5)), Arg(shape=(2, 5))],
    ),  # fmt: skip
    OpCase(
        "irfft_odd_length",
        "lambda a, b: tf.signal.irfft(tf.complex(a, b), [7])",
        [Arg(shape=(2, 4)), Arg(shape=(2, 4))],
    ),  # fmt: skip
    OpCase(
        "irfft2d",
        "lambda a, b: tf.signal.irfft2d(tf.complex(a, b))",
        [Arg(shape=(3, 3)), Arg(shape=(3, 3))],
    ),  # fmt: skip
    OpCase(
        "irfft3d",
        "lambda a, b: tf.signal.irfft3d(tf.complex(a, b), [2, 2, 4])",
        [Arg(shape=(2, 2, 3), differentiable=False), Arg(shape=(2, 2, 3), differentiable=False)],
        note=NO_3D_GRAD,
    ),  # fmt: skip
    OpCase(
        "irfft3d_grads",
        "lambda a, b: tf.signal.irfft3d(tf.complex(a, b), [2, 2, 4])",
        [Arg(shape=(2, 2, 3)), Arg(shape=(2, 2, 3))],
        skip=SKIP3,
        note=NO_3D_GRAD,
    ),  # fmt: skip
    OpCase(
        "fftnd",
        "lambda a, b: " + parts("tf.signal.fftnd(tf.complex(a, b), axes=[0, 2])"),
        [Arg(shape=(2, 3, 4)), Arg(shape=(2, 3, 4))],
        skip=SKIP3,
        note=NO_ND_KERNEL,
    ),  # fmt: skip
    OpCase(
        "ifftnd_ortho",
        "lambda a, b: " + parts("tf.signal.ifftnd(tf.complex(a, b), norm='ortho')"),
        [M, M],
        skip=SKIP3,
        note=NO_ND_KERNEL,
    ),  # fmt: skip
    OpCase(
        "rfftnd",
        "lambda x: " + parts("tf.signal.rfftnd(x, fft_length=[4, 6], axes=[0, 1])"),
        [M],
        skip=SKIP3,
        note=NO_ND_KERNEL,
    ),  # fmt: skip
    OpCase(
        "irfftnd",
        "lambda a, b: tf.signal.irfftnd(tf.complex(a, b), axes=[-2, -1])",
        [M, M],
        skip=SKIP3,
        note=NO_ND_KERNEL,
    ),  # fmt: skip
    OpCase("fftshift", "lambda x: tf.signal.fftshift(x)", [Arg(shape=(3, 5))]),
    OpCase("ifftshift", "lambda x: tf.signal.ifftshift(x, axes=1)", [Arg(shape=(3, 5))]),
    OpCase("frame", "lambda x: tf.signal.frame(x, 3, 2)", [Arg(shape=(2, 8))]),
    OpCase(
        "frame_pad_end",
        "lambda x: tf.signal.frame(x, 3, 2, pad_end=True, axis=0)",
        [Arg(shape=(8, 2))],
    ),  # fmt: skip
    OpCase(
        "overlap_and_add", "lambda x: tf.signal.overlap_and_add(x, 2)", [Arg(shape=(2, 3, 4))]
    ),  # fmt: skip
    OpCase(
        "windows",
        "lambda: [tf.signal.hann_window(8), tf.signal.hann_window(7, periodic="
        "False), tf.signal.hamming_window(6), tf.signal.kaiser_window(7, beta=4.0), "
        "tf.signal.kaiser_bessel_derived_window(8), tf.signal.vorbis_window(8)]",
        [],
    ),  # fmt: skip
    OpCase(
        "stft",
        "lambda x: " + parts("tf.signal.stft(x, 8, 4)"),
        [Arg(shape=(2, 24))],
        rtol=1e-4,
        atol=1e-5,
    ),  # fmt: skip
    OpCase(
        "stft_pad_end",
        "lambda x: " + parts("tf.signal.stft(x, 6, 3, 8, pad_end=True)"),
        [Arg(shape=(20,))],
        rtol=1e-4,
        atol=1e-5,
    ),  # fmt: skip
    OpCase(
        "inverse_stft",
        "lambda a, b: tf.signal.inverse_stft(tf.complex(a, b), 8, 4, "
        "window_fn=tf.signal.inverse_stft_window_fn(4))",
        [Arg(shape=(3, 5)), Arg(shape=(3, 5))],
    ),  # fmt: skip
    OpCase("dct2", "lambda x: tf.signal.dct(x)", [M]),
    OpCase("dct2_ortho", "lambda x: tf.signal.dct(x, norm='ortho')", [M]),
    OpCase("dct1", "lambda x: tf.signal.dct(x, type=1)", [M]),
    OpCase("dct3", "lambda x: tf.signal.dct(x, type=3)", [M]),
    OpCase("dct3_ortho", "lambda x: tf.signal.dct(x, type=3, norm='ortho')", [M]),
    OpCase("dct4_n", "lambda x: tf.signal.dct(x, type=4, n=6)", [M]),
    OpCase("idct", "lambda x: tf.signal.idct(x, norm='ortho')", [V8]),
    OpCase("mdct", "lambda x: tf.signal.mdct(x, 8)", [Arg(shape=(2, 16))], rtol=1e-4),
    OpCase(
        "inverse_mdct", "lambda x: tf.signal.inverse_mdct(x)", [Arg(shape=(3, 4))], rtol=1e-4
    ),  # fmt: skip
    OpCase(
        "mel_matrix",
        "lambda: tf.signal.linear_to_mel_weight_matrix(8, 17, 8000.0, 100.0, "
        "3000.0, dtype=tf.float64)",
        [],
        rtol=1e-4,
        atol=1e-6,
    ),  # fmt: skip
    OpCase("mfccs", "lambda x: tf.signal.mfccs_from_log_mel_spectrograms(x)", [M]),
    OpCase(
        "angle_real_imag",
        "lambda a, b: [tf.math.angle(tf.complex(a, b)), "
        "tf.math.real(tf.math.conj(tf.complex(a, b))), tf.math.imag(tf.math.conj("
        "tf.complex(a, b)))]",
        [Arg(shape=(4,), low=0.3), Arg(shape=(4,), low=0.3)],
    ),  # fmt: skip
]
