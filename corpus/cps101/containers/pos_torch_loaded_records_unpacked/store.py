import io

import torch


def read_records():
    buffer = io.BytesIO()
    torch.save([(torch.rand(2, 3, 4), k) for k in range(3)], buffer)
    buffer.seek(0)
    return torch.load(buffer)
