"""Value classes: what ``@dataclass(frozen=True, slots=True)`` gives, for a fifth of the cost of
defining the class.

A dataclass writes each of its methods (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``) as source text and compiles it when the class is defined:
about 0.4 ms a class, and some thirty classes lie on the way to a check, more time than
parsing the seed list takes. ``value`` compiles only ``__init__``, where the cost per object
counts (the parser makes one for every cell and link), and shares one generic ``__eq__``,
``__hash__``, ``__repr__`` and ordering built on an ``operator.attrgetter`` of the fields.

Type checkers see a dataclass (PEP 681). Fields are declared as in a dataclass, with
``dataclasses.field`` for ``default_factory``, ``repr=False`` or ``compare=False``. Not
supported, since nothing here needs them: inheriting fields, ``init=False``, keyword-only
fields, ``__post_init__``, a metaclass, and (as with ``dataclass(slots=True)``, since the class
is made anew) zero-argument ``super()`` in its methods. A class that callers change with
``dataclasses.replace`` (a ``Diagnostic``) stays a dataclass; ``values.replace`` does the same
for a value class.
"""

from __future__ import annotations

import inspect  # dataclasses imports it anyway
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda decorated: decorated


__all__ = ["field", "replace", "value"]

T = TypeVar("T")


@overload
def value(cls: type[T], /) -> type[T]: ...


@overload
def value(*, frozen: bool = True, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def value(cls: type[T] | None = None, /, *, frozen: bool = True, order: bool = False) -> Any:
    """Make ``cls`` a slotted value class: frozen (unless ``frozen=False``), compared and
    hashed by its fields, ordered by them with ``order=True``."""

    def make(target: type[T]) -> type[T]:
        return _make(target, frozen, order)

    return make if cls is None else make(cls)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the value ``obj`` with ``changes``, as ``dataclasses.replace`` does."""
    names: tuple[str, ...] = obj.__value_fields__  # type: ignore[attr-defined]
    return type(obj)(**{**{name: getattr(obj, name) for name in names}, **changes})


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def _is_classvar(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _make(cls: type[T], frozen: bool, order: bool) -> type[T]:
    names: list[str] = []
    defaults: dict[str, Any] = {}
    shown: list[str] = []
    compared: list[str] = []
    for name, annotation in inspect.get_annotations(cls).items():
        if _is_classvar(annotation):
            continue
        default = cls.__dict__.get(name, MISSING)
        in_repr = in_compare = True
        if isinstance(default, Field):
            in_repr, in_compare = default.repr, default.compare
            factory = default.default_factory
            default = default.default if factory is MISSING else _Factory(factory)
        names.append(name)
        if default is not MISSING:
            defaults[name] = default
        if in_repr:
            shown.append(name)
        if in_compare:
            compared.append(name)

    namespace = {k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")}
    namespace["__slots__"] = tuple(names)
    namespace["__value_fields__"] = tuple(names)
    namespace["__match_args__"] = tuple(names)
    namespace["__init__"] = _init(cls.__qualname__, names, defaults, frozen)
    namespace["__repr__"] = _repr(tuple(shown))
    key = attrgetter(*compared) if compared else (lambda _: ())
    namespace.update(_comparisons(key, order))
    namespace["__hash__"] = _hash(key) if frozen else None
    if frozen:
        namespace["__setattr__"] = _frozen_setattr
        namespace["__delattr__"] = _frozen_delattr
        namespace["__getstate__"], namespace["__setstate__"] = _state(tuple(names))
    made: type[T] = type(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    return made


def _init(qualname: str, names: list[str], defaults: dict[str, Any], frozen: bool) -> Callable[..., None]:
    """``__init__``, compiled: the one method whose speed counts (one call per object made)."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": MISSING}
    params = []
    body = []
    for name in names:
        default = defaults.get(name, MISSING)
        if isinstance(default, _Factory):
            scope[f"_factory_{name}"] = default.make
            params.append(f"{name}=_MISSING")
            body.append(f"    if {name} is _MISSING: {name} = _factory_{name}()")
        elif default is not MISSING:
            scope[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
    for name in names:
        body.append(f"    _set(self, {name!r}, {name})" if frozen else f"    self.{name} = {name}")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{qualname}.__init__"
    return init


def _repr(shown: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({fields})"

    return __repr__


def _hash(key: Callable[[Any], Any]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _comparisons(key: Callable[[Any], Any], order: bool) -> dict[str, Callable[[Any, Any], Any]]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    methods: dict[str, Callable[[Any, Any], Any]] = {"__eq__": __eq__}
    if order:

        def __lt__(self: Any, other: Any) -> Any:
            return key(self) < key(other) if other.__class__ is self.__class__ else NotImplemented

        def __le__(self: Any, other: Any) -> Any:
            return key(self) <= key(other) if other.__class__ is self.__class__ else NotImplemented

        def __gt__(self: Any, other: Any) -> Any:
            return key(self) > key(other) if other.__class__ is self.__class__ else NotImplemented

        def __ge__(self: Any, other: Any) -> Any:
            return key(self) >= key(other) if other.__class__ is self.__class__ else NotImplemented

        methods.update(__lt__=__lt__, __le__=__le__, __gt__=__gt__, __ge__=__ge__)
    return methods


def _frozen_setattr(self: Any, name: str, _: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _state(names: tuple[str, ...]) -> tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any, tuple[Any, ...]], None]]:
    """Pickling and copying of a frozen slotted class: ``__setattr__`` refuses, so set directly."""

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in names)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, item in zip(names, state, strict=True):
            object.__setattr__(self, name, item)

    return __getstate__, __setstate__
