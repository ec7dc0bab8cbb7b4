// The Flax NNX / JAX adapter. Everything it knows is data: traits.toml (how models are written) and
// spoke.toml (its APIs mapped to the hub's abstract operations), checked by the host at load.
#include <switcheroo/sdk.hpp>

SWITCHEROO_DATA_ADAPTER("flax", "Flax NNX / JAX", "0.1.0",
                        "Flax NNX and JAX adapter: flax.nnx, jax, jax.numpy, jax.nn, optax", "jax",
                        "flax_nnx", nullptr)
