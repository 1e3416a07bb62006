"""Augmentation steps given the dataset itself: `augment` hands it on to this module's
`jitter`, which shifts the stored boxes in place."""


def jitter(dataset, idx):
    dataset.boxes[idx] += 0.5  # expect: CPS101


def augment(dataset, idx):
    jitter(dataset, idx)
