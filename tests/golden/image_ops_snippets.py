"""Bad input to tf.image's box ops, resize, multiscale SSIM and random ops: the exception
class and message TensorFlow 2.21 gives, recorded in ``image_ops.json`` by
``make_snippets_golden.py image_ops`` (TF venv) and replayed on tapeflow by
``tests/test_image_boxes.py``. Each snippet prints ``Class: message`` (or the value
on success) for a few calls; messages are normalised by the harness.
"""

from snippet_registry import snippet_registry

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


SNIPPETS, _add = snippet_registry(_HELPERS)


def _snippet(name: str, calls: list[str]) -> None:
    _add(name, "".join(f"attempt(lambda: {call})\n" for call in calls))


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
    "resize_errors",
    [
        "tf.image.resize(tf.ones([4, 9, 1]), [4, 1], 'bilinear', preserve_aspect_ratio=True)",
        "tf.image.resize(tf.ones([4, 9, 1]), [4, 1], 'lanczos3', preserve_aspect_ratio=True)",
        "tf.image.resize(tf.ones([4, 9, 1]), [5, 2], 'bicubic', preserve_aspect_ratio=True)",
        "tf.image.resize(tf.ones([5, 10, 1]), [3, 5], 'gaussian', preserve_aspect_ratio=True)",
        "tf.image.resize(tf.ones([4, 4, 1]), [0, 3], 'nearest')",
        "tf.image.resize(tf.ones([4, 4, 1]), [3, 0], 'area')",
        "tf.image.resize(tf.ones([4, 4, 1]), [0, 3], 'bicubic')",
        "tf.image.resize(tf.ones([4, 4, 1]), [0, 3], 'bicubic', antialias=True)",
        "tf.image.resize(tf.ones([4, 4, 1]), [3, 3], 'cubic')",
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
_add(
    "no_gradient_ops",
    """
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
""",
)
_snippet(
    "random_ops_errors",
    [
        "tf.image.random_brightness(IMG, -0.1)",
        "tf.image.stateless_random_brightness(IMG, -0.1, seed=[1, 2])",
        "tf.image.random_contrast(IMG, 1.0, 0.5)",
        "tf.image.stateless_random_contrast(IMG, -0.5, 0.5, seed=[1, 2])",
        "tf.image.random_saturation(tf.ones([2, 2, 3]), 0.8, 0.8)",
        "tf.image.stateless_random_saturation(tf.ones([2, 2, 3]), -1.0, 0.8, seed=[1, 2])",
        "tf.image.random_hue(tf.ones([2, 2, 3]), 0.6)",
        "tf.image.stateless_random_hue(tf.ones([2, 2, 3]), -0.1, seed=[1, 2])",
        "tf.image.random_flip_left_right(tf.ones([2, 2]))",
        "tf.image.stateless_random_flip_up_down(tf.ones([1, 1, 2, 2, 1]), seed=[1, 2])",
        "tf.image.random_crop(tf.ones([3, 3, 1]), [4, 2, 1])",
        "tf.image.stateless_random_crop(tf.ones([3, 3, 1]), [2, 2, 2], seed=[1, 2])",
        "tf.image.stateless_random_crop(tf.ones([3, 3, 1]), [2, 2], seed=[1, 2])",
    ],
)
_snippet(
    "sample_distorted_bounding_box_errors",
    [
        "tf.image.sample_distorted_bounding_box([4, 4], [[[0.0, 0.0, 1.0, 1.0]]], seed=1)",
        "tf.image.sample_distorted_bounding_box([[4, 4, 3]], [[[0.0, 0.0, 1.0, 1.0]]], seed=1)",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[0.0, 0.0, 1.0, 1.0]], seed=1)",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0]]], seed=1)",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], tf.zeros([1, 0, 4]), seed=1)",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]], seed=1, "
        "min_object_covered=-0.5)",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]], seed=1, "
        "max_attempts=0)",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]], seed=1, "
        "area_range=[0.0, 0.5])",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]], seed=1, "
        "area_range=[0.5, 1.5])",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]], seed=1, "
        "aspect_ratio_range=[0.5])",
        "tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]], seed=1, "
        "aspect_ratio_range=[-1.0, 0.5])",
        "tf.image.stateless_sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]], "
        "seed=[1])",
        "tf.image.sample_distorted_bounding_box(tf.constant([4.0, 4.0, 3.0]), "
        "[[[0.0, 0.0, 1.0, 1.0]]], seed=1)",
    ],
)
_add(
    "random_ops_structure",
    """
    img3 = tf.reshape(tf.range(24.0), [2, 4, 3]) / 24.0
    img4 = tf.stack([img3, img3 * 0.5])
    u8 = tf.cast(img3 * 255, tf.uint8)
    def describe(t):
        print(t.dtype.name, t.shape.as_list())
    for fn in [
        lambda s: tf.image.stateless_random_flip_left_right(img4, s),
        lambda s: tf.image.stateless_random_flip_up_down(u8, s),
        lambda s: tf.image.stateless_random_brightness(u8, 0.3, s),
        lambda s: tf.image.stateless_random_brightness(tf.cast(img4, tf.float64), 0.3, s),
        lambda s: tf.image.stateless_random_contrast(img4, 0.2, 0.5, s),
        lambda s: tf.image.stateless_random_saturation(img3, 0.2, 0.5, s),
        lambda s: tf.image.stateless_random_hue(img4, 0.2, s),
        lambda s: tf.image.stateless_random_hue(tf.cast(img4, tf.float64), 0.2, s),
        lambda s: tf.image.stateless_random_saturation(tf.cast(img3, tf.float64), 0.2, 0.5, s),
        lambda s: tf.image.stateless_random_crop(img4, [1, 2, 3, 3], s),
        lambda s: tf.image.stateless_random_crop(tf.range(10), [4], tf.constant([1, 2], tf.int64)),
    ]:
        describe(fn([7, 8]))
    for t in tf.image.stateless_sample_distorted_bounding_box(
            tf.constant([40, 30, 3], tf.int64), [[[0.1, 0.2, 0.8, 0.9]]], seed=[3, 4],
            min_object_covered=0.3, area_range=(0.2, 0.9)):
        describe(t)
    begin, size, box = tf.image.sample_distorted_bounding_box(
        [40, 30, 3], tf.zeros([1, 0, 4]), seed=5, use_image_if_no_bounding_boxes=True,
        min_object_covered=0.0)
    print(begin.dtype.name, int(size[2]), box.dtype.name, box.shape.as_list())
    print(int(begin[0] + size[0]) <= 40, int(begin[1] + size[1]) <= 30)
    # A crop that must cover the whole object: the only one is the whole image.
    print(tf.image.sample_distorted_bounding_box(
        [5, 5, 1], [[[0.0, 0.0, 1.0, 1.0]]], seed=2, min_object_covered=1.0)[2].numpy().tolist())
    with tf.GradientTape() as tape:
        tape.watch(img3)
        y = tf.reduce_sum(tf.image.stateless_random_flip_left_right(
            tf.image.stateless_random_brightness(img3, 0.2, [1, 2]), [3, 4]) * img3)
    print(tape.gradient(y, img3).numpy().shape)
""",
)
_snippet(
    "generate_bounding_box_proposals_cpu",
    [
        "tf.image.generate_bounding_box_proposals(tf.ones([1, 2, 2, 1]), tf.zeros([1, 2, 2, 4]), "
        "[[4.0, 4.0, 1.0]], [[0.0, 0.0, 1.0, 1.0]], min_size=0)",
        "tf.image.generate_bounding_box_proposals(tf.ones([1, 2, 2, 1]), tf.zeros([1, 2, 2, 4]), "
        "[[4.0, 4.0, 1.0]], [[0.0, 0.0, 1.0, 1.0]], post_nms_topn=7)",
        "tf.image.generate_bounding_box_proposals(tf.ones([1, 2, 2, 1], tf.float64), "
        "tf.zeros([1, 2, 2, 4]), [[4.0, 4.0, 1.0]], [[0.0, 0.0, 1.0, 1.0]])",
    ],
)
