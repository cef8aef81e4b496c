"""Static review of a notebook: follow which rows each variable holds, what shaped them,
and what every fit and every score saw, reading the code with :mod:`ast` (nothing runs).

The analysis is an abstract interpreter over the code cells in order. A data value carries
*row tags*: ``all:<source>`` before any split, ``train:<split>`` / ``test:<split>`` after one.
It also carries the *shapes* that touched it (a transformer or a statistic, with the row tags
it was fitted on). At every test sink (a model's predict or score on test rows, a metric on
test labels, a cross-validation) the rules ask:

* preprocessing leak: was a shape fitted on rows that include these test rows?
* overlap leak: was the model fitted on rows that include them, or were they resampled
  (oversampled, augmented, duplicated) before the split?
* multi-test leak: how many models, versions or loop iterations were scored on them?

Loops are read once with the names assigned inside them marked as varying; user-defined
functions are read at each call with the arguments bound (helper functions are common in
leaky notebooks). What cannot be resolved stays unknown and never yields a finding.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from diveml.review._findings import Finding, make_finding
from diveml.review._library import (
    COLUMN_TRANSFORMERS,
    CONFIDENCE_TEXT,
    CV_FUNCTIONS,
    ENTITY_RE,
    ESTIMATOR_DISPLAYS,
    METRIC_RE,
    MODEL_NAMES,
    MODEL_SINKS,
    MODEL_SUFFIXES,
    PASS_THROUGH,
    PIPELINES,
    RANDOM_DRAWS,
    READERS,
    RESAMPLERS,
    SEARCHES,
    SPLITTERS_RANDOM,
    SPLITTERS_SAFE,
    STATEFUL_TRANSFORMERS,
    STATELESS,
    STATISTICS,
    TEST_NAME,
    TRAIN_NAME,
    VAL_NAME,
    metric_names,
)
from diveml.review._source import NotebookSource

__all__ = ["analyse"]

# --- abstract values --------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """Where something happens: cell index (None for a script) and line in the file/cell."""

    cell: int | None
    line: int

    def words(self) -> str:
        return f"line {self.line}" if self.cell is None else f"cell {self.cell}, line {self.line}"


@dataclass(frozen=True)
class Shape:
    """A fitted step or statistic that changed data: what it was and the rows it saw."""

    site: Site
    what: str
    rows: frozenset[str]
    rows_desc: str
    supervised: bool = False
    column: str | None = None  # set when the step only changed this column of a frame


@dataclass(frozen=True)
class Data:
    """Rows of data (a frame, an array, a column, predictions or a statistic)."""

    rows: frozenset[str] = frozenset()
    shaped: frozenset[Shape] = frozenset()
    resampled: Site | None = None
    base: str | None = None
    column: str | None = None
    selected: tuple[str, ...] | None = None  # explicit column list (() = unknown selection)
    removed: frozenset[str] = frozenset()
    cv_scores: bool = False
    pred_of: tuple[Any, ...] | None = None
    desc: str = ""
    subset: bool = False  # a row subset whose role the assigned name decides
    stat: bool = False
    metrics: frozenset[str] = frozenset()  # distinct metrics whose values this holds
    groupby: str | None = None


@dataclass
class Est:
    """An estimator object (model, transformer, resampler, search or pipeline)."""

    site: Site
    cls: str
    kind: str  # model | transformer | resampler | unknown
    name: str = ""
    fitted: frozenset[str] | None = None
    fitted_desc: str = ""
    fit_site: Site | None = None
    version: int = 0
    varies: bool = False
    supervised_fit: bool = False

    @property
    def dummy(self) -> bool:
        return self.cls.startswith("Dummy")

    def key(self) -> tuple[Any, ...]:
        return (self.site, self.version)


@dataclass
class Split:
    """A train/test split: its rows' parents and how it was drawn."""

    id: str
    site: Site
    parents: frozenset[str]
    shuffled: bool
    grouped: bool
    manual: bool = False
    test_names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SplitOut:
    """The tuple train_test_split returns, before it is unpacked."""

    parts: tuple[Data, ...]


@dataclass(frozen=True)
class Func:
    node: ast.FunctionDef | ast.Lambda


class CallSite(NamedTuple):
    """A call being analysed: its name, node, evaluated arguments and site."""

    fname: str
    node: ast.Call
    args: list[Any]
    kwargs: dict[str, Any]
    kwnodes: dict[str, ast.expr]
    site: Site


# A step of Analyser.call answers this when the call is not of its kind.
_PASS: Any = object()


@dataclass(frozen=True)
class Event:
    """One evaluation of test rows."""

    split: str
    site: Site
    key: tuple[Any, ...] | None
    multiple: bool
    model: str
    data: str


def _in_order(shapes: frozenset[Shape]) -> list[Shape]:
    """The steps in a fixed order (by site, then words), so that where two steps at one line
    leak, the finding names the same one on every run (a set's order varies between runs:
    ``hash(None)`` does in Python 3.11)."""
    return sorted(shapes, key=lambda s: (s.site.cell or 0, s.site.line, s.what, s.rows_desc))


def merge(values: Iterable[Any]) -> Data | None:
    """Combine the data values among ``values`` (others are ignored) as one derived value."""
    datas = [v for v in values if isinstance(v, Data)]
    if not datas:
        return None
    first = datas[0]
    return Data(
        rows=frozenset().union(*(d.rows for d in datas)),
        shaped=frozenset().union(*(d.shaped for d in datas)),
        resampled=next((d.resampled for d in datas if d.resampled), None),
        base=first.base,
        removed=first.removed,
        selected=first.selected,
        cv_scores=any(d.cv_scores for d in datas),
        pred_of=next((d.pred_of for d in datas if d.pred_of), None),
        desc=first.desc,
        metrics=frozenset().union(*(d.metrics for d in datas)),
    )


def _name(node: ast.AST) -> str:
    """The last dotted name of a call's function: ``sk.preprocessing.StandardScaler`` → it."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _src(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # unparse of odd nodes; a label only
        return "?"
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_of(cls: str) -> str:
    if cls in RESAMPLERS:
        return "resampler"
    if cls in STATEFUL_TRANSFORMERS or cls in COLUMN_TRANSFORMERS:
        return "transformer"
    if cls in STATELESS:
        return "stateless"
    if cls in MODEL_NAMES or cls.endswith(MODEL_SUFFIXES):
        return "model"
    return "unknown"


def _assigned_names(nodes: Iterable[ast.AST]) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                names.add(sub.id)
    return names


def _names_in(node: ast.AST | None) -> set[str]:
    if node is None:
        return set()
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _strings_in(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


# --- the interpreter ----------------------------------------------------------------------


class Analyser:
    """Read the cells in order and collect findings."""

    def __init__(self, source: NotebookSource) -> None:
        self.source = source
        self.env: dict[str, Any] = {}
        self.splits: dict[str, Split] = {}
        self.events: list[Event] = []
        self.findings: dict[tuple[str, Site, str], Finding] = {}
        self.deps: dict[str, dict[str, set[str]]] = {}  # base → column → columns it uses
        self.dated: dict[str, str] = {}  # base → date column
        self.entity: dict[str, str] = {}  # base → subject column seen repeating
        self.sources = 0
        self.loops: list[set[str]] = []
        self.varying_call = 0
        self.call_depth = 0
        self.cell: int | None = 0
        self.offset = 0

    # -- helpers
    def site(self, node: ast.AST) -> Site:
        line = getattr(node, "lineno", 1) + self.offset
        return Site(self.cell, line)

    def add(self, code: str, site: Site, message: str, key: str = "", **kw: Any) -> None:
        k = (code, site, key)
        if k not in self.findings:
            self.findings[k] = make_finding(
                code, cell=site.cell, line=site.line, message=message, **kw
            )

    def new_source(self, label: str, role: str | None = None) -> Data:
        self.sources += 1
        base = f"src{self.sources}"
        if role in ("train", "test"):
            sid = "files"
            self.splits.setdefault(
                sid, Split(sid, Site(self.cell, 0), frozenset(), False, False, True)
            )
            return Data(rows=frozenset({f"{role}:{sid}"}), base=base, desc=label)
        return Data(rows=frozenset({f"all:{base}"}), base=base, desc=label)

    def ancestors(self, tag: str) -> set[str]:
        seen: set[str] = set()
        todo = [tag]
        while todo:
            t = todo.pop()
            sid = t.split(":", 1)[1] if ":" in t else ""
            sp = self.splits.get(sid)
            if sp is None or t.startswith("all:"):
                continue
            for parent in sp.parents:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def covers(self, fitted: frozenset[str], tag: str) -> bool:
        return tag in fitted or bool(self.ancestors(tag) & fitted)

    def is_validation(self, sid: str) -> bool:
        sp = self.splits[sid]
        if any(p.startswith("train:") for p in sp.parents) or any(
            p.startswith("train:") for parent in sp.parents for p in self.ancestors(parent)
        ):
            return True
        named_val = bool(sp.test_names) and all(VAL_NAME.search(n) for n in sp.test_names)
        others = any(
            o != sid and not VAL_NAME.search(" ".join(s.test_names)) for o, s in self.splits.items()
        )
        return named_val and others

    def in_loop(self) -> bool:
        return bool(self.loops) or self.varying_call > 0

    def varies(self, *nodes: ast.AST | None) -> bool:
        if self.varying_call:
            return True
        names = set().union(*(_names_in(n) for n in nodes))
        return any(names & loop for loop in self.loops)

    # -- statements
    def run(self) -> list[Finding]:
        for cell in self.source.code_cells():
            self.cell = cell.index if self.source.kind == "ipynb" else None
            self.offset = cell.first_line - 1
            tree = self.parse(cell)
            if tree is None:
                continue
            for stmt in tree.body:
                self.stmt(stmt)
        self.finish()
        return list(self.findings.values())

    def parse(self, cell: Any) -> ast.Module | None:
        if cell.source.lstrip().startswith("%%"):
            return None
        # IPython magics and shell lines are not Python; blank them so line numbers hold.
        lines = [
            "" if line.lstrip().startswith(("%", "!", "?")) else line
            for line in cell.source.splitlines()
        ]
        try:
            return ast.parse("\n".join(lines))
        except SyntaxError as exc:
            line = (exc.lineno or 1) + cell.first_line - 1
            site = Site(self.cell, line)
            self.add(
                "cell-not-parsed",
                site,
                f"{site.words().capitalize()}: {exc.msg}; this cell was not reviewed, the "
                "others were.",
            )
            return None

    def body(self, stmts: list[ast.stmt]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, node: ast.stmt) -> None:
        try:
            self._stmt(node)
        except RecursionError:
            return

    def _stmt(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Assign):
            value = self.expr(node.value)
            for target in node.targets:
                self.assign(target, value, node.value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.assign(node.target, self.expr(node.value), node.value)
        elif isinstance(node, ast.AugAssign):
            old = (
                self.expr(node.target)
                if not isinstance(node.target, ast.Name)
                else (self.env.get(node.target.id))
            )
            new = self.expr(node.value)
            merged = merge([old, new])
            if isinstance(old, list):
                merged = old + (new if isinstance(new, list) else [new])  # type: ignore[assignment]
            self.assign(node.target, merged if merged is not None else old, node.value)
        elif isinstance(node, ast.Expr):
            self.expr(node.value)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            items = self.expr(node.iter)
            self.loops.append(_assigned_names([node.target, *node.body]))
            self.assign(node.target, self.element(items), node.iter)
            self.body(node.body)
            self.loops.pop()
            self.body(node.orelse)
        elif isinstance(node, ast.While):
            self.expr(node.test)
            self.loops.append(_assigned_names(node.body))
            self.body(node.body)
            self.loops.pop()
        elif isinstance(node, ast.If):
            self.expr(node.test)
            self.body(node.body)
            self.body(node.orelse)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                value = self.expr(item.context_expr)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, value, item.context_expr)
            self.body(node.body)
        elif isinstance(node, ast.Try):
            self.body(node.body)
            for handler in node.handlers:
                self.body(handler.body)
            self.body(node.orelse)
            self.body(node.finalbody)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.env[node.name] = Func(node)  # type: ignore[arg-type]
        elif isinstance(node, ast.Return):
            if node.value is not None:
                self.env["__return__"] = self.expr(node.value)
        elif isinstance(node, ast.Delete):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    self.env.pop(t.id, None)

    def element(self, items: Any) -> Any:
        """One element of an iterated value (a list of models is any of them)."""
        if isinstance(items, list) and items:
            first = items[0]
            if isinstance(first, tuple):
                return first
            ests = [i for i in items if isinstance(i, Est)]
            if ests:
                for e in ests:
                    e.varies = True
                return ests[0]
            return first
        if isinstance(items, dict) and items:
            vals = list(items.values())
            for e in vals:
                if isinstance(e, Est):
                    e.varies = True
            return vals[0]
        if isinstance(items, tuple) and items and items[0] == "__items__":
            return items[1]
        if isinstance(items, Data):
            return replace(items, cv_scores=items.cv_scores)
        return None

    # -- assignment
    def assign(self, target: ast.AST, value: Any, value_node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            elts = target.elts
            if isinstance(value, SplitOut):
                self.unpack_split(elts, value, value_node)
                return
            if isinstance(value, tuple) and value and value[0] == "__items__":
                value = value[1]
            if isinstance(value, (tuple, list)) and len(value) == len(elts):
                for t, v in zip(elts, value, strict=True):
                    self.assign(t, v, value_node)
            else:
                for t in elts:
                    self.assign(t, value if isinstance(value, Data) else None, value_node)
        elif isinstance(target, ast.Subscript):
            self.assign_subscript(target, value, value_node)
        elif isinstance(target, ast.Attribute):
            owner = self.expr(target.value)
            if isinstance(owner, Data) and isinstance(target.value, ast.Name):
                merged = merge([owner, value])
                if merged is not None:
                    self.bind(target.value.id, replace(merged, desc=owner.desc))
        elif isinstance(target, ast.Starred):
            self.assign(target.value, value, value_node)

    def bind(self, name: str, value: Any) -> None:
        if isinstance(value, Data):
            if value.subset:
                value = self.subset_role(name, value)
            value = replace(value, desc=name, subset=False)
        elif isinstance(value, Est) and not value.name:
            value.name = name
        self.env[name] = value

    def subset_role(self, name: str, value: Data) -> Data:
        """A row subset (slice, sample, mask) becomes a split part when its name says so."""
        role = None
        if TEST_NAME.search(name) or VAL_NAME.search(name):
            role = "test"
        elif TRAIN_NAME.search(name):
            role = "train"
        if role is None or not value.rows:
            return value
        key = "manual:" + ",".join(sorted(value.rows))
        if key not in self.splits:
            self.splits[key] = Split(key, Site(self.cell, 0), value.rows, True, False, True)
        if role == "test":
            self.splits[key].test_names.append(name)
        return replace(value, rows=frozenset({f"{role}:{key}"}))

    def assign_subscript(self, target: ast.Subscript, value: Any, value_node: ast.AST) -> None:
        owner = self.expr(target.value)
        if not isinstance(owner, Data) or not isinstance(target.value, (ast.Name, ast.Attribute)):
            if isinstance(owner, dict):
                key = target.slice
                k = key.value if isinstance(key, ast.Constant) else _src(key)
                owner[k] = value
            return
        col = target.slice
        if isinstance(col, ast.Tuple) and col.elts:  # df.loc[mask, 'col'] = ...
            col = col.elts[-1]
        generated = any(
            isinstance(n, ast.Call) and _name(n.func) in RANDOM_DRAWS for n in ast.walk(value_node)
        )
        # A column drawn with random noise is data being simulated, not a column computed
        # from the target or from which the target is computed.
        if (
            owner.base
            and isinstance(col, ast.Constant)
            and isinstance(col.value, str)
            and not (generated)
        ):
            used = _strings_in(value_node) | self.attr_columns(value_node)
            self.deps.setdefault(owner.base, {}).setdefault(col.value, set()).update(used)
            if _name(value_node) == "to_datetime" or "dt" in _names_in(value_node):
                self.dated.setdefault(owner.base, col.value)
        merged = merge([owner, value]) or owner
        if isinstance(col, ast.Constant) and isinstance(col.value, str):
            added = {
                replace(sh, column=sh.column or col.value) for sh in merged.shaped - owner.shaped
            }
            merged = replace(merged, shaped=owner.shaped | added)
        name = target.value.id if isinstance(target.value, ast.Name) else None
        if name is not None:
            self.env[name] = replace(
                merged,
                desc=owner.desc,
                base=owner.base,
                removed=owner.removed,
                selected=owner.selected,
                resampled=owner.resampled or merged.resampled,
            )

    def attr_columns(self, node: ast.AST) -> set[str]:
        cols = set()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
                owner = self.env.get(sub.value.id)
                if isinstance(owner, Data) and owner.base and sub.attr.islower() is not False:
                    cols.add(sub.attr)
        return cols

    def unpack_split(self, elts: list[ast.expr], out: SplitOut, node: ast.AST) -> None:
        sid = getattr(out, "_sid", None) or next(
            (t.split(":", 1)[1] for p in out.parts for t in p.rows if t.startswith("test:")),
            "",
        )
        for i, target in enumerate(elts):
            if i >= len(out.parts):
                break
            part = out.parts[i]
            is_test = any(t.startswith("test:") for t in part.rows)
            if isinstance(target, ast.Name) and is_test and sid in self.splits:
                self.splits[sid].test_names.append(target.id)
            self.assign(target, part, node)

    # -- expressions
    def expr(self, node: ast.AST | None) -> Any:
        if node is None:
            return None
        try:
            return self._expr(node)
        except RecursionError:
            return None

    def _expr(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Name):
            if node.id not in self.env and METRIC_RE.search(node.id):
                # A metric function named but not called (`{"f1": f1_score}`, a list of
                # them): kept, so that a call through the variable that holds it is known
                # as a call of that metric.
                return ("__metric__", node.id)
            return self.env.get(node.id)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [self.expr(e) for e in node.elts]
            return items if not isinstance(node, ast.Tuple) else tuple(items)
        if isinstance(node, ast.Dict):
            out: dict[Any, Any] = {}
            for k, v in zip(node.keys, node.values, strict=True):
                key = k.value if isinstance(k, ast.Constant) else (_src(k) if k else "**")
                out[key] = self.expr(v)
            return out
        if isinstance(node, ast.BinOp):
            left, right = self.expr(node.left), self.expr(node.right)
            self.check_interval_binop(node, left, right)
            if isinstance(left, list) and isinstance(right, list):
                return left + right
            return merge([left, right])
        if isinstance(node, ast.UnaryOp):
            return self.expr(node.operand)
        if isinstance(node, ast.BoolOp):
            return merge(self.expr(v) for v in node.values)
        if isinstance(node, ast.Compare):
            vals = [self.expr(node.left), *(self.expr(c) for c in node.comparators)]
            m = merge(vals)
            return replace(m, pred_of=m.pred_of) if m else None
        if isinstance(node, ast.IfExp):
            self.expr(node.test)
            return merge([self.expr(node.body), self.expr(node.orelse)]) or self.expr(node.body)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            return self.comprehension(node)
        if isinstance(node, ast.JoinedStr):
            self.check_interval_text(node)
            for v in node.values:
                if isinstance(v, ast.FormattedValue):
                    self.expr(v.value)
            return None
        if isinstance(node, ast.Lambda):
            return Func(node)
        if isinstance(node, ast.Starred):
            return self.expr(node.value)
        if isinstance(node, ast.NamedExpr):
            v = self.expr(node.value)
            self.assign(node.target, v, node.value)
            return v
        return None

    def comprehension(self, node: Any) -> Any:
        names = _assigned_names([g.target for g in node.generators])
        self.loops.append(names)
        for gen in node.generators:
            items = self.expr(gen.iter)
            self.assign(gen.target, self.element(items), gen.iter)
            for cond in gen.ifs:
                self.expr(cond)
        if isinstance(node, ast.DictComp):
            self.expr(node.key)
            value = self.expr(node.value)
            self.loops.pop()
            out = {"__comp__": value}
            iters = [self.expr(g.iter) for g in node.generators]
            if isinstance(value, Data) and any(self.is_metric_list(i) for i in iters):
                return replace(value, metrics=frozenset({"m1", "m2"}))
            return out
        value = self.expr(node.elt)
        self.loops.pop()
        iters = [self.expr(g.iter) for g in node.generators]
        if isinstance(value, Data) and any(self.is_metric_list(i) for i in iters):
            return [replace(value, metrics=frozenset({"m1", "m2"}))]
        return [value] if value is not None else []

    def is_metric_list(self, items: Any) -> bool:
        if isinstance(items, (list, tuple)):
            known = metric_names()
            names = [i for i in items if isinstance(i, str) and i in known]
            funcs = [i for i in items if isinstance(i, tuple) and i[:1] == ("__metric__",)]
            return len(names) + len(funcs) >= 2
        if isinstance(items, dict):
            return self.is_metric_list(list(items.keys())) or self.is_metric_list(
                list(items.values())
            )
        return False

    def attribute(self, node: ast.Attribute) -> Any:
        owner = self.expr(node.value)
        attr = node.attr
        if isinstance(owner, Est):
            if attr in ("best_estimator_", "estimator_", "best_model_"):
                return owner
            if attr == "cv_results_":
                return Data(cv_scores=True)
            if attr == "best_score_":
                return Data(cv_scores=True)
            return None
        if isinstance(owner, Data):
            if attr == "frame" and owner.base is None:
                self.sources += 1
                return replace(owner, base=f"frame{self.sources}")
            if owner.base is None and attr in ("data", "target"):
                return owner
            if attr in ("values", "T", "index", "dt", "str", "cat", "iloc", "loc", "array"):
                return owner
            if attr in ("shape", "columns", "dtypes", "size", "ndim", "empty"):
                return None
            if owner.base and attr not in PASS_THROUGH | STATISTICS and not attr.startswith("_"):
                return replace(owner, column=attr, selected=None, removed=frozenset())
            return owner
        if isinstance(owner, dict) and attr in ("items", "values", "keys"):
            return ("__method__", owner, attr)
        if isinstance(owner, list) and attr in ("append", "extend"):
            return ("__method__", owner, attr)
        return None

    def subscript(self, node: ast.Subscript) -> Any:
        owner = self.expr(node.value)
        sl = node.slice
        if isinstance(owner, Est) or owner is None:
            if isinstance(owner, dict):
                return owner.get(sl.value if isinstance(sl, ast.Constant) else _src(sl))
            return None
        if isinstance(owner, dict):
            if isinstance(sl, ast.Constant):
                v = owner.get(sl.value)
                if v is None and owner.get("__comp__") is not None:
                    return owner["__comp__"]
                return v
            return owner.get("__comp__") or merge(owner.values())
        if isinstance(owner, (list, tuple)):
            if isinstance(sl, ast.Constant) and isinstance(sl.value, int):
                try:
                    return owner[sl.value]
                except IndexError:
                    return None
            if not isinstance(sl, ast.Slice):
                self.expr(sl)  # the index may be a choice: `funcs[int(np.argmax(values))]`
            return owner[0] if owner else None
        if not isinstance(owner, Data):
            return None
        if owner.cv_scores and isinstance(sl, ast.Constant):
            return owner
        is_loc = isinstance(node.value, ast.Attribute) and node.value.attr in ("loc", "iloc")
        if isinstance(sl, ast.Tuple) and is_loc and len(sl.elts) == 2:
            rows_part, col_part = sl.elts
            col_val = self.expr(col_part)
            out = owner
            if isinstance(col_part, ast.Constant) and isinstance(col_part.value, str):
                out = replace(owner, column=col_part.value)
            elif isinstance(col_val, list) and all(isinstance(c, str) for c in col_val):
                out = replace(owner, selected=tuple(col_val), column=None)
            elif not (
                isinstance(col_part, ast.Slice)
                and col_part.lower is None
                and col_part.upper is None
            ):
                out = replace(owner, selected=(), column=None)
            if isinstance(rows_part, ast.Slice) and (rows_part.lower or rows_part.upper):
                return replace(out, subset=True)
            if not isinstance(rows_part, ast.Slice):
                self.expr(rows_part)
                return replace(out, subset=True)
            return out
        if isinstance(sl, ast.Constant) and isinstance(sl.value, str):
            if owner.groupby is not None:
                return replace(owner, column=sl.value)
            return replace(owner, column=sl.value, selected=None, removed=frozenset())
        if isinstance(sl, ast.Slice):
            return replace(owner, subset=True) if (sl.lower or sl.upper) else owner
        key = self.expr(sl)
        if isinstance(key, list) and key and all(isinstance(c, str) for c in key):
            return replace(owner, selected=tuple(key), column=None)
        if isinstance(key, Data) or isinstance(sl, ast.Compare):
            return replace(owner, subset=True)
        if isinstance(sl, ast.Constant) and isinstance(sl.value, int):
            return owner
        return replace(owner, selected=(), column=None)

    # -- calls
    def call(self, node: ast.Call) -> Any:
        """What a call gives: each kind of call is one step, tried in this order."""
        args = [self.expr(a) for a in node.args]
        kwargs = {k.arg: self.expr(k.value) for k in node.keywords if k.arg}
        kwnodes = {k.arg: k.value for k in node.keywords if k.arg}
        c = CallSite(_name(node.func), node, args, kwargs, kwnodes, self.site(node))
        receiver = self.receiver(node)
        value = self.container_method(receiver, c)
        if value is _PASS:
            value = self.bound_call(receiver, c)
        for step in (self.library_call, self.frame_call, self.builtin_call, self.reader_call):
            if value is not _PASS:
                return value
            value = step(c)
        if value is not _PASS:
            return value
        return self.other_call(c)

    def receiver(self, node: ast.Call) -> Any:
        """What a method is called on (None for a plain function call).

        `scores.items()`, `results.append(...)`: a dict or list built here is followed, as
        ``("__method__", the container, the method)``.
        """
        receiver = self.expr(node.func.value) if isinstance(node.func, ast.Attribute) else None
        if isinstance(node.func, ast.Attribute) and (
            (isinstance(receiver, dict) and node.func.attr in ("items", "values", "keys"))
            or (isinstance(receiver, list) and node.func.attr in ("append", "extend"))
        ):
            receiver = ("__method__", receiver, node.func.attr)
        return receiver

    def container_method(self, receiver: Any, c: CallSite) -> Any:
        """A dict's items, values or keys, a list's append or extend."""
        if not (isinstance(receiver, tuple) and receiver[:1] == ("__method__",)):
            return _PASS
        _, obj, meth = receiver
        if meth in ("items",):
            return (
                "__items__",
                (None, obj.get("__comp__") or next(iter(obj.values()), None))
                if obj
                else (None, None),
            )
        if meth == "values":
            return list(obj.values())
        if meth == "keys":
            return list(obj.keys())
        if meth in ("append", "extend") and c.args:
            obj.extend(c.args if meth == "append" else (c.args[0] or []))
            return None
        return _PASS

    def bound_call(self, receiver: Any, c: CallSite) -> Any:
        """A function of the notebook, a metric held in a variable, a model's or data's method."""
        node, args, kwargs, site = c.node, c.args, c.kwargs, c.site
        if isinstance(node.func, ast.Name):
            fn = self.env.get(node.func.id)
            if isinstance(fn, Func):
                return self.call_user(fn, node, args, kwargs)
            if isinstance(fn, tuple) and fn[:1] == ("__metric__",):
                return self.metric_through(fn[1], node, args, site)
        if isinstance(receiver, Est):
            return self.method_on_est(receiver, c.fname, node, args, kwargs, site)
        if isinstance(receiver, Data):
            return self.method_on_data(receiver, c.fname, node, args, kwargs, c.kwnodes, site)
        return _PASS

    def library_call(self, c: CallSite) -> Any:
        """scikit-learn: a split, a pipeline, a search, a splitter, a CV function, a display."""
        fname, node, args, kwargs, kwnodes, site = c
        if fname == "train_test_split":
            return self.split_call(node, args, kwargs, site)
        if fname in PIPELINES:
            steps = self.pipeline_steps(args, kwargs)
            kind = (
                "model"
                if any(s.kind in ("model", "unknown") for s in steps[-1:])
                else ("transformer")
            )
            return Est(site, "Pipeline", kind, varies=self.in_loop())
        if fname in SEARCHES:
            inner = args[0] if args else kwargs.get("estimator")
            kind = inner.kind if isinstance(inner, Est) else "model"
            cls = f"{fname}({inner.cls})" if isinstance(inner, Est) else fname
            self.check_cv_splitter(kwnodes.get("cv"), kwargs.get("cv"), site)
            return Est(site, cls, kind, varies=self.in_loop())
        if fname in COLUMN_TRANSFORMERS:
            return Est(site, fname, "transformer", varies=self.in_loop())
        if fname in SPLITTERS_RANDOM | SPLITTERS_SAFE:
            shuffle = fname.startswith(("Shuffle", "Stratified", "Repeated")) or bool(
                kwargs.get("shuffle")
            )
            return ("__splitter__", fname, shuffle and fname not in SPLITTERS_SAFE)
        if fname in CV_FUNCTIONS:
            return self.cv_call(fname, node, args, kwargs, kwnodes, site)
        if fname in ESTIMATOR_DISPLAYS:
            est = args[0] if args else kwargs.get("estimator")
            if isinstance(est, Est) and len(args) > 1:
                self.sink(est, args[1], site, node)
            return None
        return _PASS

    def frame_call(self, c: CallSite) -> Any:
        """Functions that make rows or columns: resample, concat, to_datetime."""
        fname, _, args, kwargs, _, site = c
        if fname == "resample" and (kwargs.get("replace") is True or "n_samples" in kwargs):
            d = merge(args)
            return (
                [replace(a, resampled=site) for a in args if isinstance(a, Data)]
                if len([a for a in args if isinstance(a, Data)]) > 1
                else (replace(d, resampled=site) if d else None)
            )
        if fname == "concat":
            parts = args[0] if args and isinstance(args[0], list) else args
            datas = [p for p in parts if isinstance(p, Data)]
            if not datas:
                return None
            out = merge(datas)
            assert out is not None
            dup = self.duplicated(datas)
            axis = kwargs.get("axis")
            if axis in (1, "columns"):
                return replace(out, base=datas[0].base)
            return replace(
                out, resampled=out.resampled or (site if dup else None), base=(datas[0].base)
            )
        if fname in ("to_datetime",) and args:
            d = args[0]
            if isinstance(d, Data) and d.base and d.column:
                self.dated.setdefault(d.base, d.column)
            return d
        return _PASS

    def builtin_call(self, c: CallSite) -> Any:
        """Python's and numpy's: choosing a best, statistics, printing, iterating."""
        fname, node, args, kwargs, _, site = c
        if fname in ("max", "min", "sorted") and args and not isinstance(node.func, ast.Attribute):
            self.check_metric_choice(args, node, kwargs)
            return merge(args)
        if fname == "interval" and any(
            self.is_cv_spread(sub)
            for a in [*node.args, *[k.value for k in node.keywords]]
            for sub in ast.walk(a)
        ):
            self.interval_finding(node)
            return None
        if fname in STATISTICS and args and isinstance(args[0], Data):
            return self.statistic(args[0], fname, node, site)
        if fname.startswith("__") or fname in ("print", "display", "len", "type", "str", "int"):
            if fname == "print":
                self.check_interval_print(node)
            return None
        if fname in ("max", "min", "sorted", "argmax", "argmin") and args:
            self.check_metric_choice(args, node, kwargs)
            return merge(args)
        if fname == "zip":
            return [tuple(self.element(a) for a in args)]
        if fname == "enumerate" and args:
            return [(0, self.element(args[0]))]
        if fname in ("list", "tuple", "iter") and args:
            return args[0]
        return _PASS

    def reader_call(self, c: CallSite) -> Any:
        """A table read (a file, a loader, a DataFrame built): a new source of rows."""
        fname, node, args, kwargs, _, _ = c
        if not READERS.match(fname):
            return _PASS
        path = next((a for a in args if isinstance(a, str)), "")
        data_arg = merge(args)
        if fname == "DataFrame" and data_arg is not None:
            return replace(data_arg, base=data_arg.base)
        role = (
            "test"
            if re.search(r"test", str(path), re.I)
            else ("train" if re.search(r"train", str(path), re.I) else None)
        )
        d = self.new_source(_src(node), role)
        parse = kwargs.get("parse_dates")
        if parse and d.base:
            col = parse[0] if isinstance(parse, list) and parse else str(parse)
            self.dated.setdefault(d.base, str(col))
        if fname.startswith(("load_", "fetch_", "make_")) and fname != "load_dataset":
            # scikit-learn's loaders give a Bunch or arrays, not a frame with the target
            # among its columns; `.frame` of a Bunch is a new frame (see attribute()).
            d = replace(d, base=None)
        if kwargs.get("return_X_y") or fname.startswith("make_"):
            return (d, replace(d, column="__target__"))
        return d

    def other_call(self, c: CallSite) -> Any:
        """A metric, a class built (a model), or anything else (derived from its data)."""
        fname, node, args, kwargs, _, site = c
        if METRIC_RE.search(fname):
            return self.metric_call(fname, node, args, site)
        if fname and fname[:1].isupper():
            kind = _kind_of(fname)
            if fname in ("Series", "array"):
                return merge(args)
            dummy_kind = kind
            return Est(site, fname, dummy_kind, varies=self.in_loop())
        # Anything else: the result derives from every data argument.
        return merge([*args, *kwargs.values()])

    def duplicated(self, datas: list[Data]) -> bool:
        seen: set[str] = set()
        for d in datas:
            if d.rows & seen:
                return True
            seen |= d.rows
        return any(d.resampled for d in datas)

    def pipeline_steps(self, args: list[Any], kwargs: dict[str, Any]) -> list[Est]:
        steps: list[Est] = []
        flat: list[Any] = []
        for a in [*args, kwargs.get("steps")]:
            if isinstance(a, list):
                flat.extend(a)
            else:
                flat.append(a)
        for item in flat:
            if isinstance(item, tuple) and len(item) >= 2:
                item = item[1]
            if isinstance(item, Est):
                steps.append(item)
        return steps

    def call_user(self, fn: Func, node: ast.Call, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if self.call_depth > 4 or isinstance(fn.node, ast.Lambda):
            return merge(args)
        params = [a.arg for a in fn.node.args.args]
        saved = dict(self.env)
        for p, v in zip(params, args, strict=False):
            self.env[p] = v
        for k, v in kwargs.items():
            self.env[k] = v
        varying = self.in_loop() and self.varies(*node.args, *[k.value for k in node.keywords])
        self.call_depth += 1
        self.varying_call += int(varying)
        self.env.pop("__return__", None)
        saved_loops = self.loops
        self.loops = []
        try:
            self.body(fn.node.body)
        finally:
            self.loops = saved_loops
            self.call_depth -= 1
            self.varying_call -= int(varying)
        result = self.env.get("__return__")
        # Locals vanish; globals the function changed (e.g. a split into globals) persist.
        local = set(params) | set(kwargs) | _assigned_names(fn.node.body)
        globals_declared = {
            n for s in ast.walk(fn.node) if isinstance(s, ast.Global) for n in s.names
        }
        for name in local - globals_declared:
            if name in saved:
                self.env[name] = saved[name]
            else:
                self.env.pop(name, None)
        return result

    def split_call(
        self, node: ast.Call, args: list[Any], kwargs: dict[str, Any], site: Site
    ) -> SplitOut | None:
        args = [self.as_data(n, a) for n, a in zip(node.args, args, strict=False)]
        datas = [a for a in args if isinstance(a, Data)]
        if not datas:
            datas = [Data()] * max(1, len(args))
        sid = f"s{len(self.splits) + 1}"
        parents = frozenset().union(*(d.rows for d in datas))
        shuffled = kwargs.get("shuffle") is not False
        self.splits[sid] = Split(sid, site, parents, shuffled, False)
        parts: list[Data] = []
        for d in datas:
            parts.append(replace(d, rows=frozenset({f"train:{sid}"})))
            parts.append(replace(d, rows=frozenset({f"test:{sid}"})))
        if shuffled:
            self.check_random_split(
                datas,
                site,
                node,
                grouped="stratify" in kwargs and (self.is_entity(kwargs.get("stratify"))),
            )
        return SplitOut(tuple(parts))

    def is_entity(self, value: Any) -> bool:
        return isinstance(value, Data) and bool(value.column and ENTITY_RE.search(value.column))

    def check_random_split(
        self, datas: list[Data], site: Site, node: ast.AST, grouped: bool = False
    ) -> None:
        bases = {d.base for d in datas if d.base}
        roots = {t.split(":", 1)[1] for d in datas for t in d.rows if t.startswith("all:")}
        for base in sorted(bases | roots):
            if base in self.dated:
                col = self.dated[base]
                self.add(
                    "random-split-of-dated-rows",
                    site,
                    f"The rows split here ({', '.join(d.desc or '?' for d in datas)}) carry "
                    f"dates (column {col!r}), but the split shuffles them: the model trains on "
                    "later rows and is tested on earlier ones, which it will never do in use.",
                )
            if base in self.entity and not grouped:
                col = self.entity[base]
                self.add(
                    "group-split-row-by-row",
                    site,
                    f"The rows split here have repeated {col!r} values (the code groups or "
                    f"counts by {col!r}), and the split deals them out row by row: the same "
                    f"{col} lands in training and in test, so the score rewards recognising "
                    "them rather than generalising to new ones.",
                )

    def check_cv_splitter(self, cv_node: ast.AST | None, cv: Any, site: Site) -> None:
        del cv_node, cv, site  # a splitter object's shuffle is checked where it is used

    def cv_call(
        self,
        fname: str,
        node: ast.Call,
        args: list[Any],
        kwargs: dict[str, Any],
        kwnodes: dict[str, ast.expr],
        site: Site,
    ) -> Any:
        est = args[0] if args else kwargs.get("estimator")
        X = args[1] if len(args) > 1 else kwargs.get("X")
        y = args[2] if len(args) > 2 else kwargs.get("y")
        cv = kwargs.get("cv")
        if isinstance(X, Data):
            self.cv_sink(est, X, site)
            if isinstance(y, Data) and isinstance(est, Est):
                self.check_target(X, y, site, est)
            if isinstance(cv, tuple) and cv[:1] == ("__splitter__",) and cv[2]:
                self.check_random_split([X], site, node, grouped="groups" in kwargs)
            elif "groups" not in kwargs:
                for base in {X.base} | {t[4:] for t in X.rows if t.startswith("all:")}:
                    if base in self.entity:
                        self.check_random_split([X], site, node)
        scoring = kwnodes.get("scoring")
        metrics: frozenset[str] = frozenset()
        if scoring is not None:
            val = self.expr(scoring)
            if isinstance(val, str):
                metrics = frozenset({val})
            elif isinstance(val, list) and len(val) >= 2:
                metrics = frozenset(str(v) for v in val)
            elif scoring and self.loops and _names_in(scoring) & self.loops[-1]:
                metrics = frozenset({"varies-1", "varies-2"})
        else:
            metrics = frozenset({"default"})
        if fname == "cross_val_predict":
            return (
                replace(X, pred_of=est.key() if isinstance(est, Est) else None)
                if isinstance(X, Data)
                else None
            )
        return Data(cv_scores=True, metrics=metrics)

    def cv_sink(self, est: Any, X: Data, site: Site) -> None:
        all_tags = {t for t in X.rows if t.startswith("all:")}
        for shape in _in_order(X.shaped):
            if all_tags and all_tags & shape.rows and self.reaches(shape, X):
                self.add(
                    "preprocessing-leak",
                    shape.site,
                    f"{shape.what} is fitted on {shape.rows_desc} ({shape.site.words()}) and "
                    f"`{X.desc or '?'}` is then cross-validated ({site.words()}): every fold's "
                    "test rows shaped the step that prepared its training rows.",
                    severity="error" if shape.supervised else None,
                )
        if X.resampled is not None:
            self.add(
                "overlap-leak",
                X.resampled,
                f"`{X.desc or '?'}` is oversampled or duplicated ({X.resampled.words()}) before "
                f"it is cross-validated ({site.words()}): copies of one row land in the "
                "training folds and in the test fold.",
            )

    def as_data(self, node: ast.AST | None, value: Any) -> Any:
        """Data the code fits or splits but that came from plain Python (a list) is a source."""
        if isinstance(value, (Data, Est, SplitOut)) or not isinstance(node, ast.Name):
            return value
        if value is None or isinstance(value, list):
            data = self.new_source(node.id)
            data = replace(data, desc=node.id, base=None)
            self.env[node.id] = data
            return data
        return value

    def method_on_est(
        self,
        est: Est,
        meth: str,
        node: ast.Call,
        args: list[Any],
        kwargs: dict[str, Any],
        site: Site,
    ) -> Any:
        X = args[0] if args else kwargs.get("X")
        y = args[1] if len(args) > 1 else kwargs.get("y")
        if meth in ("fit", "fit_transform", "fit_resample", "transform", *MODEL_SINKS):
            X = self.as_data(node.args[0] if node.args else None, X)
            y = self.as_data(node.args[1] if len(node.args) > 1 else None, y)
        if meth in ("fit", "fit_transform", "fit_resample", "fit_predict", "partial_fit"):
            if isinstance(X, Data):
                if est.kind == "unknown" and meth == "fit_transform":
                    est.kind = "transformer"
                est.fitted = X.rows
                est.fitted_desc = f"`{X.desc or _src(node.args[0]) if node.args else '?'}`"
                est.fit_site = site
                est.version += 1
                est.supervised_fit = isinstance(y, Data)
                if self.in_loop():
                    est.varies = True
                if isinstance(y, Data) and est.kind in ("model", "unknown") and meth == "fit":
                    self.check_target(X, y, site, est)
                if est.cls.startswith(tuple(SEARCHES)):
                    self.cv_sink(est, X, site)
            if meth == "fit_transform" and isinstance(X, Data):
                return self.shaped_by(est, X)
            if meth == "fit_resample" or est.kind == "resampler":
                outs = [replace(a, resampled=site) for a in (X, y) if isinstance(a, Data)]
                return tuple(outs) if len(outs) > 1 else (outs[0] if outs else None)
            if meth == "fit_predict" and isinstance(X, Data):
                return replace(X, pred_of=est.key())
            return est
        if meth == "transform" and isinstance(X, Data):
            if est.kind == "unknown":
                est.kind = "transformer"
            return self.shaped_by(est, X)
        if meth in MODEL_SINKS and isinstance(X, Data):
            if est.kind == "unknown":
                est.kind = "model"
            self.sink(est, X, site, node)
            if meth == "score":
                return Data(metrics=frozenset({"score"}), pred_of=est.key())
            return replace(X, pred_of=est.key(), shaped=frozenset(), resampled=None)
        if meth in ("set_params",):
            return est
        return None

    def shaped_by(self, est: Est, X: Data) -> Data:
        if est.kind not in ("transformer", "unknown") or est.fitted is None:
            return X
        what = f"`{est.name or 'a ' + est.cls}` ({est.cls})"
        shape = Shape(
            est.fit_site or est.site, what, est.fitted, est.fitted_desc, est.supervised_fit
        )
        return replace(X, shaped=X.shaped | {shape})

    def statistic(self, data: Data, fname: str, node: ast.AST, site: Site) -> Data:
        if not data.rows:
            return data
        label = f"`{data.desc or '?'}`" + (f"[{data.column!r}]" if data.column else "")
        shape = Shape(site, f"the {fname} of {label}", data.rows, label)
        return Data(shaped=data.shaped | {shape}, stat=True, desc=data.desc)

    def method_on_data(
        self,
        data: Data,
        meth: str,
        node: ast.Call,
        args: list[Any],
        kwargs: dict[str, Any],
        kwnodes: dict[str, ast.expr],
        site: Site,
    ) -> Any:
        """What a method of a table, a column or an array gives: one step per kind of method."""
        c = CallSite(meth, node, args, kwargs, kwnodes, site)
        for step in (self.data_summary, self.data_columns, self.data_in_place, self.data_rows):
            value = step(data, c)
            if value is not _PASS:
                return value
        return merge([data, *args, *kwargs.values()]) or data

    def data_summary(self, data: Data, c: CallSite) -> Any:
        """Statistics, group-bys and counts of values."""
        meth, node, args, kwargs, _, site = c
        if meth in STATISTICS:
            if data.groupby is not None:
                return self.aggregated(data)
            if data.cv_scores:
                return replace(data, stat=True, metrics=frozenset(), desc=f"{data.desc}.{meth}")
            return self.statistic(data, meth, node, site)
        if data.groupby is not None:
            if meth in ("transform", "shift", "cumsum", "rank", "diff", "fillna", "apply"):
                return replace(data, groupby=None)
            if meth in ("agg", "aggregate", "sum", "count", "size", "first", "last", "nunique"):
                return self.aggregated(data)
            return replace(data, groupby=None)
        if meth == "groupby":
            col = args[0] if args else kwargs.get("by")
            by: list[Any] = col if isinstance(col, list) else [col]
            for b in by:
                if isinstance(b, str) and ENTITY_RE.search(b) and data.base:
                    self.entity.setdefault(data.base, b)
            return replace(data, groupby=str(by[0]) if by else "?")
        if meth in ("nunique", "value_counts", "duplicated") and data.column and data.base:
            if ENTITY_RE.search(data.column):
                self.entity.setdefault(data.base, data.column)
            return None
        return _PASS

    def data_columns(self, data: Data, c: CallSite) -> Any:
        """Columns dropped (``drop``, in place too)."""
        meth, node, args, kwargs, _, _ = c
        if meth != "drop":
            return _PASS
        cols = kwargs.get("columns")
        labels = args[0] if args else kwargs.get("labels")
        axis = kwargs.get("axis", args[1] if len(args) > 1 else 0)
        if cols is None and axis in (1, "columns"):
            cols = labels
        if cols is not None:
            names = cols if isinstance(cols, list) else [cols]
            out = replace(
                data, removed=data.removed | {str(n) for n in names if isinstance(n, str)}
            )
            if not all(isinstance(n, str) for n in names):
                out = replace(out, selected=())
            if (
                kwargs.get("inplace")
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
            ):
                self.env[node.func.value.id] = replace(out, desc=data.desc)
            return out
        if "index" in kwargs or isinstance(labels, Data):
            return replace(data, subset=True)
        return data

    def data_in_place(self, data: Data, c: CallSite) -> Any:
        """Methods that change the variable they are called on: ``pop``, ``fillna(inplace)``."""
        meth, node, args, kwargs, _, _ = c
        if meth == "pop" and args and isinstance(args[0], str):
            if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                self.env[node.func.value.id] = replace(data, removed=data.removed | {args[0]})
            return replace(data, column=args[0], selected=None, removed=frozenset())
        if meth in ("fillna", "replace", "interpolate") and kwargs.get("inplace"):
            merged = merge([data, *args, *kwargs.values()]) or data
            if isinstance(node.func, ast.Attribute):
                target = node.func.value
                while isinstance(target, (ast.Subscript, ast.Attribute)):
                    target = target.value
                if isinstance(target, ast.Name):
                    owner = self.env.get(target.id)
                    if isinstance(owner, Data):
                        self.env[target.id] = replace(owner, shaped=owner.shaped | merged.shaped)
            return None
        return _PASS

    def data_rows(self, data: Data, c: CallSite) -> Any:
        """Rows drawn or kept, types changed, tables joined, and methods that give no data."""
        meth, _, args, kwargs, _, site = c
        if meth == "sample":
            frac = kwargs.get("frac")
            if kwargs.get("replace") is True or (isinstance(frac, (int, float)) and frac > 1):
                return replace(data, resampled=site)
            if frac == 1 or frac == 1.0:
                return data
            return replace(data, subset=True)
        if meth in ("head", "tail", "query", "nlargest", "nsmallest"):
            return replace(data, subset=True)
        if meth in ("select_dtypes", "filter"):
            return replace(data, selected=(), column=None)
        if meth in ("astype",) and args and args[0] in ("datetime64[ns]", "datetime64"):
            if data.base and data.column:
                self.dated.setdefault(data.base, data.column)
            return data
        if meth == "merge" or meth == "join":
            return merge([data, *args]) and replace(merge([data, *args]) or data, base=data.base)
        if meth == "std" or meth == "sem":
            return replace(data, stat=True)
        if meth in ("split",):
            return None
        if meth in ("mean",):
            return data
        if meth in ("to_csv", "to_parquet", "plot", "hist", "info", "describe", "corr"):
            return None
        return _PASS

    def aggregated(self, data: Data) -> Data:
        self.sources += 1
        base = f"agg{self.sources}"
        return Data(rows=frozenset({f"all:{base}"}), base=base, shaped=data.shaped, desc=data.desc)

    def metric_call(self, fname: str, node: ast.Call, args: list[Any], site: Site) -> Data:
        datas = [a for a in args if isinstance(a, Data)]
        test_tags = {t for d in datas for t in d.rows if t.startswith("test:")}
        key = next((d.pred_of for d in datas if d.pred_of), None)
        for tag in test_tags:
            sid = tag.split(":", 1)[1]
            if self.in_loop() and self.varies(*node.args):
                desc = next((d.desc for d in datas if d.desc), "?")
                self.events.append(Event(sid, site, key, True, "predictions", desc))
        return Data(metrics=frozenset({fname}), pred_of=key)

    def metric_through(self, fname: str, node: ast.Call, args: list[Any], site: Site) -> Data:
        """A metric called through a variable (`f(y_test, pred)`, `f` one of the metrics).

        When the variable is the loop's (`for name, f in metrics.items()`, a comprehension
        over them), each turn calls another metric: the scores collected are of different
        metrics, and picking the best of them picks the metric after the results.
        """
        data = self.metric_call(fname, node, args, site)
        if any(_names_in(node.func) & loop for loop in self.loops):
            return replace(data, metrics=data.metrics | {"m1", "m2"})
        return data

    # -- sinks and rules
    @staticmethod
    def reaches(shape: Shape, X: Data) -> bool:
        """Whether a step that changed one column still shapes the features ``X``."""
        if shape.column is None:
            return True
        if shape.column in X.removed:
            return False
        if X.selected:
            return shape.column in X.selected
        return X.column in (None, shape.column)

    def sink(self, est: Est, X: Data, site: Site, node: ast.Call) -> None:
        test_tags = [t for t in X.rows if t.startswith("test:")]
        for tag in test_tags:
            sid = tag.split(":", 1)[1]
            for shape in _in_order(X.shaped):
                if self.covers(shape.rows, tag) and self.reaches(shape, X):
                    self.add(
                        "preprocessing-leak",
                        shape.site,
                        f"{shape.what} is fitted on {shape.rows_desc} ({shape.site.words()}), "
                        f"rows that include the test rows `{X.desc}` scored by "
                        f"`{est.name or est.cls}` ({site.words()}): what it learned from them "
                        "is in the data the model is judged on.",
                        severity="error" if shape.supervised else None,
                    )
            if (
                est.fitted is not None
                and est.kind != "transformer"
                and self.covers(est.fitted, tag)
            ):
                self.add(
                    "overlap-leak",
                    est.fit_site or site,
                    f"`{est.name or est.cls}` is fitted on {est.fitted_desc} "
                    f"({(est.fit_site or site).words()}), which contains the test rows "
                    f"`{X.desc}` it is then scored on ({site.words()}).",
                )
            if X.resampled is not None:
                self.add(
                    "overlap-leak",
                    X.resampled,
                    f"The rows are oversampled, augmented or duplicated "
                    f"({X.resampled.words()}) before the split that yields `{X.desc}` "
                    f"(scored at {site.words()}): copies of training rows sit in the test "
                    "rows.",
                )
            if not est.dummy:
                multiple = self.in_loop() and (est.varies or self.varies(node.func, *node.args))
                self.events.append(
                    Event(sid, site, est.key(), multiple, est.name or est.cls, X.desc)
                )

    def check_target(self, X: Data, y: Data, site: Site, est: Est) -> None:
        if y.column is None or y.base is None or X.base != y.base or y.column == "__target__":
            return
        if X.selected == ():
            return
        target = y.column
        deps = self.deps.get(y.base, {})
        related = {target} | deps.get(target, set())
        related |= {c for c, used in deps.items() if used & related}
        present = (
            [c for c in X.selected if c in related]
            if X.selected is not None
            else [c for c in sorted(related) if c not in X.removed]
        )
        if X.column is not None:
            present = [X.column] if X.column in related else []
        if present:
            cols = ", ".join(repr(c) for c in present)
            self.add(
                "target-in-features",
                site,
                f"`{est.name or est.cls}` is fitted with `{X.desc}` as features and "
                f"`{y.desc}` ({target!r}) as target, but `{X.desc}` still holds {cols}"
                + (" (the target itself)" if target in present else " (computed from the target)")
                + ".",
            )

    def check_interval_binop(self, node: ast.BinOp, left: Any, right: Any) -> None:
        if not isinstance(node.op, ast.Mult):
            return
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if (
                self.is_cv_spread(side)
                and isinstance(other, ast.Constant)
                and isinstance(other.value, (int, float))
                and other.value >= 1.5
            ):
                self.interval_finding(node)

    def is_cv_spread(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Call) and _name(node.func) in ("std", "sem", "nanstd"):
            target = node.func.value if isinstance(node.func, ast.Attribute) else None
            if target is not None and not (
                isinstance(target, ast.Name)
                and target.id in ("np", "numpy", "stats", "scipy", "st")
            ):
                v = self.expr(target)
            else:
                v = self.expr(node.args[0]) if node.args else None
            return isinstance(v, Data) and v.cv_scores
        return False

    def interval_finding(self, node: ast.AST) -> None:
        site = self.site(node)
        self.add(
            "cv-spread-as-interval",
            site,
            f"`{_src(node)}` turns the spread of the cross-validation folds into an interval "
            "(the folds share training rows, so they are not independent samples and this "
            "interval covers the true score far less often than it claims).",
        )

    def check_interval_text(self, node: ast.JoinedStr) -> None:
        text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        if not CONFIDENCE_TEXT.search(text):
            return
        for v in node.values:
            if isinstance(v, ast.FormattedValue) and any(
                self.is_cv_spread(sub) for sub in ast.walk(v.value)
            ):
                self.interval_finding(node)

    def check_interval_print(self, node: ast.Call) -> None:
        for arg in node.args:
            if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod):
                fmt: ast.expr | None = arg.left
                if (
                    isinstance(fmt, ast.Constant)
                    and isinstance(fmt.value, str)
                    and (CONFIDENCE_TEXT.search(fmt.value) or "+/-" in fmt.value)
                    and any(self.is_cv_spread(s) for s in ast.walk(arg.right))
                ):
                    self.interval_finding(arg)
            if isinstance(arg, ast.Call) and _name(arg.func) == "format":
                fmt = arg.func.value if isinstance(arg.func, ast.Attribute) else None
                if (
                    isinstance(fmt, ast.Constant)
                    and isinstance(fmt.value, str)
                    and (CONFIDENCE_TEXT.search(fmt.value))
                    and any(self.is_cv_spread(s) for a in arg.args for s in ast.walk(a))
                ):
                    self.interval_finding(arg)

    def check_metric_choice(self, args: list[Any], node: ast.Call, kwargs: dict[str, Any]) -> None:
        for a in args:
            if isinstance(a, tuple) and a[:1] == ("__items__",):
                a = [a[1]]  # `scores.items()`: (name, score) pairs
            if isinstance(a, dict) and not any(k.arg == "key" for k in node.keywords):
                continue  # `sorted(scores)` orders the names, not the scores
            bag = a
            if isinstance(a, dict):
                names: set[str] = set()
                for v in a.values():
                    if isinstance(v, Data):
                        names |= v.metrics
                if len(names) >= 2 or (
                    a.get("__comp__") is not None
                    and isinstance(a["__comp__"], Data)
                    and len(a["__comp__"].metrics) >= 2
                ):
                    bag = Data(metrics=frozenset(names | {"m1", "m2"}))
            if isinstance(bag, list):
                names = set()
                for v in bag:
                    # (name, score) pairs count too: `max(results, key=lambda t: t[1])`.
                    for item in v if isinstance(v, tuple) else (v,):
                        if isinstance(item, Data):
                            names |= item.metrics
                bag = Data(metrics=frozenset(names))
            if (isinstance(bag, Data) and len(bag.metrics) >= 2 and not bag.cv_scores) or (
                isinstance(bag, Data) and bag.cv_scores and len(bag.metrics) >= 2
            ):
                site = self.site(node)
                self.add(
                    "metric-chosen-after-results",
                    site,
                    f"`{_src(node)}` picks among scores of different metrics: the metric "
                    "reported becomes whichever looks best, so the number overstates the "
                    "model.",
                )

    def finish(self) -> None:
        by_split: dict[str, list[Event]] = {}
        for e in self.events:
            by_split.setdefault(e.split, []).append(e)
        for sid, events in by_split.items():
            if sid not in self.splits or self.is_validation(sid):
                continue
            keys = {e.key for e in events if e.key is not None}
            multiple = [e for e in events if e.multiple]
            if len(keys) < 2 and not multiple:
                continue
            later = (
                multiple[0]
                if multiple
                else sorted(events, key=lambda e: (e.site.cell or 0, e.site.line))[-1]
            )
            names = sorted({e.model for e in events})
            split = self.splits[sid]
            where = f" drawn at {split.site.words()}" if split.site.line else ""
            how = (
                f"inside a loop ({later.site.words()}), once per iteration"
                if multiple
                else f"by {len(keys)} different models or fits ({', '.join(names)})"
            )
            data = later.data or "the test rows"
            self.add(
                "multi-test-leak",
                later.site,
                f"The test rows `{data}` (the split{where}) are scored {how}: choosing by "
                "those scores tunes the model to the test rows, and the best of them "
                "overstates how it will do on new rows.",
            )


def analyse(source: NotebookSource) -> list[Finding]:
    """Return the static findings for a notebook or script, in cell and line order."""
    findings = Analyser(source).run()
    return sorted(findings, key=lambda f: (f.cell or 0, f.line or 0, f.code))
