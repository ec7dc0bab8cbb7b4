// The MLX adapter: all it knows is its data, traits.toml (how MLX models are written) and
// spoke.toml (mlx.core, mlx.nn and mlx.optimizers mapped to the hub), checked by the host at load.
#include <switcheroo/sdk.hpp>

SWITCHEROO_DATA_ADAPTER("mlx", "MLX", "0.1.0",
                        "MLX adapter: mlx.core, mlx.nn, mlx.nn.losses, mlx.optimizers", nullptr)
