"""Matrix decompositions and solves (cholesky, qr, svd, eigh, inv, det...): filled in by the op library."""
