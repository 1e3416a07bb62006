"""Population-based training: copying one member's optimizer into another."""


def copy_optimizer(into, source):
    into.opt.load_state_dict(source.opt.state_dict())
