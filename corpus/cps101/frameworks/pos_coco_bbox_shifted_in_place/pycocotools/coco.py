"""Stand-in for pycocotools' `COCO` (the package is not installed here): the constructor,
`createIndex`, `getAnnIds` and the `load*` methods as in `pycocotools/coco.py` (2.0.11),
shortened. The linter never reads it: the store table (`facts/stores.py`) says what
`loadAnns`, `loadImgs` and `loadCats` return."""
import json
from collections import defaultdict


def _isArrayLike(obj):
    return hasattr(obj, "__iter__") and hasattr(obj, "__len__")


class COCO:
    def __init__(self, annotation_file=None):
        self.dataset, self.anns, self.cats, self.imgs = dict(), dict(), dict(), dict()
        self.imgToAnns = defaultdict(list)
        if annotation_file is not None:
            with open(annotation_file, "r") as f:
                self.dataset = json.load(f)
            self.createIndex()

    def createIndex(self):
        anns, cats, imgs = {}, {}, {}
        imgToAnns = defaultdict(list)
        for ann in self.dataset.get("annotations", []):
            imgToAnns[ann["image_id"]].append(ann)
            anns[ann["id"]] = ann
        for img in self.dataset.get("images", []):
            imgs[img["id"]] = img
        for cat in self.dataset.get("categories", []):
            cats[cat["id"]] = cat
        self.anns, self.cats, self.imgs, self.imgToAnns = anns, cats, imgs, imgToAnns

    def getAnnIds(self, imgIds=[]):
        imgIds = imgIds if _isArrayLike(imgIds) else [imgIds]
        return [ann["id"] for img_id in imgIds for ann in self.imgToAnns[img_id]]

    def loadAnns(self, ids=[]):
        if _isArrayLike(ids):
            return [self.anns[id] for id in ids]
        elif type(ids) == int:
            return [self.anns[ids]]

    def loadCats(self, ids=[]):
        if _isArrayLike(ids):
            return [self.cats[id] for id in ids]
        elif type(ids) == int:
            return [self.cats[ids]]

    def loadImgs(self, ids=[]):
        if _isArrayLike(ids):
            return [self.imgs[id] for id in ids]
        elif type(ids) == int:
            return [self.imgs[ids]]
