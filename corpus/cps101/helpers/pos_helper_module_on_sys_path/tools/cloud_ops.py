def shift(frame, by=0.5):
    frame.add_(by)
    return frame


def swap_axes(frame):
    frame[:, [0, 2]] = frame[:, [2, 0]]
