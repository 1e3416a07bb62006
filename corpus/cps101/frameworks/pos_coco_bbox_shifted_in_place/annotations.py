"""A small COCO annotation file, written where the case runs."""
import json
import os
import tempfile


def annotation_file():
    data = {
        "images": [{"id": i, "file_name": f"{i}.jpg", "width": 8, "height": 8}
                   for i in range(3)],
        "annotations": [{"id": 10 + i, "image_id": i, "category_id": 1,
                         "bbox": [1.0, 1.0, 4.0, 4.0], "area": 16.0,
                         "segmentation": [[1, 1, 5, 1, 5, 5]]} for i in range(3)],
        "categories": [{"id": 1, "name": "box", "keypoints": ["top", "bottom"]}],
    }
    path = os.path.join(tempfile.mkdtemp(), "instances.json")
    with open(path, "w") as f:
        json.dump(data, f)
    return path
