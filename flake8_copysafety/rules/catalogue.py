"""The public rule catalogue: codes, one-line summaries, defaults, docs anchors, and the
advice the runtime guard prints with a change it saw (`guard/datasets.py`)."""

from dataclasses import dataclass
from typing import Dict

REPOSITORY_URL = "https://github.com/flake8-copysafety/flake8-copysafety"
DOCS_URL = REPOSITORY_URL + "#"
# Each rule's page, the one source `copysafety rule CODE` prints too.
PAGES_URL = REPOSITORY_URL + "/blob/main/flake8_copysafety/docs/"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    default_on: bool = True
    advice: str = ""  # the fix, as the runtime guard words it after seeing the change

    @property
    def anchor(self) -> str:
        return self.code.lower()

    @property
    def help_uri(self) -> str:
        return PAGES_URL + self.code + ".md"


RULES: Dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("CPS101", "dataset-inplace-on-stored-data",
             "__getitem__ changes stored dataset data in place through an alias",
             advice="copy before changing it (.clone(), .copy()) or change it out of place"),
        Rule("CPS102", "dataset-inplace-after-shallow-copy",
             "__getitem__ changes stored data in place after a copy too shallow for it",
             advice="the copy was too shallow for this change: .clone() a tensor, "
                    "copy.deepcopy a container"),
        Rule("CPS103", "dataset-writes-stored-container",
             "__getitem__ writes into a stored container sample read without a copy",
             advice="copy the container before changing it (copy.deepcopy, or a new "
                    "dict/list)"),
        Rule("CPS104", "dataset-inplace-after-maybe-noop-conversion",
             "__getitem__ changes data in place after a conversion that may return the same "
             "tensor", default_on=False),
        Rule("CPS201", "state-dict-inplace",
             "in-place change of a state_dict() result that is then used as separate from "
             "its module"),
        Rule("CPS202", "state-dict-live-snapshot",
             "a state_dict() snapshot is kept while the module keeps changing"),
        Rule("CPS203", "live-parameter-snapshot",
             "a kept collection of a module's parameters (or a shallow copy of it) is read as "
             "old weights while the module trains"),
        Rule("CPS900", "analysis-error",
             "the analysis failed on this file; no other CPS finding is reported for it"),
        Rule("CPS901", "file-not-checked",
             "the file could not be parsed or decoded, so it was not checked "
             "(`copysafety check` only; flake8 reports E999)"),
    )
}

DEFAULT_OFF = tuple(code for code, rule in RULES.items() if not rule.default_on)


RULES_URL = DOCS_URL + "rules"
