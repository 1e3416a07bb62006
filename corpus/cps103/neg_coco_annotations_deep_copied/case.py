"""Near-miss of CPS103 through pycocotools: what `COCO.loadAnns` hands out is deep-copied
before it is rewritten, and the category is copied before an entry is replaced."""
# near-miss: CPS103, CPS102, CPS101
from annotations import annotation_file
from dataset import Detections


def datasets():
    return [Detections(annotation_file())]
