"""Segment sums need no primitive of their own.

``tf.math.unsorted_segment_sum`` is the scatter-add that ``ops/index.py``
already has as ``gather_adjoint`` (TF's UnsortedSegmentSum is the adjoint of
GatherV2): the public wrappers in ``math.py`` drop negative ids with a boolean
``getitem`` and call it, so its gradient is ``gather`` of the cotangent, and
derivatives of any order stay in that pair.
"""
