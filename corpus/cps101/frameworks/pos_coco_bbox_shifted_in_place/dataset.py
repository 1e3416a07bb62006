"""A detection dataset on pycocotools that shifts each box in place, inside the annotation
dict `loadAnns` handed out: the stored box moves one pixel on every read."""
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
        anns = self.coco.loadAnns(self.coco.getAnnIds(imgIds=self.ids[index]))
        for ann in anns:
            ann["bbox"][0] -= 1  # expect: CPS101
        return torch.tensor([ann["bbox"] for ann in anns])
