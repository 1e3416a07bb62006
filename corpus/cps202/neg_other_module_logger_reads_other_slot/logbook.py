"""Training log kept in a checkpoint dict."""


def push(ckpt, value):
    ckpt["history"].append(value)


def record(ckpt, loss):
    push(ckpt, round(loss, 6))
