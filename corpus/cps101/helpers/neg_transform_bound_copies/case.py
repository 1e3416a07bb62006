"""Near-miss of CPS101: the same transforms bound where the dataset is built, but `ToTensor`
copies (`torch.tensor`), so `Normalize` changes only the copy."""
# near-miss: CPS101
from dataset import Digits
from transforms import Compose, Normalize, ToTensor


def datasets():
    return [Digits(transform=Compose([ToTensor(), Normalize(0.5, 0.25)])), Digits()]
