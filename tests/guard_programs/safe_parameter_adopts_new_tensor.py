"""Parameters given new memory by `.data =` and `set_`: a clone of a kept entry, a converted
copy, a tensor made on the line, weight tying to another Parameter. Nothing kept is the
Parameter's memory afterwards, so training and saving the kept dict report nothing."""
import copy
import io

import torch

model = torch.nn.Linear(4, 2)
tied = torch.nn.Linear(4, 2)
init = copy.deepcopy(model.state_dict())
for name, param in model.named_parameters():
    param.data = init[name].clone()
model.weight.data = model.weight.data.double().float()
with torch.no_grad():
    model.bias.set_(torch.zeros(2))
tied.weight.data = model.weight
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(2):
    optimizer.zero_grad()
    model(torch.ones(4, 4)).sum().backward()
    optimizer.step()
torch.save(init, io.BytesIO())
model.load_state_dict(init)
