"""Regression programs for the late2 helper's fixes of session 7's final fuzz run (issue
14), each printing what TensorFlow printed into ``late2_s7.json``
(``make_snippets_golden.py late2_s7`` under the TensorFlow virtualenv);
``tests/test_late2_s7.py`` replays them on tapeflow.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)

_snippet(
    "sum_of_strings_refused",
    """
    # TF's Sum kernel has no string type; NumPy would concatenate the bytes.
    err(lambda: tf.nn.scale_regularization_loss(b''))
    err(lambda: tf.nn.scale_regularization_loss(['a', 'b']))
    err(lambda: tf.reduce_sum(tf.constant(['a', 'b'])))
    show(tf.nn.scale_regularization_loss([1, 2]))
    """,
)

_snippet(
    "with_space_to_batch_checks_before_op",
    """
    # TF checks the rate's rank, spatial_dims, the input's rank and the rate's sign
    # (ValueErrors) before it ever calls `op`.
    op = lambda x, n, p: x
    err(lambda: tf.nn.with_space_to_batch([[[[False]]]], np.array([[], []], dtype='int8'),
                                          'EXPLICIT', np.array([[], []], dtype='int8'),
                                          data_format='NDHWC'))
    err(lambda: tf.nn.with_space_to_batch(tf.constant(np.array([[]], dtype='int32')), [],
                                          'EXPLICIT', np.float16(0.0022),
                                          spatial_dims=[[], [], [3, 2, 3]]))
    err(lambda: tf.nn.with_space_to_batch(tf.ones([1, 4, 1]), [[2]], 'VALID', op))
    err(lambda: tf.nn.with_space_to_batch(tf.ones([1, 4, 1]), [2], 'VALID', op,
                                          spatial_dims=[2, 1]))
    err(lambda: tf.nn.with_space_to_batch(tf.ones([1, 4, 1]), [2], 'VALID', op,
                                          spatial_dims=[0]))
    err(lambda: tf.nn.with_space_to_batch(tf.ones([1, 4]), [2], 'VALID', op, spatial_dims=[3]))
    err(lambda: tf.nn.with_space_to_batch(tf.ones([1, 4, 1]), [0], 'VALID', op))
    err(lambda: tf.nn.with_space_to_batch(tf.ones([1, 4, 1]), [1.5], 'VALID', op))
    print(tf.nn.with_space_to_batch(tf.ones([1, 4, 1]), [1], 'VALID', op).shape)
    """,
)

_snippet(
    "lu_reconstruct_converts_with_float32_hint",
    """
    # TF converts lower_upper with a float32 hint: a NumPy array or list of another
    # dtype becomes float32; a tensor keeps its dtype (uint8 has no MatMul kernel).
    show(tf.linalg.lu_reconstruct(np.array([], dtype='uint8').reshape(0, 0), []))
    show(tf.linalg.lu_reconstruct(np.zeros((2, 0, 0), 'int8'), np.zeros((2, 0), 'int32')))
    show(tf.linalg.lu_reconstruct(np.ones((1, 1), 'bool'), [0]))
    show(tf.linalg.lu_reconstruct([[1, 2], [3, 4]], [1, 0]))
    show(tf.linalg.lu_reconstruct(np.array([[1, 2], [3, 4]], 'int64'), np.array([1, 0], 'int64')))
    show(tf.linalg.lu_reconstruct(tf.constant([[1, 2], [3, 4]]), [1, 0]))
    err(lambda: tf.linalg.lu_reconstruct(tf.constant([[1, 2], [3, 4]]), [1.0, 0.0]))
    err(lambda: tf.linalg.lu_reconstruct(tf.constant(np.ones((1, 1), 'uint8')), [0]))
    """,
)
