"""CPS101 through pycocotools: the box list inside an annotation that `COCO.loadAnns` handed
out is the stored one; shifting it in place changes the dataset's annotations."""
from annotations import annotation_file
from dataset import Detections


def datasets():
    return [Detections(annotation_file())]
