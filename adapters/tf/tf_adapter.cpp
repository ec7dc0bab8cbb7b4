// The TensorFlow 2 adapter. Everything it knows is data: traits.toml (how models are written) and
// spoke.toml (its APIs mapped to the hub's abstract operations), checked by the host at load.
#include <switcheroo/sdk.hpp>

SWITCHEROO_DATA_ADAPTER("tensorflow", "TensorFlow 2", "0.1.0",
                        "TensorFlow 2 adapter: tf, tf.math, tf.nn, tf.linalg, tf.keras.layers",
                        "tf", nullptr)
