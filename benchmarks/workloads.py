"""Benchmark workloads and the row registry.

Every workload is written once per *family* of API:

``tf``      -- a function of the module ``tf``; runs unchanged on tapeflow and on
               real TensorFlow (``import tapeflow as tf`` / ``import tensorflow as tf``).
``torch``   -- PyTorch eager autograd (peer).
``nplike``  -- a NumPy-like module plus ``grad``/``vjp`` (HIPS autograd and JAX, eager,
               no ``jit``); see :func:`_nplike_api`.
``numpy``   -- hand-written forward *and* backward in plain NumPy (the baseline that
               tapeflow's overhead is measured against).
``process`` -- a whole interpreter process (used by ``import_time``).

A *builder* takes the family's API object (``tf`` module, ``torch`` module, the nplike
namespace, ``numpy``, or a module name for ``process``) and returns a zero-argument
callable doing ONE timed unit of work (e.g. forward+backward).  All set-up (data,
Variables, constants) happens in the builder, outside the timed callable.  The
callable returns the gradient(s) so :attr:`Row.check` can validate them once
before timing.

Adding a row
------------
Write the builders, then append a :class:`Row` to ``ROWS``::

    def big_add_tf(tf):
        a = tf.constant(_rng().standard_normal((1000, 1000), dtype=np.float32))
        def step():
            return a + a
        return step

    ROWS.append(Row(
        name="large_elementwise",
        description="a + a on a 1000x1000 float32 tensor",
        unit="ms", scale=1e3,
        builders={"tf": big_add_tf, "numpy": big_add_numpy, "torch": big_add_torch},
        baseline="numpy",
        target=Target("ratio", 1.1),
    ))

``run.py`` picks it up automatically (``--only large_elementwise``); peers are run for
every family that has a builder (``peers=True``), others show "n/a".
"""

from __future__ import annotations

import functools
import importlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np

# --------------------------------------------------------------------------------------
# Frameworks
# --------------------------------------------------------------------------------------

#: Name of the module benchmarked in the "tapeflow" slot.  Point it at ``tensorflow``
#: (and run under an interpreter that has TF) to exercise the harness before tapeflow
#: exists.
TAPEFLOW_MODULE = os.environ.get("TAPEFLOW_BENCH_MODULE", "tapeflow")

FAMILY = {
    "tapeflow": "tf",
    "tensorflow": "tf",
    "torch": "torch",
    "jax": "nplike",
    "autograd": "nplike",
    "numpy": "numpy",
}
PEERS = ("torch", "tensorflow", "jax", "autograd")


@dataclass
class Framework:
    name: str  # "tapeflow", "torch", ...
    family: str  # key into Row.builders
    api: Any  # what builders receive
    version: str
    location: str = ""  # where the module was imported from

    def to_numpy(self, value: Any) -> Any:
        return to_numpy(value)


def to_numpy(value: Any) -> Any:
    """Convert a (nested list/tuple of) framework tensors to NumPy arrays."""
    if isinstance(value, (list, tuple)):
        return type(value)(to_numpy(v) for v in value)
    if hasattr(value, "detach"):  # torch
        value = value.detach()
    if hasattr(value, "numpy"):  # tf / tapeflow / torch
        return np.asarray(value.numpy())
    return np.asarray(value)  # numpy, jax, autograd


def _version(mod: Any, dist: str) -> str:
    v = getattr(mod, "__version__", None)
    if v:
        return str(v)
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # noqa: BLE001
        return "?"


def _nplike_api(name: str) -> SimpleNamespace:
    """Adapter giving autograd and JAX one NumPy-like API: np, grad, vjp_ones, ..."""
    if name == "autograd":
        import autograd
        import autograd.numpy as anp
        from autograd.scipy.special import logsumexp

        return SimpleNamespace(
            name=name,
            module=autograd,
            np=anp,
            grad=autograd.grad,
            vjp_ones=lambda f, x: autograd.elementwise_grad(f)(x),
            logsumexp=logsumexp,
            asarray=lambda a: a,
            relu=lambda z: anp.maximum(z, 0.0),
        )
    if name == "jax":
        import jax
        import jax.numpy as jnp
        from jax.scipy.special import logsumexp

        def vjp_ones(f, x):
            y, pullback = jax.vjp(f, x)
            return pullback(jnp.ones_like(y))[0]

        return SimpleNamespace(
            name=name,
            module=jax,
            np=jnp,
            grad=jax.grad,
            vjp_ones=vjp_ones,
            logsumexp=logsumexp,
            asarray=jnp.asarray,
            relu=jax.nn.relu,
        )
    raise ValueError(name)


def load_framework(name: str) -> Framework:
    """Import a framework (raises ImportError when it is not installed)."""
    family = FAMILY[name]
    if name == "tapeflow":
        mod = importlib.import_module(TAPEFLOW_MODULE)
        return Framework(
            name, family, mod, _version(mod, TAPEFLOW_MODULE), getattr(mod, "__file__", "") or ""
        )
    if name == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        mod = importlib.import_module("tensorflow")
        return Framework(name, family, mod, _version(mod, "tensorflow"), mod.__file__ or "")
    if name == "torch":
        mod = importlib.import_module("torch")
        return Framework(name, family, mod, _version(mod, "torch"), mod.__file__ or "")
    if name in ("jax", "autograd"):
        os.environ.setdefault("JAX_PLATFORMS", "cpu")
        api = _nplike_api(name)
        return Framework(name, family, api, _version(api.module, name), api.module.__file__ or "")
    if name == "numpy":
        return Framework(name, family, np, np.__version__, np.__file__ or "")
    raise ValueError(f"unknown framework {name!r}")


# --------------------------------------------------------------------------------------
# Shared data
# --------------------------------------------------------------------------------------


def _rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


CHAIN_STEPS = 300  # y = y * x + 0.1, 300 times -> 600 differentiated ops
CHAIN_OPS = 2 * CHAIN_STEPS
SCALAR_X = np.float32(0.5)
VECTOR_X = np.linspace(0.2, 0.8, 16, dtype=np.float32)


def chain_reference(x: np.ndarray, steps: int = CHAIN_STEPS) -> np.ndarray:
    """d y_steps / d x (elementwise) in float64 by forward-mode recurrence."""
    x = np.asarray(x, dtype=np.float64)
    y, g = x.copy(), np.ones_like(x)
    for _ in range(steps):
        y, g = y * x + 0.1, g * x + y
    return g


MLP_BATCH, MLP_SIZES = 128, (784, 256, 256, 10)


@functools.cache
def mlp_data() -> dict[str, np.ndarray]:
    """Deterministic float32 data for the MLP: X, onehot Y, weights W1..3, biases b1..3."""
    rng = _rng(0)
    d = {"X": rng.standard_normal((MLP_BATCH, MLP_SIZES[0]), dtype=np.float32)}
    labels = rng.integers(0, MLP_SIZES[-1], size=MLP_BATCH)
    d["Y"] = np.eye(MLP_SIZES[-1], dtype=np.float32)[labels]
    for i, (n_in, n_out) in enumerate(zip(MLP_SIZES[:-1], MLP_SIZES[1:]), start=1):
        d[f"W{i}"] = rng.standard_normal((n_in, n_out), dtype=np.float32) * np.float32(
            np.sqrt(2.0 / n_in)
        )
        d[f"b{i}"] = rng.standard_normal(n_out, dtype=np.float32) * np.float32(0.1)
    return d


# --------------------------------------------------------------------------------------
# scalar_chain / vector_chain
# --------------------------------------------------------------------------------------


def chain_tf(tf, x0, steps: int = CHAIN_STEPS):
    """Written once for tapeflow and TensorFlow: gradient of a 300-step chain."""
    x = tf.constant(x0)

    def step():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x
            for _ in range(steps):
                y = y * x + 0.1
        return tape.gradient(y, x)  # vector y: implicit ones seeding

    return step


def chain_torch(torch, x0, steps: int = CHAIN_STEPS):
    x = torch.tensor(x0, dtype=torch.float32, requires_grad=True)
    ones = torch.ones_like(x)

    def step():
        y = x
        for _ in range(steps):
            y = y * x + 0.1
        (g,) = torch.autograd.grad(y, x, grad_outputs=ones)
        return g

    return step


def chain_nplike(api, x0, steps: int = CHAIN_STEPS):
    x = api.asarray(x0)

    def f(x):
        y = x
        for _ in range(steps):
            y = y * x + 0.1
        return y

    if np.ndim(x0) == 0:
        return lambda: api.grad(f)(x)
    return lambda: api.vjp_ones(f, x)


def chain_check(x0):
    ref = chain_reference(x0)

    def check(g):
        np.testing.assert_allclose(
            np.asarray(g, dtype=np.float64),
            ref,
            rtol=1e-4,
            err_msg="chain gradient differs from float64 reference",
        )
        if np.asarray(g).dtype != np.float32:
            raise AssertionError(f"gradient dtype is {np.asarray(g).dtype}, expected float32")

    return check


# --------------------------------------------------------------------------------------
# mlp_grad
# --------------------------------------------------------------------------------------


def mlp_tf(tf):
    """Written once for tapeflow and TensorFlow: 784-256-256-10 MLP loss gradient."""
    d = mlp_data()
    X, Y = tf.constant(d["X"]), tf.constant(d["Y"])
    b1, b2, b3 = (tf.constant(d[k]) for k in ("b1", "b2", "b3"))
    W = [tf.Variable(d[k]) for k in ("W1", "W2", "W3")]

    def step():
        with tf.GradientTape() as tape:
            h1 = tf.nn.relu(tf.matmul(X, W[0]) + b1)
            h2 = tf.nn.relu(tf.matmul(h1, W[1]) + b2)
            logits = tf.matmul(h2, W[2]) + b3
            loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=logits))
        return tape.gradient(loss, W)

    return step


def mlp_numpy(np_=np):
    """Hand-written float32 forward + backward, same maths as :func:`mlp_tf`."""
    d = mlp_data()
    X, Y, W1, W2, W3, b1, b2, b3 = (d[k] for k in ("X", "Y", "W1", "W2", "W3", "b1", "b2", "b3"))
    inv_batch = np.float32(1.0 / X.shape[0])

    def step():
        z1 = X @ W1 + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ W2 + b2
        h2 = np.maximum(z2, 0)
        logits = h2 @ W3 + b3
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        # loss = mean(-sum(Y * log p)); its gradient w.r.t. logits, for rows of Y
        # summing to 1 (one-hot), is (p - Y) / batch.
        dlogits = (p - Y) * inv_batch
        dW3 = h2.T @ dlogits
        dz2 = (dlogits @ W3.T) * (z2 > 0)
        dW2 = h1.T @ dz2
        dz1 = (dz2 @ W2.T) * (z1 > 0)
        dW1 = X.T @ dz1
        return [dW1, dW2, dW3]

    return step


def mlp_torch(torch):
    import torch.nn.functional as F

    d = mlp_data()
    t = {k: torch.from_numpy(v.copy()) for k, v in d.items()}
    W = [t[k].requires_grad_() for k in ("W1", "W2", "W3")]
    X, Y, b1, b2, b3 = t["X"], t["Y"], t["b1"], t["b2"], t["b3"]

    def step():
        h1 = torch.relu(X @ W[0] + b1)
        h2 = torch.relu(h1 @ W[1] + b2)
        logits = h2 @ W[2] + b3
        loss = F.cross_entropy(logits, Y)  # probability targets, mean over batch
        return list(torch.autograd.grad(loss, W))

    return step


def mlp_nplike(api):
    d = mlp_data()
    X, Y, b1, b2, b3 = (api.asarray(d[k]) for k in ("X", "Y", "b1", "b2", "b3"))
    W = tuple(api.asarray(d[k]) for k in ("W1", "W2", "W3"))
    anp, relu, lse = api.np, api.relu, api.logsumexp

    def loss(W):
        h1 = relu(anp.dot(X, W[0]) + b1)
        h2 = relu(anp.dot(h1, W[1]) + b2)
        logits = anp.dot(h2, W[2]) + b3
        logp = logits - lse(logits, axis=1, keepdims=True)
        return anp.mean(-anp.sum(Y * logp, axis=1))

    g = api.grad(loss)
    return lambda: list(g(W))


def mlp_check(grads):
    ref = mlp_numpy()()
    if len(grads) != 3:
        raise AssertionError(f"expected 3 gradients, got {len(grads)}")
    for i, (g, r) in enumerate(zip(grads, ref), start=1):
        g = np.asarray(g)
        if g.shape != r.shape or g.dtype != np.float32:
            raise AssertionError(f"dW{i}: got {g.dtype}{g.shape}, expected float32{r.shape}")
        np.testing.assert_allclose(
            g,
            r,
            rtol=1e-3,
            atol=1e-5 * float(np.abs(r).max()),
            err_msg=f"dW{i} differs from hand-written NumPy",
        )


# --------------------------------------------------------------------------------------
# import_time
# --------------------------------------------------------------------------------------

PYCACHE_PREFIX = os.path.join(tempfile.gettempdir(), "tapeflow-bench-pycache")


def import_process(module_name: str):
    """A whole ``python -c "import <module>"`` process, same interpreter and env.

    Bytecode caching is forced on (``PYTHONDONTWRITEBYTECODE`` dropped) and redirected
    to :data:`PYCACHE_PREFIX` for every contender alike: otherwise a source checkout
    would be recompiled on every run when the environment disables .pyc writing, while
    NumPy's installed .pyc files would still be used.  The redirection also keeps the
    benchmark from writing ``__pycache__`` into the source tree.  The warm-up runs
    fill the cache.
    """
    cmd = [sys.executable, "-c", f"import {module_name}"]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE_PREFIX

    def step():
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()[-2000:]}")

    return step


# --------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------


@dataclass
class Target:
    kind: str  # "abs": tapeflow median (in the row's unit) <= value
    value: float  # "ratio": tapeflow median / baseline median <= value
    other_row: str | None = None  # "row": tapeflow median / tapeflow's median of other_row

    def describe(self, unit: str, baseline: str | None) -> str:
        if self.kind == "abs":
            return f"<= {self.value:g} {unit}"
        if self.kind == "row":
            return f"this/{self.other_row} <= {self.value:g}"
        return f"tapeflow/{baseline} <= {self.value:g}"


@dataclass
class Row:
    name: str
    description: str
    unit: str  # unit shown in the table
    scale: float  # seconds per call -> unit
    builders: dict[str, Callable[[Any], Callable[[], Any]]]  # family -> builder
    target: Target | None = None
    baseline: str | None = None  # in-process framework ("numpy") the
    # "ratio" target divides by
    peers: bool = True  # run peer frameworks on this row?
    check: Callable[[Any], None] | None = None  # validates to_numpy(step())
    fixed_repeats: int | None = None  # e.g. import_time: 15 processes each
    quick_repeats: int | None = None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()  # frameworks of a supported family left out (n/a)

    def supports(self, framework: str) -> bool:
        return FAMILY[framework] in self.builders and framework not in self.exclude

    def build(self, fw: Framework) -> Callable[[], Any]:
        return self.builders[fw.family](fw.api)


ROWS = [
    Row(
        name="scalar_chain",
        description=f"float32 scalar x; {CHAIN_STEPS} x `y = y * x + 0.1` under a tape, "
        f"then the gradient dy/dx; time per op ({CHAIN_OPS} ops, fwd+bwd)",
        unit="us/op",
        scale=1e6 / CHAIN_OPS,
        builders={
            "tf": functools.partial(chain_tf, x0=SCALAR_X),
            "torch": functools.partial(chain_torch, x0=SCALAR_X),
            "nplike": functools.partial(chain_nplike, x0=SCALAR_X),
        },
        target=Target("abs", 4.0),
        check=chain_check(SCALAR_X),
    ),
    Row(
        name="vector_chain",
        description=f"same chain with a 16-element float32 vector x, gradient of y with "
        f"implicit ones seeding; time per op ({CHAIN_OPS} ops, fwd+bwd)",
        unit="us/op",
        scale=1e6 / CHAIN_OPS,
        builders={
            "tf": functools.partial(chain_tf, x0=VECTOR_X),
            "torch": functools.partial(chain_torch, x0=VECTOR_X),
            "nplike": functools.partial(chain_nplike, x0=VECTOR_X),
        },
        check=chain_check(VECTOR_X),
    ),
    Row(
        name="mlp_grad",
        description=f"float32 MLP {'-'.join(map(str, MLP_SIZES))}, batch {MLP_BATCH}, "
        "2 ReLU layers, mean softmax cross-entropy (one-hot labels); "
        "gradient w.r.t. the 3 weight matrices (biases are constants)",
        unit="ms/step",
        scale=1e3,
        builders={"tf": mlp_tf, "numpy": mlp_numpy, "torch": mlp_torch, "nplike": mlp_nplike},
        target=Target("ratio", 1.2),
        baseline="numpy",
        check=mlp_check,
    ),
    Row(
        name="import_time",
        description='whole process `python -c "import tapeflow"` vs '
        '`python -c "import numpy"` (same interpreter and environment; '
        ".pyc caching on for both, in a private PYTHONPYCACHEPREFIX)",
        unit="ms",
        scale=1e3,
        builders={
            "tf": lambda tf: import_process(TAPEFLOW_MODULE),
            "numpy": lambda np_: import_process("numpy"),
        },
        target=Target("ratio", 1.3),
        baseline="numpy",
        peers=False,
        fixed_repeats=15,
        quick_repeats=5,
    ),
]

# Rows of the op families live in their own modules (no import cycle: they take Row
# and Target as arguments).
import rows_linalg  # noqa: E402
import rows_nn  # noqa: E402

ROWS.extend(rows_linalg.rows(Row, Target))
ROWS.extend(rows_nn.rows(Row, Target))

import rows_math  # noqa: E402

ROWS.extend(rows_math.rows(Row, Target))

from rows_jacobian import ROWS as _JACOBIAN_ROWS  # noqa: E402

ROWS.extend(_JACOBIAN_ROWS)

import rows_function  # noqa: E402

ROWS.extend(rows_function.rows(Row, Target))

import rows_workloads  # noqa: E402

ROWS.extend(rows_workloads.rows(Row, Target))

import rows_keras  # noqa: E402

ROWS.extend(rows_keras.rows(Row, Target))

import rows_sparse  # noqa: E402

ROWS.extend(rows_sparse.rows(Row, Target))

ROWS_BY_NAME = {r.name: r for r in ROWS}
