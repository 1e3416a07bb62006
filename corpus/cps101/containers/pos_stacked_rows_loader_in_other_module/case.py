"""CPS101 with the loader in another module: `read_windows` fills a list with `extend` and
`+=` (2-D windows) and re-binds the name to `np.stack(...)` of it, a new 3-D ndarray; the
dataset keeps it, so `self.windows[idx]` is a 2-D row view and centring it in place with
`-=` changes the stored window."""
from dataset import Windows


def datasets():
    return [Windows()]
