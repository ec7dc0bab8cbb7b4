// The NumPy adapter. Everything it knows is data: traits.toml (how models are written) and
// spoke.toml (its APIs mapped to the hub's abstract operations), checked by the host at load.
#include <switcheroo/sdk.hpp>

SWITCHEROO_DATA_ADAPTER("numpy", "NumPy", "0.1.0",
                        "NumPy adapter: numpy array functions (no layers)", "np", nullptr)
