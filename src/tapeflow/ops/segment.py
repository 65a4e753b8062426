"""Segment primitives (segment_sum, unsorted_segment_sum): filled in by the op library."""
