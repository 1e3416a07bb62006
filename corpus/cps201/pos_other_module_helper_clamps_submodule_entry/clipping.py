"""Clipped views of a network's weights, for a report."""


def clipped_weights(net):
    weight = net.encoder.state_dict()["weight"].clamp_(-0.1, 0.1)
    return {"encoder.weight": weight}
