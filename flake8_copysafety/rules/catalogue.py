"""The public rule catalogue, one row per code: its name, summary and default, the static
message (`rules/`) with the fix it ends with, and the advice the runtime guard prints with a
change it saw (`guard/`). Every wording of a rule lives here, so a message and its fix are
changed in one place."""

from dataclasses import dataclass, field
from typing import Dict, Mapping

from ..core.findings import FIX_LEAD

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
    # The static message: a `str.format` template the rule module fills in, and the fix it
    # ends with (`FIX_LEAD`, then the fix title and a full stop).
    message: str = ""
    fix_title: str = ""
    # Variants of one case of the rule, keyed by the case the rule module names (the kind of
    # value, the way it was kept): a message, fix title or advice that differs from the above.
    messages: Mapping[str, str] = field(default_factory=dict)
    fixes: Mapping[str, str] = field(default_factory=dict)
    advices: Mapping[str, str] = field(default_factory=dict)
    # The runtime guard's sentence for a change it saw (`guard/`): a `str.format` template it
    # fills in, then the advice; variants keyed like `messages`.
    guard_message: str = ""
    guard_messages: Mapping[str, str] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return self.code.lower()

    @property
    def help_uri(self) -> str:
        return PAGES_URL + self.code + ".md"

    def fix(self, case: str = "", **fields: str) -> str:
        """The fix title for `case` (the row's own where the case has none)."""
        return self.fixes.get(case, self.fix_title).format(**fields)

    def guard_advice(self, case: str = "") -> str:
        return self.advices.get(case, self.advice)

    def guard_format(self, case: str = "", **fields: str) -> str:
        """The runtime guard's message: what it saw, then the advice."""
        what = self.guard_messages.get(case, self.guard_message).format(**fields)
        return f"{what}; {self.guard_advice(case)}"

    def format(self, case: str = "", note: str = "", **fields: str) -> str:
        """The static message: what happened, then the fix (`note` qualifies the fix); a
        notice of the engine's own (CPS9xx) has no fix and is what happened alone."""
        what = self.messages.get(case, self.message).format(**fields)
        fix = self.fix(case, **fields)
        return f"{what}{FIX_LEAD}{fix}{note}." if fix else what


# Qualifications a fix may carry (`note` above).
NOTES: Dict[str, str] = {
    "device": " (`{via}` copies only tensors on a GPU)",
    "restore": " (as it is, the restore restores nothing)",
}


RULES: Dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("CPS101", "dataset-inplace-on-stored-data",
             "__getitem__ changes stored dataset data in place through an alias",
             advice="copy before changing it (.clone(), .copy()) or change it out of place",
             message="{origin} ({held}, line {line}) is changed in place{by}",
             fix_title="make a real copy (`.clone()` for a tensor, `.copy()` for an ndarray, "
                       "`copy.deepcopy(...)` for containers) or use an out-of-place operation",
             fixes={"tensor": "`.clone()` it", "ndarray": "`.copy()` it",
                    "container": "use `copy.deepcopy(...)`"}),
        Rule("CPS102", "dataset-inplace-after-shallow-copy",
             "__getitem__ changes stored data in place after a copy too shallow for it",
             advice="the copy was too shallow for this change: .clone() a tensor, "
                    "copy.deepcopy a container",
             message="{origin} ({held}, line {line}) is changed in place{by} after `{via}`, "
                     "a copy too shallow for it",
             fix_title="use `copy.deepcopy(...)`",
             fixes={"storage": "`.clone()` it instead"}),
        Rule("CPS103", "dataset-writes-stored-container",
             "__getitem__ writes into a stored container sample read without a copy",
             advice="copy the container before changing it (copy.deepcopy, or a new "
                    "dict/list)",
             message="the {noun} {origin} ({kept}line {line}) gets its entries written{by}",
             fix_title="copy it first (`copy.deepcopy(...)`, or `dict(...)` if only entries "
                       "are replaced)"),
        Rule("CPS104", "dataset-inplace-after-maybe-noop-conversion",
             "__getitem__ changes data in place after a conversion that may return the same "
             "tensor", default_on=False,
             advice="the conversion returned the stored tensor itself: .clone() after "
                    "converting",
             message="{origin} ({held}, line {line}) is changed in place{by} after `{via}`, "
                     "which may return the same tensor",
             fix_title="`.clone()` after converting"),
        Rule("CPS201", "state-dict-inplace",
             "in-place change of a state_dict() result that is then used as separate from "
             "its module",
             advice="clone it first ({k: v.clone() for ...} or copy.deepcopy)",
             message="in-place change of `{origin}` (line {line}) changes `{owner}` too; "
                     "{reason}",
             fix_title="copy it first, `copy.deepcopy(...)`",
             guard_message="in-place change through {snapshot}: it changed `{owner}` as "
                           "well, yet the state_dict is {used} like a separate copy"),
        Rule("CPS202", "state-dict-live-snapshot",
             "a state_dict() snapshot is kept while the module keeps changing",
             advice="take copy.deepcopy(...state_dict()) instead",
             message="`{key}` keeps live `{origin}` and {why}{where} after `{owner}` may have "
                     "changed",
             fix_title="`copy.deepcopy(...)` it",
             # `opt_b.load_state_dict(opt_a.state_dict())`: two optimizers share their state
             messages={"shared": "`{owner}.load_state_dict(...)` keeps the state tensors of "
                                 "`{origin}` (line {line}), shared with `{source}`"},
             fixes={"shared": "load `copy.deepcopy(...)` of the state_dict"},
             advices={"shared": "load copy.deepcopy(optimizer.state_dict()) instead"},
             guard_message="{snapshot} is {used} after `{owner}` changed; it {holds}, not a "
                           "snapshot",
             guard_messages={"shared": "after load_state_dict, `{owner}` shares its state "
                                       "tensors with another live `{source}`: stepping one "
                                       "changes the other's state"}),
        Rule("CPS203", "live-parameter-snapshot",
             "a kept collection of a module's parameters (or a shallow copy of it) is read as "
             "old weights while the module trains",
             advice="keep [p.detach().clone() for p in model.parameters()] instead",
             message="`{key}` keeps live parameters `{origin}` and {why}{where} after a step "
                     "changed `{owner}`",
             fix_title="`[p.detach().clone() for p in ...]` or `copy.deepcopy({owner})`",
             # `copy.copy(model)`: a shallow copy of the module shares its parameters
             advices={"module": "use copy.deepcopy instead"},
             guard_message="a kept collection of parameters is combined with the live "
                           "parameter at {used} after an optimizer step changed it: it holds "
                           "the trained weights, not the weights it was taken at",
             guard_messages={"module": "`copy.copy` of `{owner}` runs at {used} after an "
                                       "optimizer step changed the module it was copied "
                                       "from: a shallow copy shares its parameters, so it "
                                       "runs the trained weights"}),
        # The engine's own notices: no family, corpus, fix or runtime advice.
        Rule("CPS900", "analysis-error",
             "the analysis failed on this file; no other CPS finding is reported for it",
             message="copysafety could not analyse {filename}: {why}"),
        Rule("CPS901", "file-not-checked",
             "the file could not be parsed or decoded, so it was not checked "
             "(`copysafety check` only; flake8 reports E999)",
             message="{filename} was not checked: {why}"),
    )
}

DEFAULT_OFF = tuple(code for code, rule in RULES.items() if not rule.default_on)


RULES_URL = DOCS_URL + "rules"
