"""What a tensor or an ndarray holds, cheaply: the bytes it spans and a fingerprint of them.

Version counters (`tensor._version`) move on every in-place change made through the tensor or
a view sharing its counter, but not through `copy.copy(tensor)`, `.data` or `.numpy()`, which
share the storage and not the counter (measured on torch 2.13), and ndarrays have none. A
fingerprint of the bytes sees those writes too: all of them up to `FULL_BYTES`, else
`SAMPLES` elements spread evenly over the data (or all of them with `full=True`).
"""

import ctypes
import zlib
from typing import Any, Optional, Tuple

FULL_BYTES = 1 << 16
SAMPLES = 1024

Span = Tuple[int, int]  # [start, end) addresses


def _byte_bounds(array) -> Span:
    import numpy as np

    bounds = getattr(np, "byte_bounds", None)
    if bounds is None:
        bounds = np.lib.array_utils.byte_bounds
    low, high = bounds(array)
    return int(low), int(high)


def array_span(array) -> Optional[Span]:
    if array.size == 0:
        return None
    return _byte_bounds(array)


def tensor_span(tensor) -> Optional[Span]:
    """The bytes a strided tensor can reach (None for sparse, meta or empty tensors)."""
    try:
        if tensor.is_contiguous():  # the common case: numel * itemsize bytes from its start
            start = tensor.data_ptr()
            end = start + tensor.nbytes
            return (start, end) if start and end > start else None
        if tensor.numel() == 0 or str(tensor.layout) != "torch.strided" or tensor.is_meta:
            return None
        start = tensor.data_ptr()
        shape, strides = tensor.shape, tensor.stride()
    except (RuntimeError, AttributeError, TypeError):
        return None
    if start == 0:
        return None
    extent = 1 + sum((size - 1) * abs(stride) for size, stride in zip(shape, strides))
    low = start + min(0, sum((size - 1) * stride for size, stride in zip(shape, strides)
                             if stride < 0))
    return low, low + extent * tensor.element_size()


def tensor_device(tensor) -> str:
    """Addresses are only comparable on one device: the key of the device a tensor is on."""
    return "cpu" if tensor.is_cpu else str(tensor.device)


def _crc(buffer) -> int:
    return zlib.crc32(memoryview(buffer).cast("B"))


def array_fingerprint(array, full: bool = False, limit: int = FULL_BYTES) -> Any:
    """All bytes up to `limit`, else `SAMPLES` elements spread evenly."""
    import numpy as np

    if array.dtype.kind == "O":
        return ("objects", tuple(map(id, array.flat)))
    if full or array.nbytes <= limit:
        if array.flags.c_contiguous:
            return zlib.crc32(array)
        return _crc(np.ascontiguousarray(array))
    positions = np.linspace(0, array.size - 1, SAMPLES, dtype=np.int64)
    return _crc(np.ascontiguousarray(array.flat[positions]))


def tensor_fingerprint(tensor, full: bool = False, limit: int = FULL_BYTES) -> Any:
    try:
        if tensor.is_cpu and tensor.is_contiguous():  # the common case: its bytes, directly
            start, size = tensor.data_ptr(), tensor.nbytes
            if start and (full or size <= limit):
                return zlib.crc32(ctypes.string_at(start, size))
    except (RuntimeError, TypeError):  # no plain memory (sparse, fake, wrapper subclasses)
        pass
    if tensor.is_cpu:  # the tensor's bytes seen as an ndarray, no copy
        try:
            array = tensor.numpy()
        except (RuntimeError, TypeError):  # grad, conjugate bit, a dtype numpy lacks, sparse
            pass
        else:
            return array_fingerprint(array, full, limit) if array.size else None
    global _NUMPY_DTYPES
    if not _NUMPY_DTYPES:
        _NUMPY_DTYPES = _numpy_dtypes()
    return _tensor_fingerprint(tensor, full)


def _tensor_fingerprint(tensor, full: bool) -> Any:
    """None where reading the bytes would cost a device synchronisation (not on the CPU)
    and `full` is off, or where the tensor has no plain strided bytes."""
    import torch

    try:
        if tensor.layout != torch.strided or tensor.is_meta or tensor.numel() == 0:
            return None
        if tensor.device.type != "cpu" and not full:
            return None
        if tensor.device.type == "cpu" and tensor.dtype in _NUMPY_DTYPES:
            return array_fingerprint(tensor.detach().numpy(), full)
        with torch.no_grad():
            flat = tensor.detach()
            if full or flat.numel() * flat.element_size() <= FULL_BYTES:
                data = flat.reshape(-1)
            else:
                positions = torch.linspace(0, flat.numel() - 1, SAMPLES,
                                           device=flat.device).long()
                data = (flat.reshape(-1)[positions] if flat.is_contiguous()
                        else _strided_samples(flat, positions))
            data = data.contiguous().cpu()
            if data.is_complex():
                data = torch.view_as_real(data)
            if data.dtype == torch.bool:
                data = data.to(torch.uint8)
            return _crc(data.reshape(-1).view(torch.uint8).numpy())
    except (RuntimeError, TypeError, ValueError):
        return None


def is_array(value: Any) -> bool:
    import numpy as np

    return isinstance(value, np.ndarray)


def fingerprint(value, full: bool = False) -> Any:
    """The fingerprint of a tensor or an ndarray."""
    return array_fingerprint(value, full) if is_array(value) else tensor_fingerprint(value, full)


_NUMPY_DTYPES: frozenset = frozenset()


def _numpy_dtypes() -> frozenset:
    import torch

    return frozenset((torch.float64, torch.float32, torch.float16, torch.int64, torch.int32,
                      torch.int16, torch.int8, torch.uint8, torch.bool, torch.complex64,
                      torch.complex128))


def _strided_samples(tensor, positions):
    """Elements at flat (row-major) `positions` without copying a non-contiguous tensor."""
    import torch

    index = []
    rest = positions
    for size in reversed(tensor.shape):
        index.append(rest % size)
        rest = torch.div(rest, size, rounding_mode="floor")
    return tensor[tuple(reversed(index))]
