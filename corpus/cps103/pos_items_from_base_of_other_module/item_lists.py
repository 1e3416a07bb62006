from torch.utils.data import Dataset


def load_items(count):
    items = []
    for index in range(count):
        items.append([f"frame-{index}.png", index])
    return items, count


class Frames(Dataset):
    def __init__(self, count=4):
        self.items, self.count = load_items(count)

    def __len__(self):
        return self.count
