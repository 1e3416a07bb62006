class Jitter:
    scale = 0.01

    def jitter(self, frame):
        frame.mul_(1.0 + self.scale)  # expect: CPS101
