// The PaxML / Praxis adapter: its knowledge is data, traits.toml (how Praxis code is written) and
// spoke.toml (jax.numpy, jax.nn and praxis.layers mapped to the hub), checked by the host at load.
#include <switcheroo/sdk.hpp>

SWITCHEROO_DATA_ADAPTER("paxml", "PaxML / Praxis", "0.1.0",
                        "PaxML / Praxis adapter: jax.numpy and jax.nn inside praxis layers", "pax",
                        "praxis", nullptr)
