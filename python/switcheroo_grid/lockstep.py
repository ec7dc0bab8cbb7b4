"""Barriers and warp operations in lockstep: a lifted kernel that calls `grid.barrier()` or
`grid.warp(...)` runs with its threads as generators, each resumed in turn up to its next
barrier or warp operation, so that no thread of a block passes a barrier before all of them
reach it, and the lanes of a warp meet at each warp operation (warp.py answers them)."""
import ast
import inspect
import textwrap

from .warp import WARP_SIZE, collective


def _grid_call(node, name):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == name and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "grid")


class _BarrierToYield(ast.NodeTransformer):
    """`grid.barrier()` statements to `yield`, `grid.warp(...)` calls to `(yield (...))`."""

    def __init__(self):
        self.count = 0

    def visit_Expr(self, node):
        if _grid_call(node.value, "barrier"):
            self.count += 1
            return ast.copy_location(ast.Expr(ast.Yield(None)), node)
        return self.generic_visit(node)

    def visit_Call(self, node):
        self.generic_visit(node)
        if not _grid_call(node, "warp"):
            return node
        self.count += 1
        request = ast.Tuple([ast.Constant("warp")] + node.args, ast.Load())
        return ast.copy_location(ast.Yield(request), node)


def with_barriers_as_yields(function):
    """`function` recompiled with each `grid.barrier()` statement as `yield` and each
    `grid.warp(...)` call as a `yield` of its arguments, in its module's namespace; `function`
    itself when it has neither."""
    if "barrier" not in function.__code__.co_names and "warp" not in function.__code__.co_names:
        return function
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    definition = tree.body[0]
    definition.decorator_list = []
    transformer = _BarrierToYield()
    definition.body = [transformer.visit(statement) for statement in definition.body]
    for node in ast.walk(definition):
        if node is not definition and isinstance(node, (ast.FunctionDef, ast.Lambda)):
            if any(isinstance(inner, ast.Yield) for inner in ast.walk(node)):
                raise NotImplementedError("a barrier or warp operation inside a nested function")
    if transformer.count == 0:
        return function
    ast.fix_missing_locations(tree)
    namespace = {}
    exec(compile(tree, inspect.getsourcefile(function), "exec"), function.__globals__, namespace)
    recompiled = namespace[function.__name__]
    recompiled.__dict__.update(function.__dict__)
    return recompiled


def run_block_in_lockstep(threads):
    """Resumes every thread (a generator, in the block's linear order: lane = index % 32) up to
    its next barrier or warp operation, round after round. After each round the lanes of each
    warp that stopped at a warp operation get its answer; when every live thread waits at a
    barrier, all pass it. Returns the number of barriers passed. A thread that returns while
    others wait at a barrier is an error, and so are lanes of one warp at different operations."""
    barriers, live, replies = 0, set(range(len(threads))), {}
    waiting, returned = set(), 0
    while live:
        requests = {}
        for index in sorted(live - waiting):
            try:
                request = threads[index].send(replies.pop(index, None))
            except StopIteration:
                live.discard(index)
                returned += 1
                continue
            if request is None:
                waiting.add(index)
            else:
                requests[index] = request
        for warp in sorted({index // WARP_SIZE for index in requests}):
            calls = {index % WARP_SIZE: requests[index][2:] for index in requests
                     if index // WARP_SIZE == warp}
            operations = {requests[warp * WARP_SIZE + lane][1] for lane in calls}
            if len(operations) != 1:
                raise RuntimeError(f"the lanes of warp {warp} meet at different warp operations "
                                   f"{sorted(operations)}")
            for lane, answer in collective(operations.pop(), calls).items():
                replies[warp * WARP_SIZE + lane] = answer
        if requests or not waiting:
            continue
        if returned:
            raise RuntimeError(f"after barrier {barriers}, {returned} threads returned while "
                               f"{len(waiting)} wait at a barrier")
        barriers += 1
        waiting.clear()
    return barriers
