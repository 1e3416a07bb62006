"""CPS103 through pycocotools: `COCO.loadAnns` / `COCO.loadImgs` return new lists of the
dicts held in `coco.anns` / `coco.imgs` (the store table), so writing an entry of an
annotation writes the dataset's stored annotation."""
from annotations import annotation_file
from dataset import Detections


def datasets():
    return [Detections(annotation_file())]
