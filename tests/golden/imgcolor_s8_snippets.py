"""What session 8's imgcolor lane fixed in tf.image's colour adjustments (issue 14), each
as a small program whose output TensorFlow recorded in ``imgcolor_s8.json``
(``make_snippets_golden.py imgcolor_s8`` under the TensorFlow virtualenv);
``tests/test_imgcolor_s8.py`` replays them on tapeflow.

``bits(t)`` prints a tensor's dtype, shape and every value at full precision (float32
values as the float64 numbers they are), so a one-ulp difference shows. ``err(fn)``
prints the class and first line of the exception ``fn()`` raises (or ``ok``).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(
    ERR_SHOW_HELPERS
    + """
def bits(t):
    a = np.asarray(t.numpy())
    print(t.dtype.name, list(a.shape), a.tolist())
"""
)


_snippet(
    "contrast_channel_sums_fold_in_halves",
    """
    # AdjustContrastv2 sums each channel by folding the H x W plane in halves and scales
    # by 1 / (H * W) in float32; float64 images are adjusted in float32 (fuzz seeds 81/82).
    f64 = tf.constant(np.array([[[0.9745331726688414, 0.1593774754090348, 0.8240069171508869],
        [0.7475310155376759, 0.3425938611379389, 0.3428440123433978],
        [0.23216670165169162, 0.7129798920605739, 0.9631429771156641],
        [0.1957085424083349, 0.08403746998785822, 0.5799238795966686],
        [0.24618183372055402, 0.7525562244009255, 0.6653674882144774],
        [0.4474953427670395, 0.9515167767543042, 0.211350713495286]]]))
    bits(tf.image.adjust_contrast(f64, -1.5811857922411803))
    i32 = [[[1798679648, 561807780]], [[234731698, 641004849]], [[888658063, 1748536463]],
           [[969095166, 197387982]]]
    bits(tf.image.adjust_contrast(i32, 0))
    odd = np.random.RandomState(3).uniform(-2, 30, [2, 5, 7, 2]).astype(np.float32)
    bits(tf.image.adjust_contrast(odd, 1.37))
    bits(tf.image.adjust_contrast(odd.reshape([2, 1, 5, 7, 2]), float("inf")))
    """,
)

_snippet(
    "saturation_nan_factor_is_grey",
    """
    # std::max(0, s * NaN) is 0: a NaN factor makes every pixel grey (its max channel).
    nan = float("nan")
    bits(tf.image.adjust_saturation([[[[0.5118216276168823, 0.9504637122154236,
                                        0.14415961503982544]]]], np.float32(nan)))
    bits(tf.image.adjust_saturation(tf.constant([[[17910, 14437, 29558],
                                                  [16708, 5796, 18371]]], tf.int16), nan))
    bits(tf.image.adjust_saturation([[[[5, -2, 4]], [[-3, 2, -1]]]], nan))
    bits(tf.image.adjust_saturation(np.array([[[[65414, 47313, 60182]]]], np.uint16), nan))
    bits(tf.image.adjust_saturation(np.array([[[113, 137, 132], [87, 242, 94]]], np.uint8), nan))
    """,
)

_snippet(
    "saturation_kernel_arithmetic",
    """
    # The kernel's own HSV round trip, value for value (float64 through float32), with
    # negative, infinite, tied and over-range pixels.
    rng = np.random.RandomState(5)
    f64 = rng.uniform(-0.5, 1.5, size=[2, 3, 4, 3])
    for factor in [0.0, 0.37, 1.0, 2.5, -1.0]:
        bits(tf.image.adjust_saturation(f64, factor))
    odd = np.array([[[np.inf, 0.5, 0.25], [-np.inf, 1.0, 0.0], [0.5, 0.5, 0.25],
                     [0.25, 0.5, 0.5], [0.0, 0.0, 0.0], [-1.0, -2.0, -0.5],
                     [np.nan, 0.5, 0.1], [1.0, 1.0, 1.0]]], np.float32)
    bits(tf.image.adjust_saturation(odd, 1.7))
    """,
)

_snippet(
    "hue_nan_delta_takes_default_case",
    """
    # A NaN delta makes the hue NaN; static_cast<int>(NaN) is INT_MIN, which the kernel's
    # switch sends to its default case: (max, min, NaN), NaN becoming INT_MIN or 0.
    nan = np.float32("nan")
    bits(tf.image.adjust_hue([[[121, 131, 193], [243, 8, 36]]], nan))
    bits(tf.image.adjust_hue(tf.constant([[[52047, 17771, 33837], [20902, 51033, 23386]]],
                                         tf.uint16), nan))
    bits(tf.image.adjust_hue([[[0.25, 0.75, 0.5], [0.5, 0.5, 0.5]]], nan))
    """,
)

_snippet(
    "hue_kernel_arithmetic",
    """
    # The kernel's hue-and-range round trip, value for value (float64 through float32).
    rng = np.random.RandomState(6)
    f64 = rng.uniform(-0.5, 1.5, size=[2, 3, 4, 3])
    for delta in [0.0, -0.0, 0.123, -0.77, 1.0, -1.0]:
        bits(tf.image.adjust_hue(f64, delta))
    odd = np.array([[[np.inf, 0.5, 0.25], [-np.inf, 1.0, 0.0], [0.5, 0.5, 0.25],
                     [0.25, 0.5, 0.5], [0.0, 0.0, 0.0], [-1.0, -2.0, -0.5],
                     [np.nan, 0.5, 0.1], [1.0, 1.0, 1.0]]], np.float32)
    bits(tf.image.adjust_hue(odd, 0.4))
    """,
)

_snippet(
    "kernel_argument_checks",
    """
    # The kernels' checks (rank, 3 channels, a scalar float32 factor) and adjust_hue's
    # eager range check, which runs before anything is converted.
    img = np.full([2, 2, 3], 0.5, np.float32)
    err(lambda: tf.image.adjust_saturation(img[0], 0.5))
    err(lambda: tf.image.adjust_saturation(np.ones([2, 2, 4], np.float32), 0.5))
    err(lambda: tf.image.adjust_saturation(np.ones([0, 2, 4], np.float32), 0.5))
    err(lambda: tf.image.adjust_saturation(img, [0.5, 0.2]))
    err(lambda: tf.image.adjust_saturation(img, tf.constant(2.0, tf.float64)))
    err(lambda: tf.image.adjust_hue(img[0, 0], 0.5))
    err(lambda: tf.image.adjust_hue(np.ones([2, 2, 4], np.float32), 0.5))
    err(lambda: tf.image.adjust_hue(img, 1.5))
    err(lambda: tf.image.adjust_hue(img, tf.constant(-1.01)))
    err(lambda: tf.image.adjust_hue(img, [0.5, 0.2]))
    err(lambda: tf.image.adjust_hue(img.astype(bool), 0.5))
    err(lambda: tf.image.adjust_contrast(img[0], 0.5))
    err(lambda: tf.image.adjust_contrast(img, [0.5, 0.2]))
    err(lambda: tf.image.adjust_contrast(img, "a"))
    err(lambda: tf.image.adjust_contrast(img, tf.constant(2.0, tf.float64)))
    bits(tf.image.adjust_contrast(np.ones([0, 2, 3], np.float32), 0.5))
    bits(tf.image.adjust_saturation(np.ones([1, 1, 2, 2, 3], np.float32), np.float64(2)))
    bits(tf.image.adjust_hue(img, np.float32(1.0)))
    """,
)

_snippet(
    "gamma_and_hsv_checks",
    """
    # adjust_gamma's wrapper: `gamma >= 0` as a Python test (ValueError) or, for a tensor,
    # an Assert op (InvalidArgumentError); gamma and gain convert as operands of ** and *.
    # RGBToHSV/HSVToRGB: 3 channels (FailedPreconditionError) and at least 1-D.
    img = np.full([1, 2, 3], 0.5, np.float32)
    err(lambda: tf.image.adjust_gamma(img, float("nan")))
    err(lambda: tf.image.adjust_gamma(img, -1))
    err(lambda: tf.image.adjust_gamma(img, tf.constant(float("nan"))))
    err(lambda: tf.image.adjust_gamma(img, tf.constant([-1.0])))
    err(lambda: tf.image.adjust_gamma(img, tf.constant([0.5, 1.0])))
    err(lambda: tf.image.adjust_gamma(img, np.array([0.5, 2.0])))
    err(lambda: tf.image.adjust_gamma(img, [0.5]))
    err(lambda: tf.image.adjust_gamma(img, tf.constant(2, tf.float64)))
    err(lambda: tf.image.adjust_gamma(img, tf.constant(2)))
    err(lambda: tf.image.adjust_gamma(img, 2, tf.constant(2.0, tf.float64)))
    err(lambda: tf.image.adjust_gamma(img.astype(np.float64), tf.constant(2.0, tf.float64)))
    bits(tf.image.adjust_gamma(img, np.float64(0.5), np.float64(2)))
    bits(tf.image.adjust_gamma(img, tf.constant(0.5), tf.constant([1.0, 2.0, 3.0])))
    bits(tf.image.adjust_gamma(img.astype(np.uint8), tf.constant(2.0)))
    err(lambda: tf.image.rgb_to_hsv(np.zeros([1, 0, 4], np.float32)))
    err(lambda: tf.image.rgb_to_hsv(np.zeros([0], np.float32)))
    err(lambda: tf.image.rgb_to_hsv(np.float32(3)))
    err(lambda: tf.image.hsv_to_rgb(np.zeros([2, 4], np.float32)))
    bits(tf.image.rgb_to_hsv(np.zeros([3], np.float32)))
    bits(tf.image.rgb_to_hsv(np.zeros([1, 0, 0, 3], np.float32)))
    """,
)
