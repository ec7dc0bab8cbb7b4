// The PyTorch adapter. Everything it knows is data: traits.toml (how models are written) and
// spoke.toml (its APIs mapped to the hub's abstract operations), checked by the host at load.
#include <switcheroo/sdk.hpp>

SWITCHEROO_DATA_ADAPTER("torch", "PyTorch", "0.1.0",
                        "PyTorch adapter: torch, torch.nn, torch.nn.functional, torch.optim",
                        "pytorch", nullptr)
