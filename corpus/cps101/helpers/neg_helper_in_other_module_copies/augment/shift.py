def center(frame):
    frame -= frame.mean()
    return frame
