"""The same rewrites as the positive cases, on copies: `copy.deepcopy` of what `loadAnns`
hands out, and a shallow copy of the category whose entry is only replaced."""
import copy

import torch
from pycocotools.coco import COCO
from torch.utils.data import Dataset


class Detections(Dataset):
    def __init__(self, ann_file):
        self.coco = COCO(ann_file)
        self.ids = sorted(self.coco.imgs)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        img_id = self.ids[index]
        anns = copy.deepcopy(self.coco.loadAnns(self.coco.getAnnIds(imgIds=img_id)))
        for ann in anns:
            x, y, w, h = ann["bbox"]
            ann["bbox"] = [x, y, x + w, y + h]
            ann["bbox"][0] -= 1
            ann.pop("segmentation")
        category = dict(self.coco.loadCats(anns[0]["category_id"])[0])
        category["keypoints"] = category["keypoints"] + ["centre"]
        return torch.tensor([ann["bbox"] for ann in anns]), len(category["keypoints"])
