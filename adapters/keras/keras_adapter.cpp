// The Keras 3 adapter. Everything it knows is data: traits.toml (how models are written) and
// spoke.toml (its APIs mapped to the hub's abstract operations), checked by the host at load.
#include <switcheroo/sdk.hpp>

SWITCHEROO_DATA_ADAPTER(
    "keras", "Keras 3", "0.1.0",
    "Keras 3 adapter: keras.layers, keras.ops, keras.activations, keras.losses, keras.optimizers",
    "keras3", nullptr)
