"""The program `guard_overhead.py` times: a short training run of a small CNN on in-memory
synthetic images, as a user would write it, optionally with an exponential moving average of
the weights that reads `model.state_dict()` every step (`--ema`). Prints the training loop's
wall-clock seconds per step."""

import argparse
import io
import time

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class SyntheticImages(Dataset):
    """Images kept in memory as one tensor; a light augmentation that copies first."""

    def __init__(self, count: int = 1024) -> None:
        generator = torch.Generator().manual_seed(0)
        self.images = torch.rand(count, 3, 32, 32, generator=generator)
        self.labels = torch.randint(0, 10, (count,), generator=generator)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index):
        image = self.images[index].clone()
        if index % 2:
            image = image.flip(-1)
        image.sub_(0.5).div_(0.25)
        return image, self.labels[index]


def make_model() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 8 * 8, 10))


class EMA:
    """Shadow weights updated after every step from `model.state_dict()` (copied, so safe)."""

    def __init__(self, model: nn.Module, decay: float = 0.99) -> None:
        self.decay = decay
        self.shadow = {k: v.detach().clone() for k, v in model.state_dict().items()}

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        for name, value in model.state_dict().items():
            if value.dtype.is_floating_point:
                self.shadow[name].mul_(self.decay).add_(value, alpha=1 - self.decay)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--ema", action="store_true")
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loader = DataLoader(SyntheticImages(), batch_size=64, shuffle=True,
                        num_workers=args.workers, persistent_workers=args.workers > 0)
    ema = EMA(model) if args.ema else None
    steps = 0
    start = time.perf_counter()
    best_loss, best_state = float("inf"), None
    for _ in range(args.epochs):
        total = 0.0
        for images, labels in loader:
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(images), labels)
            loss.backward()
            optimizer.step()
            if ema is not None:
                ema.update(model)
            total += loss.item()
            steps += 1
        if total < best_loss:
            best_loss = total
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        torch.save(model.state_dict(), io.BytesIO())
    model.load_state_dict(best_state)
    print(f"{(time.perf_counter() - start) / steps:.6f}")


if __name__ == "__main__":
    main()
