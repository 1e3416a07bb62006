"""amdegroot/ssd.pytorch@5b0b77f data/coco.py:63 (CPS101, true).

Shape: the dataset's target transform turns each annotation's [x, y, w, h] box into corners by
adding x to w and y to h *in the list it was given*, and that list is the one the COCO index
keeps (pycocotools' `loadAnns` returns the stored annotation dicts, not copies). Every read of
an image therefore grows its stored boxes. The COCO index here is a stand-in with the same
`loadAnns` behaviour.
"""
import numpy as np
import torch.utils.data as data


class AnnotationIndex:
    """Keeps annotation dicts and hands them out by id, like pycocotools.coco.COCO."""

    def __init__(self):
        self.anns = {7: {"bbox": [10.0, 20.0, 30.0, 40.0], "category_id": 1}}

    def getAnnIds(self, imgIds):
        return list(self.anns)

    def loadAnns(self, ids):
        return [self.anns[i] for i in ids]


def boxes_to_corners(target, width, height):
    """The repository's target transform, reduced: corners in place, then scaled copies."""
    scale = np.array([width, height, width, height])
    out = []
    for obj in target:
        box = obj["bbox"]
        box[2] += box[0]
        box[3] += box[1]
        out.append(list(np.array(box) / scale) + [0])
    return out


class Detection(data.Dataset):
    def __init__(self):
        self.coco = AnnotationIndex()

    def __getitem__(self, index):
        anns = self.coco.loadAnns(self.coco.getAnnIds(imgIds=index))
        return boxes_to_corners(anns, 100, 100)

    def __len__(self):
        return 1


ds = Detection()
first, second = ds[0], ds[0]
print("stored box after two reads:", ds.coco.anns[7]["bbox"])
print("read 1:", first, "\nread 2:", second)
assert ds.coco.anns[7]["bbox"] != [10.0, 20.0, 30.0, 40.0] and first != second
print("CONFIRMED: the stored annotation and the returned boxes drift on every read")
