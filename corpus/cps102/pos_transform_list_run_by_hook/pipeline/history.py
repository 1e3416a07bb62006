class Recorded:
    """Notes each applied transform in the record's own history list."""

    def note(self, data, key):
        data[key].append(type(self).__name__)  # expect: CPS102
