"""The training pipeline, as config dicts."""
train_pipeline = [dict(type="Flip", width=8), {"type": "PackBoxes"}]
