import torch
import torch.nn.functional as F


def attention_weights(q, k):
    scores = torch.matmul(q, k.transpose(-2, -1)) / q.size(-1) ** 0.5
    return F.softmax(scores, dim=-1)
