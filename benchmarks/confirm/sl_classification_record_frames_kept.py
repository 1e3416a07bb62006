"""kennyleung-su/cs231n-sl-classification@65e43fd utils/resnet_encoding_dataset.py:43 and
utils/combination_dataset.py:28 (CPS103, missed).

Shape: `__init__` builds `self.data, self.max_seq_len = self.populate_encoding_data(labels)`, a
list of small dicts (label, video_dir, seq_len) "for lazy loading"; `__getitem__` reads
`item = self.data[idx]` without a copy and writes `item['frames'] = <encodings loaded from
disk>` into it. The stored record keeps the loaded tensor: after one pass every record holds
its video's encodings, so the "lazy" dataset ends up with the whole set in memory (in each
worker for the items it served; in the main process, across epochs, with num_workers=0).
The values returned are right (each read overwrites the key); the defect is the stored
records growing.
"""
import os
import pickle
import tempfile

import torch
from torch.utils.data import DataLoader, Dataset


class ResnetEncodingDataset(Dataset):
    def __init__(self, root, labels):
        self._data_dir = root
        self.data, self.max_seq_len = self.populate_encoding_data(labels)

    def __getitem__(self, idx):
        item = self.data[idx]
        video_dir = os.path.join(self._data_dir, item['video_dir'])
        item['frames'] = self.read_frame_tensors_from_dir(video_dir)
        return item

    def __len__(self):
        return len(self.data)

    def populate_encoding_data(self, labels):
        data = []
        for label in labels:
            data.append({'label': label, 'video_dir': str(label), 'seq_len': 8})
        return data, 8

    def read_frame_tensors_from_dir(self, directory):
        with open(os.path.join(directory, 'RGB-encoding.pt'), 'rb') as f:
            return pickle.load(f)


with tempfile.TemporaryDirectory() as root:
    labels = list(range(6))
    for label in labels:
        os.makedirs(os.path.join(root, str(label)))
        with open(os.path.join(root, str(label), 'RGB-encoding.pt'), 'wb') as f:
            pickle.dump(torch.randn(8, 512), f)
    ds = ResnetEncodingDataset(root, labels)
    before = sum('frames' in record for record in ds.data)
    for _ in DataLoader(ds, batch_size=2, num_workers=0):
        pass
    kept = [record['frames'] for record in ds.data if 'frames' in record]
    kept_bytes = sum(t.numel() * t.element_size() for t in kept)
    print(f"records holding frames: before {before}, after one pass {len(kept)}/{len(ds.data)}"
          f" ({kept_bytes} bytes kept by the 'lazy' dataset)")
    assert before == 0 and len(kept) == len(ds.data)
print("CONFIRMED: __getitem__ writes the loaded encodings into the stored records")
