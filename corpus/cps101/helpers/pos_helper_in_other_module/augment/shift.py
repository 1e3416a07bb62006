def center(frame):
    frame -= frame.mean()  # expect: CPS101
    return frame
