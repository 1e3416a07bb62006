"""CPS203 in a class: `Distiller.__init__` keeps `self.teacher = copy.copy(self.student)` and
`step()` trains the student while distilling from the teacher, which shares its parameters."""
import copy

import torch
import torch.nn.functional as F


class Distiller:
    def __init__(self, student):
        self.student = student
        self.teacher = copy.copy(self.student)  # expect: CPS203
        self.opt = torch.optim.SGD(self.student.parameters(), lr=0.1)

    def step(self, x, y):
        self.opt.zero_grad()
        with torch.no_grad():
            soft = self.teacher(x)
        (F.mse_loss(self.student(x), y) + F.mse_loss(self.student(x), soft + 1.0)).backward()
        self.opt.step()


def main():
    torch.manual_seed(0)
    distiller = Distiller(torch.nn.Linear(3, 2))
    x, y = torch.randn(16, 3), torch.randn(16, 2)
    for _ in range(3):
        distiller.step(x, y)
    return distiller.student
