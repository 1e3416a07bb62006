"""A holder of the best weights seen so far."""


class Snapshot:
    def __init__(self):
        self.state = None

    def keep(self, state):
        self.state = state
