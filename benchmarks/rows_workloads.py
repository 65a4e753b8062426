"""Four real workloads, eager and compiled, against hand-written NumPy.

Each workload has two rows: ``<name>_eager`` (the step as plain Python) and
``<name>_compiled`` (the same step inside ``@tf.function``; JAX's peer uses
``jax.jit``). The floor of both is the same step written by hand in NumPy:
the forward pass and every derivative derived on paper, as a competent NumPy
programmer would write it (no tape, no graph). The compiled target is
tapeflow / numpy <= 1.3.

* ``pinn``: a physics-informed network step. MLP 2-32-32-32-1 (tanh) giving
  u(t, x) at 512 points; the residual of Burgers' equation
  ``u_t + u u_x - 0.01 u_xx`` through nested tapes; the gradient of its mean
  square w.r.t. all weights and biases. NumPy: the forward pass carries u's
  first and second derivatives layer by layer, then one backward pass.
* ``wgan_gp``: a WGAN-GP critic step. MLP 64-128-128-1 (leaky ReLU 0.2),
  batches of 256 real and fake rows, the gradient penalty (lambda 10) on
  fixed interpolates through nested tapes; gradient w.r.t. the critic's
  weights and biases.
* ``maml``: a MAML meta step. MLP 1-40-40-1 (ReLU) on 4 sine tasks (10
  support and 10 query points each), one inner SGD step (lr 0.01) and the
  second-order outer gradient. NumPy: the inner backward pass, and the
  Hessian-vector product by differentiating that backward pass by hand.
* ``logreg``: 1 000 logistic-regression SGD steps on 256 x 10 data, from
  zero weights each call (compiled: a ``tf.range`` loop inside the function).

Every builder returns the gradients (the final weights for ``logreg``), and
each row's check compares them with the NumPy floor's once before timing.
"""

from __future__ import annotations

import functools

import numpy as np

PINN_N, PINN_SIZES, PINN_NU = 512, (2, 32, 32, 32, 1), 0.01
WGAN_N, WGAN_SIZES, WGAN_LAMBDA, WGAN_SLOPE = 256, (64, 128, 128, 1), 10.0, 0.2
MAML_TASKS, MAML_K, MAML_SIZES, MAML_ALPHA = 4, 10, (1, 40, 40, 1), 0.01
LOGREG_STEPS, LOGREG_N, LOGREG_D, LOGREG_LR = 1000, 256, 10, 0.1


def _mlp_params(rng: np.random.Generator, sizes: tuple) -> list[np.ndarray]:
    """[W1, b1, W2, b2, ...] float32, Glorot-scaled weights, small biases."""
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        scale = np.sqrt(2.0 / (n_in + n_out))
        params.append((rng.standard_normal((n_in, n_out)) * scale).astype(np.float32))
        params.append((rng.standard_normal(n_out) * 0.1).astype(np.float32))
    return params


@functools.cache
def pinn_data() -> dict:
    rng = np.random.default_rng(1)
    return {
        "t": rng.uniform(0.0, 1.0, (PINN_N, 1)).astype(np.float32),
        "x": rng.uniform(-1.0, 1.0, (PINN_N, 1)).astype(np.float32),
        "params": _mlp_params(rng, PINN_SIZES),
    }


@functools.cache
def wgan_data() -> dict:
    rng = np.random.default_rng(2)
    real = rng.standard_normal((WGAN_N, WGAN_SIZES[0])).astype(np.float32)
    fake = (rng.standard_normal((WGAN_N, WGAN_SIZES[0])) * 0.5 + 0.3).astype(np.float32)
    eps = rng.uniform(0.0, 1.0, (WGAN_N, 1)).astype(np.float32)
    return {
        "real": real,
        "fake": fake,
        "hat": (eps * real + (1 - eps) * fake).astype(np.float32),
        "params": _mlp_params(rng, WGAN_SIZES),
    }


@functools.cache
def maml_data() -> dict:
    rng = np.random.default_rng(3)
    amp = rng.uniform(0.1, 5.0, MAML_TASKS)
    phase = rng.uniform(0.0, np.pi, MAML_TASKS)
    xs = rng.uniform(-5.0, 5.0, (MAML_TASKS, MAML_K, 1))
    xq = rng.uniform(-5.0, 5.0, (MAML_TASKS, MAML_K, 1))
    f = lambda x: amp[:, None, None] * np.sin(x + phase[:, None, None])  # noqa: E731
    return {
        "xs": xs.astype(np.float32),
        "ys": f(xs).astype(np.float32),
        "xq": xq.astype(np.float32),
        "yq": f(xq).astype(np.float32),
        "params": _mlp_params(rng, MAML_SIZES),
    }


@functools.cache
def logreg_data() -> dict:
    rng = np.random.default_rng(4)
    X = rng.standard_normal((LOGREG_N, LOGREG_D)).astype(np.float32)
    w_true = rng.standard_normal((LOGREG_D, 1))
    y = (X @ w_true + 0.5 * rng.standard_normal((LOGREG_N, 1)) > 0).astype(np.float32)
    return {"X": X, "y": y}


def _compile(tf, fn, compiled: bool):
    return tf.function(fn) if compiled else fn


def _block(api, out):
    """JAX dispatches asynchronously: a timed call must wait for its result."""
    if api.name == "jax":
        api.module.block_until_ready(out)
    return out


def _jit(api, fn, compiled: bool):
    return api.module.jit(fn) if compiled else fn


# --------------------------------------------------------------------------------------
# PINN
# --------------------------------------------------------------------------------------


def pinn_tf(tf, compiled: bool):
    """Written once for tapeflow and TensorFlow."""
    d = pinn_data()
    t, x = tf.constant(d["t"]), tf.constant(d["x"])
    params = [tf.Variable(p) for p in d["params"]]

    def net(t, x):
        h = tf.concat([t, x], axis=1)
        for i in range(0, 6, 2):
            h = tf.tanh(tf.matmul(h, params[i]) + params[i + 1])
        return tf.matmul(h, params[6]) + params[7]

    def step():
        with tf.GradientTape() as outer:
            with tf.GradientTape() as second:
                second.watch(x)
                with tf.GradientTape() as first:
                    first.watch(t)
                    first.watch(x)
                    u = net(t, x)
                u_t, u_x = first.gradient(u, [t, x])
            u_xx = second.gradient(u_x, x)
            residual = u_t + u * u_x - PINN_NU * u_xx
            loss = tf.reduce_mean(tf.square(residual))
        return outer.gradient(loss, params)

    return _compile(tf, step, compiled)


def pinn_numpy(np_=np):
    """u, u_t, u_x and u_xx carried forward layer by layer, then one backward pass."""
    d = pinn_data()
    t, x = d["t"], d["x"]
    W1, b1, W2, b2, W3, b3, W4, b4 = d["params"]
    tx = np.concatenate([t, x], axis=1)
    c = np.float32(2.0 / PINN_N)
    nu = np.float32(PINN_NU)
    two = np.float32(2.0)

    def step():
        # Layer 1: d(tx)/dt and d(tx)/dx are constant rows, so z_t, z_x are W1's rows.
        z_t1, z_x1 = W1[0], W1[1]
        a = np.tanh(tx @ W1 + b1)
        s = 1 - a * a
        ds = -two * a * s  # d s / d z
        acts = [(a, s * z_t1, s * z_x1, ds * (z_x1 * z_x1), s, ds, None, z_x1, None)]
        for W, b in ((W2, b2), (W3, b3)):
            h, h_t, h_x, h_xx = acts[-1][:4]
            z_t, z_x, z_xx = h_t @ W, h_x @ W, h_xx @ W
            a = np.tanh(h @ W + b)
            s = 1 - a * a
            ds = -two * a * s
            acts.append((a, s * z_t, s * z_x, s * z_xx + ds * (z_x * z_x), s, ds, z_t, z_x, z_xx))
        h, h_t, h_x, h_xx = acts[-1][:4]
        u, u_t, u_x, u_xx = h @ W4 + b4, h_t @ W4, h_x @ W4, h_xx @ W4
        r = u_t + u * u_x - nu * u_xx
        dr = c * r
        du, du_t, du_x, du_xx = dr * u_x, dr, dr * u, -nu * dr
        grads = [None] * 8
        grads[6] = h.T @ du + h_t.T @ du_t + h_x.T @ du_x + h_xx.T @ du_xx
        grads[7] = du.sum(axis=0)
        W4T = W4.T
        g, g_t, g_x, g_xx = du @ W4T, du_t @ W4T, du_x @ W4T, du_xx @ W4T
        for layer in (2, 1, 0):
            a, _, _, _, s, ds, z_t, z_x, z_xx = acts[layer]
            if layer == 0:
                z_t, z_x = W1[0], W1[1]
            # a_t = s z_t, a_x = s z_x, a_xx = s z_xx + ds z_x^2 with s, ds functions of z.
            gs = g_t * z_t + g_x * z_x
            if z_xx is not None:
                gs += g_xx * z_xx
            gds = g_xx * (z_x * z_x)
            dz_t, dz_x = g_t * s, g_x * s + two * g_xx * ds * z_x
            dz_xx = g_xx * s
            # s = 1 - a^2 and ds = -2 a s: back to a, then through tanh.
            ga = g - two * a * gs - two * s * gds
            gs2 = -two * a * gds
            ga -= two * a * gs2
            dz = ga * s
            if layer == 0:
                gW = tx.T @ dz
                gW[0] += dz_t.sum(axis=0)
                gW[1] += dz_x.sum(axis=0)
                grads[0], grads[1] = gW, dz.sum(axis=0)
                break
            h, h_t, h_x, h_xx = acts[layer - 1][:4]
            W = (W1, W2, W3)[layer]
            grads[2 * layer] = h.T @ dz + h_t.T @ dz_t + h_x.T @ dz_x + h_xx.T @ dz_xx
            grads[2 * layer + 1] = dz.sum(axis=0)
            WT = W.T
            g, g_t, g_x, g_xx = dz @ WT, dz_t @ WT, dz_x @ WT, dz_xx @ WT
        return grads

    return step


def pinn_nplike(api, compiled: bool):
    d = pinn_data()
    anp, grad = api.np, api.grad
    t, x = api.asarray(d["t"]), api.asarray(d["x"])
    params = tuple(api.asarray(p) for p in d["params"])

    def net(p, t, x):
        h = anp.concatenate([t, x], axis=1)
        for i in range(0, 6, 2):
            h = anp.tanh(anp.dot(h, p[i]) + p[i + 1])
        return anp.dot(h, p[6]) + p[7]

    def loss(p):
        u = net(p, t, x)
        u_t = grad(lambda t_: anp.sum(net(p, t_, x)))(t)
        u_x_of = lambda x_: grad(lambda x2: anp.sum(net(p, t, x2)))(x_)  # noqa: E731
        u_x = u_x_of(x)
        u_xx = grad(lambda x_: anp.sum(u_x_of(x_)))(x)
        return anp.mean((u_t + u * u_x - PINN_NU * u_xx) ** 2)

    g = _jit(api, grad(loss), compiled)
    return lambda: _block(api, list(g(params)))


def _grads_check(reference, rtol: float = 2e-3):
    def check(grads) -> None:
        ref = reference()
        if len(grads) != len(ref):
            raise AssertionError(f"expected {len(ref)} gradients, got {len(grads)}")
        for i, (g, r) in enumerate(zip(grads, ref)):
            g = np.asarray(g)
            if g.shape != r.shape or g.dtype != np.float32:
                raise AssertionError(f"gradient {i}: got {g.dtype}{g.shape}, want float32{r.shape}")
            np.testing.assert_allclose(
                g,
                r,
                rtol=rtol,
                atol=1e-4 * float(np.abs(r).max()),
                err_msg=f"gradient {i} differs from the hand-written NumPy floor",
            )

    return check


# --------------------------------------------------------------------------------------
# WGAN-GP
# --------------------------------------------------------------------------------------


def wgan_tf(tf, compiled: bool):
    d = wgan_data()
    real, fake, hat = (tf.constant(d[k]) for k in ("real", "fake", "hat"))
    params = [tf.Variable(p) for p in d["params"]]

    def critic(h):
        h = tf.nn.leaky_relu(tf.matmul(h, params[0]) + params[1], alpha=WGAN_SLOPE)
        h = tf.nn.leaky_relu(tf.matmul(h, params[2]) + params[3], alpha=WGAN_SLOPE)
        return tf.matmul(h, params[4]) + params[5]

    def step():
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                inner.watch(hat)
                d_hat = critic(hat)
            g = inner.gradient(d_hat, hat)
            norm = tf.sqrt(tf.reduce_sum(tf.square(g), axis=1))
            penalty = tf.reduce_mean(tf.square(norm - 1.0))
            loss = (
                tf.reduce_mean(critic(fake)) - tf.reduce_mean(critic(real)) + WGAN_LAMBDA * penalty
            )
        return outer.gradient(loss, params)

    return _compile(tf, step, compiled)


def wgan_numpy(np_=np):
    """Critic forward on real and fake, dD/dx at the interpolates, one backward pass."""
    d = wgan_data()
    real, fake, hat = d["real"], d["fake"], d["hat"]
    W1, b1, W2, b2, W3, b3 = d["params"]
    slope, lam = np.float32(WGAN_SLOPE), np.float32(WGAN_LAMBDA)
    inv_n = np.float32(1.0 / WGAN_N)

    def forward(h):
        # The slopes as factors: np.maximum, not np.where (a branch per element,
        # about 20 times slower on mixed signs).
        z1 = h @ W1 + b1
        m1 = np.maximum(z1 > 0, slope)
        a1 = z1 * m1
        z2 = a1 @ W2 + b2
        m2 = np.maximum(z2 > 0, slope)
        return a1, m1, z2 * m2, m2

    def step():
        # Loss terms mean D(fake) - mean D(real): their backward passes, batched.
        a1f, m1f, a2f, m2f = forward(fake)
        a1r, m1r, a2r, m2r = forward(real)
        dW3 = (a2f.sum(axis=0) - a2r.sum(axis=0))[:, None] * inv_n
        dz2f, dz2r = m2f * (W3.T * inv_n), m2r * (W3.T * -inv_n)
        dW2 = a1f.T @ dz2f + a1r.T @ dz2r
        db2 = dz2f.sum(axis=0) + dz2r.sum(axis=0)
        dz1f, dz1r = (dz2f @ W2.T) * m1f, (dz2r @ W2.T) * m1r
        dW1 = fake.T @ dz1f + real.T @ dz1r
        db1 = dz1f.sum(axis=0) + dz1r.sum(axis=0)
        # Penalty: g = dD/dx at the interpolates (the masks are piecewise constant).
        _, m1, _, m2 = forward(hat)
        gz2 = m2 * W3.T
        ga1 = gz2 @ W2.T
        gz1 = ga1 * m1
        g = gz1 @ W1.T
        norm = np.sqrt((g * g).sum(axis=1, keepdims=True))
        dg = (lam * 2 * inv_n) * (norm - 1) / norm * g
        dW1 += dg.T @ gz1
        dgz1 = dg @ W1
        dga1 = dgz1 * m1
        dW2 += dga1.T @ gz2
        dW3 += ((dga1 @ W2) * m2).sum(axis=0)[:, None]
        db3 = np.zeros_like(b3)  # the bias cancels in mean D(fake) - mean D(real)
        return [dW1, db1, dW2, db2, dW3, db3]

    return step


def wgan_nplike(api, compiled: bool):
    d = wgan_data()
    anp, grad = api.np, api.grad
    real, fake, hat = (api.asarray(d[k]) for k in ("real", "fake", "hat"))
    params = tuple(api.asarray(p) for p in d["params"])

    def critic(p, h):
        z = anp.dot(h, p[0]) + p[1]
        h = anp.where(z > 0, z, WGAN_SLOPE * z)
        z = anp.dot(h, p[2]) + p[3]
        h = anp.where(z > 0, z, WGAN_SLOPE * z)
        return anp.dot(h, p[4]) + p[5]

    def loss(p):
        g = grad(lambda h: anp.sum(critic(p, h)))(hat)
        norm = anp.sqrt(anp.sum(g * g, axis=1))
        penalty = anp.mean((norm - 1.0) ** 2)
        return anp.mean(critic(p, fake)) - anp.mean(critic(p, real)) + WGAN_LAMBDA * penalty

    g = _jit(api, grad(loss), compiled)
    return lambda: _block(api, list(g(params)))


# --------------------------------------------------------------------------------------
# MAML
# --------------------------------------------------------------------------------------


def maml_tf(tf, compiled: bool):
    d = maml_data()
    xs, ys, xq, yq = ([tf.constant(a) for a in d[k]] for k in ("xs", "ys", "xq", "yq"))
    params = [tf.Variable(p) for p in d["params"]]

    def net(p, x):
        h = tf.nn.relu(tf.matmul(x, p[0]) + p[1])
        h = tf.nn.relu(tf.matmul(h, p[2]) + p[3])
        return tf.matmul(h, p[4]) + p[5]

    def step():
        with tf.GradientTape() as outer:
            total = 0.0
            for k in range(MAML_TASKS):
                with tf.GradientTape() as inner:
                    support = tf.reduce_mean(tf.square(net(params, xs[k]) - ys[k]))
                grads = inner.gradient(support, params)
                fast = [p - MAML_ALPHA * g for p, g in zip(params, grads)]
                total += tf.reduce_mean(tf.square(net(fast, xq[k]) - yq[k]))
            meta = total / MAML_TASKS
        return outer.gradient(meta, params)

    return _compile(tf, step, compiled)


def maml_numpy(np_=np):
    """Inner backward pass by hand, then its derivative (a Hessian-vector product)."""
    d = maml_data()
    P = d["params"]
    alpha = np.float32(MAML_ALPHA)
    two_k = np.float32(2.0 / MAML_K)
    inv_tasks = np.float32(1.0 / MAML_TASKS)

    def forward(p, x):
        W1, b1, W2, b2, W3, b3 = p
        z1 = x @ W1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ W2 + b2
        a2 = np.maximum(z2, 0)
        return a1, z1 > 0, a2, z2 > 0, a2 @ W3 + b3

    def backward(p, x, a1, m1, a2, m2, dy):
        """Gradients of the loss and the intermediate cotangents (needed again)."""
        _, _, W2, _, W3, _ = p
        dz2 = (dy @ W3.T) * m2
        dz1 = (dz2 @ W2.T) * m1
        grads = [x.T @ dz1, dz1.sum(axis=0), a1.T @ dz2, dz2.sum(axis=0), a2.T @ dy, dy.sum(axis=0)]
        return grads, dz1, dz2

    def step():
        W1, b1, W2, b2, W3, b3 = P
        total = [np.zeros_like(p) for p in P]
        for k in range(MAML_TASKS):
            x, y = d["xs"][k], d["ys"][k]
            a1, m1, a2, m2, out = forward(P, x)
            dy = two_k * (out - y)
            g, dz1, dz2 = backward(P, x, a1, m1, a2, m2, dy)
            fast = [p - alpha * gi for p, gi in zip(P, g)]
            xq = d["xq"][k]
            qa1, qm1, qa2, qm2, qout = forward(fast, xq)
            v, _, _ = backward(fast, xq, qa1, qm1, qa2, qm2, two_k * (qout - d["yq"][k]))
            # Outer gradient: v - alpha * H v, H v by reverse mode through `backward`
            # with cotangents v on its gradients (the masks are constants).
            vW1, vb1, vW2, vb2, vW3, vb3 = v
            c_dz1 = x @ vW1 + vb1
            c_da1 = c_dz1 * m1
            c_W2 = c_da1.T @ dz2
            c_dz2 = c_da1 @ W2 + a1 @ vW2 + vb2
            c_a1 = dz2 @ vW2.T
            c_da2 = c_dz2 * m2
            c_W3 = c_da2.T @ dy
            c_dy = c_da2 @ W3 + a2 @ vW3 + vb3
            c_a2 = dy @ vW3.T
            c_out = two_k * c_dy
            # ... then through the forward pass, with c_a2 and c_a1 joining in.
            c_W3 += a2.T @ c_out
            c_b3 = c_out.sum(axis=0)
            c_z2 = (c_a2 + c_out @ W3.T) * m2
            c_W2 += a1.T @ c_z2
            c_b2 = c_z2.sum(axis=0)
            c_z1 = (c_a1 + c_z2 @ W2.T) * m1
            c_W1 = x.T @ c_z1
            c_b1 = c_z1.sum(axis=0)
            for acc, vi, ci in zip(total, v, (c_W1, c_b1, c_W2, c_b2, c_W3, c_b3)):
                acc += vi - alpha * ci
        return [acc * inv_tasks for acc in total]

    return step


def maml_nplike(api, compiled: bool):
    d = maml_data()
    anp, grad = api.np, api.grad
    data = [[api.asarray(a) for a in d[k]] for k in ("xs", "ys", "xq", "yq")]
    params = tuple(api.asarray(p) for p in d["params"])

    def net(p, x):
        h = anp.maximum(anp.dot(x, p[0]) + p[1], 0.0)
        h = anp.maximum(anp.dot(h, p[2]) + p[3], 0.0)
        return anp.dot(h, p[4]) + p[5]

    def meta(p):
        total = 0.0
        for xs, ys, xq, yq in zip(*data):
            g = grad(lambda q, xs=xs, ys=ys: anp.mean((net(q, xs) - ys) ** 2))(p)
            fast = tuple(pi - MAML_ALPHA * gi for pi, gi in zip(p, g))
            total = total + anp.mean((net(fast, xq) - yq) ** 2)
        return total / MAML_TASKS

    g = _jit(api, grad(meta), compiled)
    return lambda: _block(api, list(g(params)))


# --------------------------------------------------------------------------------------
# Logistic regression
# --------------------------------------------------------------------------------------


def logreg_tf(tf, compiled: bool):
    d = logreg_data()
    X, y = tf.constant(d["X"]), tf.constant(d["y"])
    w = tf.Variable(np.zeros((LOGREG_D, 1), np.float32))
    b = tf.Variable(np.float32(0.0))

    def steps():
        w.assign(tf.zeros((LOGREG_D, 1)))
        b.assign(0.0)
        for _ in tf.range(LOGREG_STEPS) if compiled else range(LOGREG_STEPS):
            with tf.GradientTape() as tape:
                logits = tf.matmul(X, w) + b
                loss = tf.reduce_mean(
                    tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits)
                )
            gw, gb = tape.gradient(loss, [w, b])
            w.assign_sub(LOGREG_LR * gw)
            b.assign_sub(LOGREG_LR * gb)
        return [w.read_value(), tf.reshape(b.read_value(), [1])]

    return _compile(tf, steps, compiled)


def logreg_numpy(np_=np):
    d = logreg_data()
    X, y = d["X"], d["y"]
    XT = np.ascontiguousarray(X.T)
    lr_n = np.float32(LOGREG_LR / LOGREG_N)

    def steps():
        w = np.zeros((LOGREG_D, 1), np.float32)
        b = np.float32(0.0)
        for _ in range(LOGREG_STEPS):
            p = 1 / (1 + np.exp(-(X @ w + b)))
            e = (p - y) * lr_n
            w -= XT @ e
            b -= e.sum()
        return [w, np.reshape(b, [1])]

    return steps


def logreg_nplike(api, compiled: bool):
    d = logreg_data()
    anp, grad = api.np, api.grad
    X, y = api.asarray(d["X"]), api.asarray(d["y"])

    def loss(p):
        z = anp.dot(X, p[0]) + p[1]
        # mean of log(1 + e^z) - y z, written stably
        return anp.mean(anp.maximum(z, 0.0) - z * y + anp.log1p(anp.exp(-anp.abs(z))))

    g = grad(loss)

    def sgd(p):
        gw, gb = g(p)
        return (p[0] - LOGREG_LR * gw, p[1] - LOGREG_LR * gb)

    init = (anp.zeros((LOGREG_D, 1), np.float32), anp.zeros((), np.float32))
    if compiled:
        jax = api.module
        run = jax.jit(lambda: jax.lax.fori_loop(0, LOGREG_STEPS, lambda i, p: sgd(p), init))
    else:

        def run():
            p = init
            for _ in range(LOGREG_STEPS):
                p = sgd(p)
            return p

    def call():
        pw, pb = run()
        return _block(api, [pw, anp.reshape(pb, (1,))])

    return call


def _logreg_check(values) -> None:
    ref = logreg_numpy()()
    for got, want, name in zip(values, ref, ("w", "b")):
        np.testing.assert_allclose(
            np.asarray(got, np.float32).reshape(want.shape),
            want,
            rtol=1e-3,
            atol=1e-4,
            err_msg=f"{name} after {LOGREG_STEPS} steps differs from the NumPy floor",
        )


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------

_WORKLOADS = {
    "pinn": (
        pinn_tf,
        pinn_numpy,
        pinn_nplike,
        _grads_check(lambda: pinn_numpy()()),
        f"PINN step: MLP {'-'.join(map(str, PINN_SIZES))} tanh, {PINN_N} points, "
        f"Burgers residual u_t + u u_x - {PINN_NU} u_xx through nested tapes, "
        "gradient w.r.t. all weights",
    ),
    "wgan_gp": (
        wgan_tf,
        wgan_numpy,
        wgan_nplike,
        _grads_check(lambda: wgan_numpy()()),
        f"WGAN-GP critic step: MLP {'-'.join(map(str, WGAN_SIZES))} leaky ReLU, batch "
        f"{WGAN_N}, gradient penalty through nested tapes, gradient w.r.t. the critic",
    ),
    "maml": (
        maml_tf,
        maml_numpy,
        maml_nplike,
        _grads_check(lambda: maml_numpy()()),
        f"MAML step: MLP {'-'.join(map(str, MAML_SIZES))} ReLU, {MAML_TASKS} tasks of "
        f"{MAML_K}+{MAML_K} points, one inner SGD step, second-order outer gradient",
    ),
    "logreg": (
        logreg_tf,
        logreg_numpy,
        logreg_nplike,
        _logreg_check,
        f"{LOGREG_STEPS} logistic-regression SGD steps, {LOGREG_N}x{LOGREG_D} data "
        "(sigmoid cross-entropy, tape.gradient, assign_sub)",
    ),
}


def rows(Row, Target) -> list:
    """Two rows per workload (eager, compiled), built with workloads.py's classes."""
    out = []
    for name, (tf_b, np_b, nplike_b, check, text) in _WORKLOADS.items():
        for compiled in (False, True):
            out.append(
                Row(
                    name=f"{name}_{'compiled' if compiled else 'eager'}",
                    description=text
                    + (
                        "; inside @tf.function (JAX: jax.jit); NumPy: the step by hand"
                        if compiled
                        else "; eager; NumPy: the step by hand"
                    ),
                    unit="ms",
                    scale=1e3,
                    builders={
                        "tf": functools.partial(tf_b, compiled=compiled),
                        "numpy": np_b,
                        "nplike": functools.partial(nplike_b, compiled=compiled),
                    },
                    target=Target("ratio", 1.3) if compiled else None,
                    baseline="numpy",
                    check=check,
                    exclude=("autograd",) if compiled else (),
                )
            )
    return out
