"""A test double of orbax.checkpoint (not installed here) with the calls a migration script's
orbax format makes (adapters/flax/traits.toml [weights.format.orbax]): StandardCheckpointer(),
save(directory, tree), wait_until_finished(), restore(directory). It keeps what the real one
requires of them, as its documentation says: an absolute path, and a directory that does not
exist yet for save. It writes each leaf of a nested dict as an .npy file under the directory,
the dict's keys as folders, and records the calls in CALLS. Not orbax's format."""
import os

import numpy as np

CALLS = []


def _absolute(directory):
    if not os.path.isabs(directory):
        raise ValueError("Checkpoint path should be absolute. Got %s" % directory)


def _write(directory, tree):
    os.makedirs(directory)
    for key, value in tree.items():
        if not isinstance(key, str):
            raise TypeError("a tree key must be a string here: %r" % (key,))
        if isinstance(value, dict):
            _write(os.path.join(directory, key), value)
        else:
            np.save(os.path.join(directory, key + ".npy"), np.asarray(value), allow_pickle=False)


def _read(directory):
    tree = {}
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if os.path.isdir(path):
            tree[name] = _read(path)
        else:
            tree[name[:-len(".npy")]] = np.load(path, allow_pickle=False)
    return tree


class StandardCheckpointer:
    def save(self, directory, state):
        CALLS.append("save")
        _absolute(directory)
        if os.path.exists(directory):
            raise ValueError("Destination %s already exists" % directory)
        _write(directory, state)

    def wait_until_finished(self):
        CALLS.append("wait_until_finished")

    def restore(self, directory):
        CALLS.append("restore")
        _absolute(directory)
        return _read(directory)
