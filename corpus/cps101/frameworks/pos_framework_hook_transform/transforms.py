"""A transform that centres the points it is given in place."""


class Center:
    def __call__(self, pos):
        pos.sub_(pos.mean())  # expect: CPS101
        return pos
