"""CPS201: a "halved" state_dict kept on an attribute: halving it halved the module."""
import torch


class Distiller:
    def __init__(self, model):
        self.model = model
        self.teacher_state = model.state_dict()

    def soften(self):
        for k in self.teacher_state:
            self.teacher_state[k].mul_(0.5)  # expect: CPS201


def main():
    distiller = Distiller(torch.nn.Linear(2, 2))
    distiller.soften()
    return distiller.model, distiller.teacher_state
