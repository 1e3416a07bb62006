"""An early stopper that holds the model from `__init__` and keeps its best weights."""


class EarlyStopping:
    def __init__(self, model, patience=3):
        self.model = model
        self.patience = patience
        self.best_loss = float("inf")
        self.best = None

    def step(self, val_loss):
        if val_loss < self.best_loss:
            self.best_loss = val_loss
            self.best = {k: v.cpu() for k, v in self.model.state_dict().items()}  # expect: CPS202

    def restore(self):
        self.model.load_state_dict(self.best)
