"""A detection dataset on pycocotools: `loadAnns` and `loadImgs` hand out the dicts the COCO
index keeps, and `__getitem__` rewrites them: each box is turned into corner form again on
every read, and the image record loses its file name."""
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
        anns = self.coco.loadAnns(self.coco.getAnnIds(imgIds=img_id))
        for ann in anns:
            x, y, w, h = ann["bbox"]
            ann["bbox"] = [x, y, x + w, y + h]  # expect: CPS103
        info = self.coco.loadImgs(img_id)[0]
        info.pop("file_name", None)  # expect: CPS103
        return torch.tensor([ann["bbox"] for ann in anns])
