import numpy as np


def add(cloud, sigma=0.01):
    cloud += np.clip(sigma * np.random.randn(*cloud.shape), -0.05, 0.05)
    return cloud
