"""Population-based training: copying one member's optimizer into another."""
import copy


def copy_optimizer(into, source):
    into.opt.load_state_dict(copy.deepcopy(source.opt.state_dict()))
