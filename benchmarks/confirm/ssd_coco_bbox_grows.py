"""amdegroot/ssd.pytorch@5b0b77f data/coco.py:63: COCOAnnotationTransform adds x, y to the
bbox list that COCO.loadAnns hands out (pycocotools returns the stored dicts), so every read
of an item grows the stored box. Stand-in COCO with pycocotools' loadAnns semantics."""
import numpy as np
import torch.utils.data as data


class COCO:  # pycocotools.coco.COCO.loadAnns: `return [self.anns[id] for id in ids]`
    def __init__(self):
        self.anns = {1: {"bbox": [10.0, 20.0, 30.0, 40.0], "category_id": 1}}
        self.imgToAnns = {0: [self.anns[1]]}

    def getAnnIds(self, imgIds):
        return [a_id for a_id, a in self.anns.items()]

    def loadAnns(self, ids):
        return [self.anns[i] for i in ids]


class COCOAnnotationTransform:  # as in the repository, label map reduced to {1: 1}
    def __call__(self, target, width, height):
        scale = np.array([width, height, width, height])
        res = []
        for obj in target:
            if "bbox" in obj:
                bbox = obj["bbox"]
                bbox[2] += bbox[0]
                bbox[3] += bbox[1]
                final_box = list(np.array(bbox) / scale)
                final_box.append(0)
                res += [final_box]
        return res


class COCODetection(data.Dataset):
    def __init__(self):
        self.coco = COCO()
        self.ids = [0]
        self.target_transform = COCOAnnotationTransform()

    def __getitem__(self, index):
        img_id = self.ids[index]
        target = self.coco.loadAnns(self.coco.getAnnIds(imgIds=img_id))
        return self.target_transform(target, 100, 100)

    def __len__(self):
        return 1


ds = COCODetection()
first = ds[0]
second = ds[0]
print("stored bbox after two reads:", ds.coco.anns[1]["bbox"])
print("item 1:", first, "\nitem 2:", second)
assert ds.coco.anns[1]["bbox"] != [10.0, 20.0, 30.0, 40.0], "stored annotation unchanged"
assert first != second, "items equal"
print("CONFIRMED: the stored annotation and the returned boxes drift on every read")
