"""tf.random: seeded random numbers (filled in by the op library)."""

__all__: list = []
