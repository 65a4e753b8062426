"""Bad input to tf.image's box ops, multiscale SSIM and random ops: the exception
class and message TensorFlow 2.21 gives, recorded in ``image_ops.json`` by
``make_snippets_golden.py image_ops`` (TF venv) and replayed on tapeflow by
``tests/test_image_boxes.py``. Each snippet prints ``Class: message`` (or the value
on success) for a few calls; messages are normalised by the harness.
"""

import textwrap

SNIPPETS: dict[str, str] = {}

_HELPERS = """
B = tf.constant([[0., 0, 1, 1], [0, 0.1, 1, 1.1]])
S = tf.constant([0.9, 0.8])
IMG = tf.ones([1, 4, 4, 1])

def attempt(fn):
    try:
        out = fn()
    except Exception as e:
        show_error(e)
        return
    values = out if isinstance(out, (list, tuple)) else [out]
    for v in values:
        v = np.asarray(v.numpy() if hasattr(v, "numpy") else v)
        print("ok", v.dtype, list(v.shape), np.round(v.astype(np.float64), 5).tolist() if v.size < 64 else "")
"""


def _snippet(name: str, calls: list[str]) -> None:
    body = "\n".join(f"attempt(lambda: {call})" for call in calls)
    SNIPPETS[name] = textwrap.dedent(_HELPERS).lstrip("\n") + body + "\n"


_snippet(
    "nms_errors",
    [
        "tf.image.non_max_suppression(tf.ones([2, 3]), S, 2)",
        "tf.image.non_max_suppression(tf.ones([2]), S, 2)",
        "tf.image.non_max_suppression(B, tf.ones([3]), 2)",
        "tf.image.non_max_suppression(B, tf.ones([2, 1]), 2)",
        "tf.image.non_max_suppression(B, S, -1)",
        "tf.image.non_max_suppression(B, S, [2])",
        "tf.image.non_max_suppression(B, S, 2.5)",
        "tf.image.non_max_suppression(B, S, 2, 1.5)",
        "tf.image.non_max_suppression(tf.cast(B, tf.float64), tf.cast(S, tf.float64), 2)",
        "tf.image.non_max_suppression(B, tf.cast(S, tf.float64), 2)",
        "tf.image.non_max_suppression_with_scores(B, S, 2, soft_nms_sigma=-1.0)",
        "tf.image.non_max_suppression_with_scores(B, S, 2, iou_threshold=-0.5)",
        "tf.image.non_max_suppression_overlaps(tf.ones([2, 3]), S, 2)",
        "tf.image.non_max_suppression_overlaps(tf.ones([2, 2]), tf.ones([3]), 2)",
        "tf.image.non_max_suppression_overlaps(tf.ones([2, 2], tf.float64), S, 2)",
        "tf.image.non_max_suppression_overlaps(tf.ones([2, 2]), S, 2, overlap_threshold=1.5)",
        "tf.image.non_max_suppression_padded(B[None], S[None], 2)",
    ],
)
_snippet(
    "combined_nms_errors",
    [
        "tf.image.combined_non_max_suppression(tf.ones([1, 2, 4]), tf.ones([1, 2, 3]), 2, 3)",
        "tf.image.combined_non_max_suppression(tf.ones([1, 2, 2, 4]), tf.ones([1, 2, 3]), 2, 3)",
        "tf.image.combined_non_max_suppression(tf.ones([1, 2, 1, 4]), tf.ones([1, 3, 3]), 2, 3)",
        "tf.image.combined_non_max_suppression(tf.ones([1, 2, 1, 4]), tf.ones([1, 2, 3]), 0, 3)",
        "tf.image.combined_non_max_suppression(tf.ones([1, 2, 1, 4]), tf.ones([1, 2, 3]), 2, 0)",
        "tf.image.combined_non_max_suppression(tf.ones([1, 2, 1, 4]), tf.ones([1, 2, 3]), 2, 3, iou_threshold=2.0)",
        "tf.image.combined_non_max_suppression(tf.ones([1, 2, 1, 3]), tf.ones([1, 2, 3]), 2, 3)",
    ],
)
_snippet(
    "crop_and_resize_errors",
    [
        "tf.image.crop_and_resize(tf.ones([4, 4, 1]), [[0., 0, 1, 1]], [0], [2, 2])",
        "tf.image.crop_and_resize(IMG, [[0., 0, 1]], [0], [2, 2])",
        "tf.image.crop_and_resize(IMG, [[0., 0, 1, 1]], [0, 0], [2, 2])",
        "tf.image.crop_and_resize(IMG, [[0., 0, 1, 1]], [1], [2, 2])",
        "tf.image.crop_and_resize(IMG, [[0., 0, 1, 1]], [0], [0, 2])",
        "tf.image.crop_and_resize(IMG, [[0., 0, 1, 1]], [0], [2, 2, 2])",
        "tf.image.crop_and_resize(IMG, [[0., 0, 1, 1]], [0], [2, 2], method='area')",
        "tf.image.crop_and_resize(IMG, tf.constant([[0., 0, 1, 1]], tf.float64), [0], [2, 2])",
        "tf.image.crop_and_resize(IMG, [[0., 0, 1, 1]], [0.0], [2, 2])",
        "tf.image.crop_and_resize(tf.ones([1, 0, 4, 1]), [[0., 0, 1, 1]], [0], [2, 2])",
    ],
)
_snippet(
    "glimpse_errors",
    [
        "tf.image.extract_glimpse(tf.ones([4, 4, 1]), [2, 2], [[0., 0]])",
        "tf.image.extract_glimpse(IMG, [2, 2, 1], [[0., 0]])",
        "tf.image.extract_glimpse(IMG, [2, 2], [[0., 0], [0, 0]])",
        "tf.image.extract_glimpse(IMG, [2, 2], [[0., 0]], noise='pink')",
        "tf.image.extract_glimpse(tf.ones([1, 4, 4, 1], tf.float64), [2, 2], [[0., 0]])",
        "tf.image.extract_glimpse(IMG, [-2, 2], [[0., 0]])",
    ],
)
_snippet(
    "draw_errors",
    [
        "tf.image.draw_bounding_boxes(tf.ones([4, 4, 3]), [[[0., 0, 1, 1]]], [[1., 0, 0, 1]])",
        "tf.image.draw_bounding_boxes(tf.ones([1, 4, 4, 2]), [[[0., 0, 1, 1]]], [[1., 0, 0, 1]])",
        "tf.image.draw_bounding_boxes(tf.ones([1, 4, 4, 3]), [[[0., 0, 1]]], [[1., 0, 0, 1]])",
        "tf.image.draw_bounding_boxes(tf.ones([1, 4, 4, 3]), [[[0., 0, 1, 1]]], [[1., 0, 0]])",
        "tf.image.draw_bounding_boxes(tf.ones([1, 4, 4, 4]), [[[0., 0, 1, 1]]], [[1., 0, 0]])",
        "tf.image.draw_bounding_boxes(tf.ones([1, 4, 4, 3], tf.float64), [[[0., 0, 1, 1]]], [[1., 0, 0, 1]])",
        "tf.image.draw_bounding_boxes(tf.ones([2, 4, 4, 3]), [[[0., 0, 1, 1]]], [[1., 0, 0, 1]])",
        "tf.image.draw_bounding_boxes(tf.ones([1, 4, 4, 3]), [[[0., 0, 1, 1]]], tf.zeros([0, 4]))",
    ],
)
_snippet(
    "ssim_multiscale_errors",
    [
        "tf.image.ssim_multiscale(tf.ones([8, 8, 1]), tf.ones([8, 8, 1]), 1.0, power_factors=(0.5, 0.5), filter_size=5)",
        "tf.image.ssim_multiscale(tf.ones([8, 8]), tf.ones([8, 8]), 1.0)",
        "tf.image.ssim_multiscale(tf.ones([8, 8, 1]), tf.ones([8, 7, 1]), 1.0)",
    ],
)
SNIPPETS["no_gradient_ops"] = textwrap.dedent(_HELPERS).lstrip("\n") + textwrap.dedent("""
    x = tf.constant([[0.1, 0.2, 0.9, 0.8], [0.1, 0.3, 0.9, 0.9]])
    s = tf.constant([0.9, 0.8])
    img = tf.ones([1, 4, 4, 3])
    for name, fn in [
        ("nms_with_scores", lambda: tf.image.non_max_suppression_with_scores(x, s, 2, soft_nms_sigma=0.5)[1]),
        ("extract_glimpse", lambda: tf.image.extract_glimpse(img, [2, 2], [[0.0, 0.0]])),
        ("draw_bounding_boxes", lambda: tf.image.draw_bounding_boxes(img, x[None], [[1.0, 0, 0, 1]])),
    ]:
        with tf.GradientTape() as tape:
            tape.watch([x, s, img])
            y = fn()
        try:
            print(name, tape.gradient(y, [x, s, img]))
        except Exception as e:
            show_error(e)
""")
