"""Near-miss of CPS201: `state_dict()` of an object that is not a torch module or optimizer.

A training loop's `state_dict()` builds new plain dicts on every call; writing into the
result and loading it back changes nothing live. Nothing shows `loop` to be a module (no
`torch.nn` constructor, no `.parameters()`, no forward call), so CPS2xx does not apply.
"""
# near-miss: CPS201


class Loop:
    def __init__(self):
        self.child = {"a": 1}

    def state_dict(self):
        return {"child.state_dict": dict(self.child)}

    def load_state_dict(self, state):
        self.child = dict(state["child.state_dict"])


def restart(loop):
    state = loop.state_dict()
    state["child.state_dict"]["a"] = 3
    loop.load_state_dict(state)
    return loop.state_dict() == state


def main():
    loop = Loop()
    return restart(loop), loop.child
