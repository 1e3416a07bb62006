"""The one source of truth for copy semantics: which calls copy, alias, or copy shallowly.

Every rule consults these tables and nothing else decides what a call returns. Each fact
carries a key; the runtime corpus (`corpus/`) must exercise every key, and `copysafety
verify` reports keys no case exercises. The facts are measured, not folklore: see the probe
table in the README (e.g. `copy.copy` of an ndarray *is* a copy; of a tensor it shares storage).
"""

from dataclasses import dataclass, field
from enum import Enum
from typing import Dict, FrozenSet, Mapping, Optional, Tuple


class Kind(Enum):
    """What a value is, as far as aliasing cares."""

    TENSOR = "tensor"
    NDARRAY = "ndarray"
    LIST = "list"
    DICT = "dict"
    TUPLE = "tuple"
    SCALAR = "scalar"  # int/float/str/bytes/NumPy scalar: immutable, `+=` rebinds
    # An instance of a record class: its fields are the objects it was built with
    # (`analysis.records` says which classes prove it).
    RECORD = "record"
    UNKNOWN = "unknown"


class Effect(Enum):
    """How a call's result relates to its input."""

    COPY = "copy"  # independent at every level that matters
    ALIAS = "alias"  # the same object, or a view sharing its data
    SHALLOW = "shallow"  # a new outer object whose elements (or storage) are still shared
    MAYBE_ALIAS = "maybe-alias"  # a conversion that returns the input when nothing converts
    FRESH = "fresh"  # unrelated to the input (a computed value)


# Kinds whose objects change in place under `+=`, `*=`, ... (the rest rebind the name).
INPLACE_AUGASSIGN_KINDS: FrozenSet[Kind] = frozenset(
    {Kind.TENSOR, Kind.NDARRAY, Kind.LIST, Kind.DICT}
)
# Kinds whose elements are separate objects that a shallow copy still shares.
CONTAINER_KINDS: FrozenSet[Kind] = frozenset({Kind.LIST, Kind.DICT, Kind.TUPLE})
# Dict views: `copy.deepcopy(d.values())` raises TypeError ("cannot pickle 'dict_values'
# object", for dict and OrderedDict alike), so a copy of `list(d.values())` keeps the list.
DICT_VIEW_METHODS: FrozenSet[str] = frozenset({"keys", "values", "items"})
ARRAY_KINDS: FrozenSet[Kind] = frozenset({Kind.TENSOR, Kind.NDARRAY})


@dataclass(frozen=True)
class CopyFact:
    """What one call (function, method or attribute) returns relative to its input.

    `effects` maps the input's kind to the effect; `default` applies to other kinds.
    `result` is the kind of the result (None: the input's kind). `implies` is the kind an
    unknown input must have for the call to exist at all (`.clone()` only exists on tensors).
    """

    key: str
    default: Effect
    effects: Mapping[Kind, Effect] = field(default_factory=dict)
    result: Optional[Kind] = None
    implies: Optional[Kind] = None
    copy_kwarg: bool = False  # `copy=False` turns the call into a maybe-alias conversion

    def effect_for(self, kind: Kind) -> Effect:
        return self.effects.get(kind, self.default)

    @property
    def always_copies(self) -> bool:
        """A real copy for every input kind (unless `copy=` says otherwise)."""
        return self.default is Effect.COPY and all(
            effect is Effect.COPY for effect in self.effects.values())


def _fact(key, default, result=None, implies=None, copy_kwarg=False, **effects):
    by_kind = {Kind[name.upper()]: effect for name, effect in effects.items()}
    return CopyFact(key, default, by_kind, result, implies, copy_kwarg)


C, A, S = Effect.COPY, Effect.ALIAS, Effect.SHALLOW
T, N = Kind.TENSOR, Kind.NDARRAY

# Functions, by fully qualified name; the first positional argument is the input.
FUNCTION_FACTS: Dict[str, CopyFact] = {
    f.key: f
    for f in (
        # copy.copy: a real copy of an ndarray, storage-sharing for a tensor, one level
        # for containers and records (a new object whose fields are the same objects).
        # Unknown kinds: it may be an ndarray, so no finding follows.
        _fact("copy.copy", S, ndarray=C, unknown=C),
        _fact("copy.deepcopy", C),
        _fact("numpy.array", C, result=N, copy_kwarg=True),
        _fact("numpy.copy", C, result=N),
        _fact("numpy.asarray", A, result=N, list=C, tuple=C),
        _fact("numpy.ascontiguousarray", A, result=N, list=C, tuple=C),
        _fact("numpy.reshape", A, result=N),
        _fact("numpy.transpose", A, result=N),
        _fact("numpy.squeeze", A, result=N),
        _fact("numpy.expand_dims", A, result=N),
        _fact("torch.from_numpy", A, result=T),
        _fact("torch.as_tensor", A, result=T, list=C, tuple=C),
        _fact("torch.Tensor", A, result=T, list=C, tuple=C),
        _fact("torch.tensor", C, result=T),
        _fact("torch.clone", C, result=T),
        _fact("torch.reshape", A, result=T),
        _fact("torch.squeeze", A, result=T),
        _fact("torch.unsqueeze", A, result=T),
        _fact("torch.flatten", A, result=T),
        _fact("torch.transpose", A, result=T),
        _fact("list", S, result=Kind.LIST),
        _fact("tuple", S, result=Kind.TUPLE),
        _fact("dict", S, result=Kind.DICT),
        _fact("collections.OrderedDict", S, result=Kind.DICT),
    )
}

# Methods, by name; the receiver is the input.
METHOD_FACTS: Dict[str, CopyFact] = {
    f.key: f
    for f in (
        _fact("clone", C, implies=T),
        _fact("copy", C, list=S, dict=S),  # ndarray.copy() copies; list/dict.copy() is shallow
        _fact("detach", A, implies=T),
        _fact("numpy", A, result=N, implies=T),
        _fact("view", A),
        _fact("view_as", A, implies=T),
        _fact("reshape", A),
        _fact("squeeze", A),
        _fact("unsqueeze", A, implies=T),
        _fact("flatten", A, ndarray=C),  # ndarray.flatten() always copies; a tensor's may view
        _fact("ravel", A),
        _fact("transpose", A),
        _fact("permute", A, implies=T),
        _fact("t", A, implies=T),
        _fact("expand", A, implies=T),
        _fact("narrow", A, implies=T),
        _fact("select", A, implies=T),
        _fact("contiguous", A, implies=T),
        _fact("swapaxes", A),
        _fact("astype", C, implies=N, copy_kwarg=True),
        _fact("items", A, implies=Kind.DICT),
        _fact("values", A, implies=Kind.DICT),
    )
}

# Attributes that are views of their owner.
ATTRIBUTE_FACTS: Dict[str, CopyFact] = {
    f.key: f
    for f in (
        _fact("data", A, implies=T),
        _fact("T", A),
        _fact("mT", A, implies=T),
    )
}

# Conversions that return the receiver itself when nothing needs converting (measured:
# `.float()` of a float32 tensor, `.to(torch.float32)`, `.to('cpu')` of CPU data).
# Value: the dtype the method converts to (None: read it from the arguments).
DTYPE_CONVERSIONS: Dict[str, Optional[str]] = {
    "float": "float32",
    "double": "float64",
    "half": "float16",
    "bfloat16": "bfloat16",
    "int": "int32",
    "long": "int64",
    "short": "int16",
    "byte": "uint8",
    "bool": "bool",
    "to": None,
    "type": None,
    "cuda": None,
    "cpu": None,  # a device move: the same tensor for CPU data, a copy of CUDA data
}

# What is still the very tensor it was read from (a kept `[p.data for p in m.parameters()]`
# follows training as `p` does): the `.data` attribute and `detach()`/`requires_grad_()`
# (ATTRIBUTE_FACTS and METHOD_FACTS: aliases); a device move returns the same tensor when it
# is on that device already (DTYPE_CONVERSIONS). Corpus: `corpus/cps203`.
SAME_TENSOR_ATTRIBUTES: FrozenSet[str] = frozenset({"data"})
SAME_TENSOR_METHODS: FrozenSet[str] = frozenset({"detach", "requires_grad_"})
DEVICE_MOVES: FrozenSet[str] = frozenset({"cpu", "to"})

# Canonical dtype names (torch and NumPy spellings) that conversion arguments may use.
DTYPE_NAMES: Dict[str, str] = {
    "float": "float32", "float32": "float32", "float64": "float64", "double": "float64",
    "float16": "float16", "half": "float16", "bfloat16": "bfloat16", "int32": "int32",
    "int": "int32", "int64": "int64", "long": "int64", "int16": "int16", "short": "int16",
    "uint8": "uint8", "bool": "bool",
}

# Constructors whose result dtype is known without arguments (torch's default float32).
DEFAULT_DTYPE_FACTORIES: FrozenSet[str] = frozenset(
    {"torch.rand", "torch.randn", "torch.zeros", "torch.ones", "torch.empty", "torch.full"}
)

# Methods that change their receiver in place, per receiver kind.
MUTATING_METHODS: Dict[Kind, FrozenSet[str]] = {
    Kind.NDARRAY: frozenset({"fill", "sort", "put", "itemset", "partition", "resize"}),
    Kind.LIST: frozenset({"append", "extend", "insert", "pop", "remove", "sort", "reverse",
                          "clear"}),
    Kind.DICT: frozenset({"update", "pop", "popitem", "setdefault", "clear"}),
}
# Container mutators that imply a container even on an unknown receiver.
CONTAINER_MUTATORS: FrozenSet[str] = frozenset(
    {"append", "extend", "insert", "remove", "update", "popitem", "setdefault"}
)
# Tensor methods ending in `_` change data in place, except these, which change flags.
NON_DATA_INPLACE_METHODS: FrozenSet[str] = frozenset(
    {"requires_grad_", "share_memory_", "retain_grad_", "pin_memory_", "names_", "rename_"}
)

# The in-place methods of `torch.Tensor` that change its data or shape: `dir(torch.Tensor)`
# names ending in `_` (torch 2.13), less NON_DATA_INPLACE_METHODS. On a value of unknown kind
# a trailing underscore proves nothing (TensorDict's `unlock_()` flips a flag): only these
# names are taken as a change there. tests/test_verify.py checks it against torch.
TENSOR_INPLACE_METHODS: FrozenSet[str] = frozenset({
    "abs_", "absolute_", "acos_", "acosh_", "add_", "addbmm_", "addcdiv_", "addcmul_",
    "addmm_", "addmv_", "addr_", "apply_", "arccos_", "arccosh_", "arcsin_", "arcsinh_",
    "arctan2_", "arctan_", "arctanh_", "as_strided_", "asin_", "asinh_", "atan2_", "atan_",
    "atanh_", "baddbmm_", "bernoulli_", "bitwise_and_", "bitwise_left_shift_", "bitwise_not_",
    "bitwise_or_", "bitwise_right_shift_", "bitwise_xor_", "cauchy_", "ceil_", "clamp_",
    "clamp_max_", "clamp_min_", "clip_", "conj_physical_", "copy_", "copysign_", "cos_",
    "cosh_", "cumprod_", "cumsum_", "deg2rad_", "detach_", "digamma_", "div_", "divide_",
    "eq_", "erf_", "erfc_", "erfinv_", "exp2_", "exp_", "expm1_", "exponential_", "fill_",
    "fill_diagonal_", "fix_", "float_power_", "floor_", "floor_divide_", "fmod_", "frac_",
    "gcd_", "ge_", "geometric_", "greater_", "greater_equal_", "gt_", "heaviside_", "hypot_",
    "i0_", "igamma_", "igammac_", "index_add_", "index_copy_", "index_fill_", "index_put_",
    "index_reduce_", "lcm_", "ldexp_", "le_", "lerp_", "less_", "less_equal_", "lgamma_",
    "log10_", "log1p_", "log2_", "log_", "log_normal_", "logical_and_", "logical_not_",
    "logical_or_", "logical_xor_", "logit_", "lt_", "map2_", "map_", "masked_fill_",
    "masked_scatter_", "mul_", "multiply_", "mvlgamma_", "nan_to_num_", "ne_", "neg_",
    "negative_", "nextafter_", "normal_", "not_equal_", "polygamma_", "pow_", "put_",
    "rad2deg_", "random_", "reciprocal_", "relu_", "remainder_", "renorm_", "resize_",
    "resize_as_", "resize_as_sparse_", "round_", "rsqrt_", "scatter_", "scatter_add_",
    "scatter_reduce_", "set_", "sgn_", "sigmoid_", "sign_", "sin_", "sinc_", "sinh_",
    "sparse_resize_", "sparse_resize_and_clear_", "sqrt_", "square_", "squeeze_", "sub_",
    "subtract_", "swapaxes_", "swapdims_", "t_", "tan_", "tanh_", "transpose_", "tril_",
    "triu_", "true_divide_", "trunc_", "uniform_", "unsqueeze_", "xlogy_", "zero_"
})

# Functions that change an argument in place: qualified name -> index of that argument.
MUTATING_FUNCTIONS: Dict[str, int] = {
    "numpy.copyto": 0,
    "numpy.random.shuffle": 0,
    "numpy.put": 0,
    "numpy.fill_diagonal": 0,
    "random.shuffle": 0,
}
# Modules whose trailing-underscore functions change their first argument in place
# (`torch.nn.init.zeros_(w)`, `torch.relu_(x)`).
INPLACE_UNDERSCORE_MODULES: Tuple[str, ...] = ("torch.nn.init", "torch")
# Keyword arguments that name an output written in place (`out=`, OpenCV's `dst=`).
OUTPUT_KEYWORDS: FrozenSet[str] = frozenset({"out", "dst"})

# `torch.nn.functional.relu(x, inplace=True)` changes `x`.
INPLACE_KEYWORD = "inplace"

# Array constructors: what kind of value they make (for kinds of stored data).
TENSOR_FACTORIES: FrozenSet[str] = frozenset(
    {"torch.rand", "torch.randn", "torch.randint", "torch.zeros", "torch.ones", "torch.empty",
     "torch.full", "torch.arange", "torch.linspace", "torch.tensor", "torch.stack", "torch.cat",
     "torch.from_numpy", "torch.as_tensor", "torch.Tensor", "torch.zeros_like",
     "torch.ones_like", "torch.rand_like", "torch.randn_like", "torch.eye"}
)
NDARRAY_FACTORIES: FrozenSet[str] = frozenset(
    {"numpy.zeros", "numpy.ones", "numpy.empty", "numpy.full", "numpy.array", "numpy.asarray",
     "numpy.load", "numpy.stack", "numpy.concatenate", "numpy.arange", "numpy.linspace",
     "numpy.random.rand", "numpy.random.randn", "numpy.random.random", "numpy.random.randint",
     "numpy.random.uniform", "numpy.random.normal", "numpy.zeros_like", "numpy.ones_like",
     "numpy.eye", "numpy.fromfile", "numpy.vstack", "numpy.hstack"}
)
# Calls whose result has the shape of their first argument (a copy or a view of it, or the
# same data converted): `np.array(x)`, `torch.tensor(x)`; and those joining the arrays of a
# list along an existing axis (`np.concatenate([a, b])`: the members' number of dimensions)
# or a new one (`torch.stack(rows)`: one more).
SHAPE_OF_FIRST_ARGUMENT: FrozenSet[str] = frozenset(
    {"numpy.array", "numpy.asarray", "numpy.ascontiguousarray", "numpy.copy",
     "torch.tensor", "torch.as_tensor", "torch.from_numpy",
     "torch.Tensor", "torch.FloatTensor", "torch.clone"}
)
SHAPE_OF_MEMBERS: FrozenSet[str] = frozenset({"numpy.concatenate", "torch.cat", "torch.concat"})
SHAPE_OF_MEMBERS_PLUS_ONE: FrozenSet[str] = frozenset({"numpy.stack", "torch.stack"})
# Methods whose result has the shape of the array they are called on (`.astype(...)`,
# `.float()`, `.tolist()` as nested lists of that depth).
SHAPE_KEEPING_METHODS: FrozenSet[str] = frozenset(
    {"astype", "copy", "clone", "detach", "to", "cpu", "cuda", "contiguous", "float", "double",
     "half", "long", "int", "bool", "numpy", "type", "type_as", "tolist", "requires_grad_"}
)
# NumPy factories whose positional arguments are each one dimension (`rand(3, 4)`).
NDARRAY_DIM_ARGS_FACTORIES: FrozenSet[str] = frozenset(
    {"numpy.random.rand", "numpy.random.randn"}
)
# NumPy factories whose first argument is the shape (`zeros((3, 4))`, `zeros(10)`).
NDARRAY_SHAPE_FACTORIES: FrozenSet[str] = frozenset(
    {"numpy.zeros", "numpy.ones", "numpy.empty", "numpy.full", "numpy.random.random"}
)


# Indexing an array: a basic index or slice gives a view (for a tensor, even `t[i]` of a 1-D
# tensor: a 0-d view); advanced indexing (a list of indices, a boolean mask) copies; an
# integer index into a 1-D ndarray gives a NumPy scalar, an immutable copy.
INDEX_VIEW = "index:view"
INDEX_ADVANCED_COPIES = "index:advanced-copy"
INDEX_NDARRAY_SCALAR = "index:ndarray-scalar"
# A NumPy scalar takes no integer, slice or array index (IndexError: invalid index to scalar
# variable; only `()`, `...` and `None`): `a[i][:n]` that runs proves `a[i]` a row view.
INDEX_SCALAR_REFUSES_INDEX = "index:ndarray-scalar-refuses-index"
# A NumPy scalar's shape is `()` and a number has none: code that unpacks `p.shape` into
# names or reads `p.shape[0]` runs only when `p` is an array (`analysis/param_kinds.py`).
SHAPE_PROVES_ARRAY = "shape:unpacked-only-by-an-array"
INDEX_FACTS: Tuple[str, ...] = (INDEX_VIEW, INDEX_ADVANCED_COPIES, INDEX_NDARRAY_SCALAR,
                                INDEX_SCALAR_REFUSES_INDEX, SHAPE_PROVES_ARRAY)

# Calls that always return an integer array (at least one dimension), or a tuple of them:
# indexing with their result is advanced indexing, which copies, exactly like a boolean mask
# (proven by corpus `cps101/indexing/neg_index_array_from_call.py`). Value: the keyword or
# position of a `size` argument the result needs to be an array (`np.random.choice(n)` alone
# is one integer, a basic index that views), or None when the result is always an array.
INDEX_ARRAY_FUNCTIONS: Dict[str, Optional[Tuple[str, int]]] = {
    "numpy.arange": None,
    "numpy.nonzero": None,
    "numpy.flatnonzero": None,
    "numpy.argwhere": None,
    "numpy.argsort": None,
    "numpy.unique": None,
    "numpy.concatenate": None,
    "numpy.random.permutation": None,
    "numpy.random.choice": ("size", 1),
    "numpy.random.randint": ("size", 2),
    "torch.randperm": None,
    "torch.arange": None,
    "torch.nonzero": None,
    "torch.argsort": None,
}
# `np.where(mask)` (one argument) gives a tuple of index arrays; `np.where(mask)[0]` one.
INDEX_ARRAY_WHERE: FrozenSet[str] = frozenset({"numpy.where", "torch.where"})
# Methods of arrays and tensors that return index arrays (`mask.nonzero()`, `x.argsort()`).
INDEX_ARRAY_METHODS: FrozenSet[str] = frozenset({"nonzero", "argsort", "argwhere"})


# What `state_dict()` / `load_state_dict()` share, beyond "a module's state_dict holds its
# live tensors". Measured with torch 2.13, each proven by a corpus case (`cps202/
# pos_optimizer_transplant.py`, `neg_optimizer_snapshot_before_step.py`,
# `pos_optimizer_snapshot.py`, `cps201/neg_load_copies_in.py`):
#   opt_b.load_state_dict(opt_a.state_dict()); opt_b.step() changes opt_a's moments: True
#   optimizer snapshot before any step keeps per-parameter state: {}
#   optimizer snapshot after a step follows later steps: True
#   editing a snapshot's param_groups changes the optimizer's lr: False
#   {k: v.cpu()} of a CPU model shares storage with the weights: True
#   {k: v.detach()} shares storage: True
# and on CUDA `{k: v.cpu()}` of a GPU model is a copy.
OPTIMIZER_BEFORE_STEP = "state_dict:optimizer-before-step"
OPTIMIZER_AFTER_STEP = "state_dict:optimizer-after-step"
OPTIMIZER_LOAD_KEEPS = "load_state_dict:optimizer-keeps-tensors"
MODULE_LOAD_COPIES = "load_state_dict:module-copies-in"
STATE_DICT_CPU_MOVE = "state_dict:cpu-move"
STATE_DICT_METADATA_READ = "state_dict:metadata-read"
OPTIMIZER_CHANGES_ITS_MODULES = "optimizer:step-changes-its-modules"
OPTIMIZER_REBOUND = "optimizer:rebound"
STATE_DICT_WRITE_THROUGH = "state_dict:write-through-statement"
PARAMETERS_LIVE = "parameters:live-tensors"
STATE_DICT_REBOUND_ENTRIES = "state_dict:entries-rebound"
MODULE_SHALLOW_COPY = "copy.copy:module-shares-parameters"
HELPER_CHANGES_STATE_DICT = "state_dict:helper-changes-entries"
OPTIMIZER_BASE_INIT_REBINDS = "optimizer:base-init-rebinds"
HELPER_RETURNS_STATE_DICT = "state_dict:helper-returns-live"
HELPER_KEEPS_STATE_DICT = "state_dict:helper-keeps-on-holder"
OPTIMIZER_RETURNS_PARAMETERS = "optimizer:param-groups-hold-live-parameters"
PARAMETER_DATA_ADOPTS = "parameter:data-assignment-adopts-tensor"
HELPER_READS_OTHER_SLOT = "state_dict:helper-reads-other-slots"
# The param-group key under which `torch.optim.Optimizer.add_param_group` keeps the
# Parameter objects it was given (the module's own, not copies).
PARAM_GROUP_PARAMS_KEY = "params"
# What describes a tensor without reading its elements: the same for a module's own tensor
# and for a copy of it (`Tensor.shape`, `.dtype`, `.device`, ... in the torch docs' "Tensor
# Attributes"; `size()`, `dim()`, `numel()`), so a read of them never tells the two apart.
TENSOR_METADATA_ATTRIBUTES: FrozenSet[str] = frozenset(
    {"shape", "dtype", "device", "ndim", "layout", "is_cuda", "requires_grad"})
TENSOR_METADATA_METHODS: FrozenSet[str] = frozenset(
    {"size", "dim", "numel", "nelement", "element_size", "is_floating_point",
     "is_complex", "is_contiguous", "stride"})
STATE_DICT_FACTS: Dict[str, str] = {
    OPTIMIZER_BEFORE_STEP: "an optimizer's state_dict() before any step is a real snapshot: "
                           "`state` is empty and `param_groups` are packed into new dicts",
    OPTIMIZER_AFTER_STEP: "after a step, an optimizer's state_dict() holds the live "
                          "per-parameter state tensors (momentum, Adam moments, step)",
    OPTIMIZER_LOAD_KEEPS: "Optimizer.load_state_dict keeps the per-parameter state tensors "
                          "it is given: two optimizers then share them",
    PARAMETER_DATA_ADOPTS: "`p.data = t` and `p.set_(t)` make the Parameter use `t`'s own "
                           "memory, no copy: `t` (and the dict entry it came from) is "
                           "then a live tensor of the module, changed by its training",
    MODULE_LOAD_COPIES: "Module.load_state_dict copies the values into the module's own "
                        "tensors (unless assign=True)",
    STATE_DICT_CPU_MOVE: "`.cpu()`/`.to(\"cpu\")` of a state_dict's tensors return the same "
                         "tensors on the CPU and copies of tensors on a GPU",
    STATE_DICT_METADATA_READ: "a state_dict entry's shape, dtype, device or size() are its "
                              "module's tensor's too, and a copy's: reading them does not "
                              "treat the state_dict as separate from its module",
    OPTIMIZER_CHANGES_ITS_MODULES: "optimizer.step() changes only the parameters it was "
                                   "built on: a module beside them keeps its values",
    OPTIMIZER_REBOUND: "a name bound to a new optimizer leaves the old one unstepped: what "
                       "was taken from the old one no longer changes",
    STATE_DICT_WRITE_THROUGH: "a statement that changes a state_dict's tensor straight off "
                              "the call (`m.state_dict()[k].copy_(v)`) has no effect but "
                              "on the module: its only possible intent is to change it",
    STATE_DICT_REBOUND_ENTRIES: "`d[k] = new` for every key binds new tensors into the dict: "
                                "accumulating into them then (`d[k] += ...`) leaves the "
                                "module alone",
    PARAMETERS_LIVE: "`list(m.parameters())`, `dict(m.named_parameters())` and comprehensions "
                     "keeping `p` (or `p.data`, `p.detach()`) hold the module's live "
                     "parameter tensors: an optimizer step changes them",
    MODULE_SHALLOW_COPY: "`copy.copy(module)` shares the module's parameter tensors (and its "
                         "parameter dicts): training the module changes the copy",
    HELPER_CHANGES_STATE_DICT: "a project function handed a state_dict changes the "
                               "module's tensors where its body changes its parameter's "
                               "entries in place (its summary, applied at the call)",
    OPTIMIZER_BASE_INIT_REBINDS: "`Optimizer.__init__` assigns `state`, `param_groups` and "
                                 "`defaults`: in a subclass, a state_dict bound to one of "
                                 "them before `super().__init__(...)` is replaced there",
    HELPER_RETURNS_STATE_DICT: "a project function (of this module or another) that returns "
                               "its argument's state_dict() or list of parameters hands the "
                               "caller that module's live tensors",
    HELPER_KEEPS_STATE_DICT: "a project method or function that stores a state_dict it is "
                             "given (or takes) on an object (`self.state = state`) leaves "
                             "the caller's object holding the module's live tensors",
    HELPER_READS_OTHER_SLOT: "a project function that reads its dict parameter only by "
                             "string keys (`ckpt[\"norms\"]`) reads those slots alone: a "
                             "snapshot the caller keeps under another key is not read by "
                             "the call",
    OPTIMIZER_RETURNS_PARAMETERS: "an optimizer's `param_groups[i][\"params\"]` are the "
                                  "module's own Parameter objects: a project optimizer "
                                  "method returning them hands its caller live parameters",
}


def all_fact_keys() -> FrozenSet[str]:
    """Every fact a corpus case must exercise, named as `copysafety verify` reports them."""
    keys = {f"function:{k}" for k in FUNCTION_FACTS}
    keys |= {f"method:{k}" for k in METHOD_FACTS}
    keys |= {f"attribute:{k}" for k in ATTRIBUTE_FACTS}
    keys |= {f"conversion:{k}" for k in DTYPE_CONVERSIONS}
    keys |= {f"mutator:{k}" for k in MUTATING_FUNCTIONS}
    keys |= set(INDEX_FACTS)
    keys |= set(STATE_DICT_FACTS)
    keys |= {f"index-array:{k}" for k in (*INDEX_ARRAY_FUNCTIONS, *INDEX_ARRAY_WHERE)}
    keys |= {f"index-array:.{k}" for k in INDEX_ARRAY_METHODS}
    return frozenset(keys)


# The kind an annotation names (`x: torch.Tensor`), by qualified name.
ANNOTATION_KINDS: Dict[str, Kind] = {
    "torch.Tensor": Kind.TENSOR, "numpy.ndarray": Kind.NDARRAY, "list": Kind.LIST,
    "typing.List": Kind.LIST, "dict": Kind.DICT, "typing.Dict": Kind.DICT,
    "tuple": Kind.TUPLE, "typing.Tuple": Kind.TUPLE, "int": Kind.SCALAR, "float": Kind.SCALAR,
    "str": Kind.SCALAR,
}
# Attributes and methods that only an array or a tensor has (`x.shape`, `x.reshape(...)`).
ARRAY_ONLY_ATTRIBUTES: FrozenSet[str] = frozenset({"shape", "ndim", "dtype", "T"})
ARRAY_ONLY_METHODS: FrozenSet[str] = frozenset({"transpose", "reshape", "swapaxes", "squeeze",
                                                "ravel"})
# torch operations (functions, methods, operators) that measure a difference between two
# tensors: where the runtime guard takes a kept parameter and its live parameter combined by
# one of these as "old weights read against new" (CPS203), and not an L2 penalty `p * p`.
DIFFERENCE_OPERATIONS: FrozenSet[str] = frozenset(
    "sub __sub__ __rsub__ rsub subtract sub_ __isub__ dist mse_loss l1_loss smooth_l1_loss "
    "huber_loss pairwise_distance cosine_similarity copy_ eq ne __eq__ __ne__ equal allclose "
    "isclose".split())
