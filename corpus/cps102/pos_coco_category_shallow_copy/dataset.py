"""A keypoint dataset on pycocotools that copies the category dict (`dict(...)`) and then
appends to its keypoint names: the list is still the stored category's."""
import torch
from pycocotools.coco import COCO
from torch.utils.data import Dataset


class Keypoints(Dataset):
    def __init__(self, ann_file):
        self.coco = COCO(ann_file)
        self.ids = sorted(self.coco.anns)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ann = self.coco.loadAnns(self.ids[index])[0]
        category = dict(self.coco.loadCats(ann["category_id"])[0])
        category["keypoints"].append("centre")  # expect: CPS102
        return torch.tensor(ann["bbox"]), len(category["keypoints"])
