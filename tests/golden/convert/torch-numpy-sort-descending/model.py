import torch


def ranked(scores):
    """Descending sorts: values alone, the indices alone, and both as a pair."""
    values = torch.sort(scores, dim=1, descending=True)[0]
    order = torch.argsort(scores, dim=-1, descending=True)
    best, where = torch.sort(scores, descending=True)
    rising = torch.sort(scores, dim=0)[0]
    return values, order, best, where, rising
