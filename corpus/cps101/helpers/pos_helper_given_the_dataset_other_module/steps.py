def augment(dataset, index):
    return dataset.scale(dataset.rows[index])
