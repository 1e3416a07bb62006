"""Packaging beyond setup.cfg: the runtime corpus ships inside the package.

The repository keeps the corpus at its top level (`corpus/`, linked from the rule pages); the
installed package holds it as `flake8_copysafety/corpus/`, so `copysafety verify` finds it
after `pip install`, from any folder.
"""

import os

from setuptools import find_packages, setup

CORPUS = "corpus"
PACKAGED_AS = "flake8_copysafety.corpus"


def corpus_packages():
    """`flake8_copysafety.corpus` and one package name per case folder below it."""
    found = []
    for root, dirs, files in os.walk(CORPUS):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        if root == CORPUS or any(name.endswith(".py") for name in files):
            rel = os.path.relpath(root, CORPUS)
            found.append(PACKAGED_AS if rel == os.curdir
                         else PACKAGED_AS + "." + rel.replace(os.sep, "."))
    return found


setup(
    packages=find_packages(include=["flake8_copysafety", "flake8_copysafety.*"])
    + corpus_packages(),
    package_dir={PACKAGED_AS: CORPUS},
)
