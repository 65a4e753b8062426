"""GradientTape basics: first derivatives, persistent and nested tapes, a tiny model.

Run it with `python examples/gradient_tape_basics.py`.
"""

import tapeflow as tf

# A tape records the operations run inside its `with` block, so it can
# later compute gradients. Constants must be watched explicitly.
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x**2
dy_dx = tape.gradient(y, x)  # d(x^2)/dx = 2x = 6
print("y =", y.numpy(), " dy/dx =", dy_dx.numpy())

# A normal (non-persistent) tape is used up by its first gradient call.
try:
    tape.gradient(y, x)
except RuntimeError as error:
    print("second call fails:", error)

# A persistent tape can answer several gradient calls.
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = x * x  # 9
    z = y * y  # x^4 = 81
print("dz/dx =", tape.gradient(z, x).numpy())  # 4x^3 = 108
print("dy/dx =", tape.gradient(y, x).numpy())  # 2x = 6
del tape  # release the resources the persistent tape holds

# Nested tapes give higher derivatives. The outer tape records the inner
# gradient computation only if it happens inside the outer block.
x = tf.constant(5.0)
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        y = x**3
    dy_dx = inner.gradient(y, x)  # 3x^2 = 75, recorded by `outer`
d2y_dx2 = outer.gradient(dy_dx, x)  # 6x = 30
print("inside:  dy/dx =", dy_dx.numpy(), " d2y/dx2 =", d2y_dx2.numpy())

with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        y = x**3
dy_dx = inner.gradient(y, x)  # computed after `outer` closed
d2y_dx2 = outer.gradient(dy_dx, x)  # nothing was recorded: None
print("outside: dy/dx =", dy_dx.numpy(), " d2y/dx2 =", d2y_dx2)

# A tiny linear model: trainable Variables are watched automatically.
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
y_true = tf.constant([[1.0], [2.0]])
w = tf.Variable([[0.5], [-0.5]], name="w")
b = tf.Variable([0.25], name="b")
with tf.GradientTape() as tape:
    y_pred = x @ w + b
    loss = tf.reduce_mean(tf.square(y_pred - y_true))
dloss_dw, dloss_db = tape.gradient(loss, [w, b])
print("loss =", loss.numpy())
print("dloss/dw =", dloss_dw.numpy().tolist())
print("dloss/db =", dloss_db.numpy().tolist())
print(w)
