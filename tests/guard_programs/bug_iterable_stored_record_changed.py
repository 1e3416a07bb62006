"""An iterable dataset repeats its stored prompts; the consumer appends to a record's token
list: the next pass yields the changed record."""
from torch.utils.data import IterableDataset


class Prompts(IterableDataset):
    def __init__(self):
        self.prompts = [{"text": "a", "tokens": [1, 2]}, {"text": "b", "tokens": [3]}]

    def __iter__(self):
        for _ in range(3):
            for record in self.prompts:
                yield record


for record in Prompts():
    tokens = record["tokens"]
    tokens.append(0)  # expect: CPS103
