"""Convolution and pooling primitives: filled in by the op library."""
