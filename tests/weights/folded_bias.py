#!/usr/bin/python3
"""An LSTM whose biases are folded as a migration through Flax NNX folds them (bias_ih + bias_hh
in bias_ih, zeros in bias_hh; docs/weights.md) computes what the original computes within fp32
rounding: over 50 steps, every output within 4 units in the last place of the largest output.

usage: folded_bias.py
"""
import sys

import numpy as np
import torch


def main():
    torch.manual_seed(0)
    original = torch.nn.LSTM(16, 32, batch_first=True)
    state = {key: value.clone() for key, value in original.state_dict().items()}
    state["bias_ih_l0"] = state["bias_ih_l0"] + state["bias_hh_l0"]
    state["bias_hh_l0"] = torch.zeros_like(state["bias_hh_l0"])
    folded = torch.nn.LSTM(16, 32, batch_first=True)
    folded.load_state_dict(state)
    inputs = torch.randn(8, 50, 16)
    with torch.no_grad():
        expected, actual = original(inputs)[0], folded(inputs)[0]
    largest = float(expected.abs().max())
    difference = float((expected - actual).abs().max())
    ulp = float(np.spacing(np.float32(largest)))
    print("largest output %.3g, largest difference %.3g (%.1f units in the last place)"
          % (largest, difference, difference / ulp))
    return 0 if difference <= 4 * ulp else 1


if __name__ == "__main__":
    sys.exit(main())
