"""Barriers in lockstep: a lifted kernel that calls `grid.barrier()` runs with its threads as
generators, each resumed in turn up to its next barrier, so that no thread of a block passes a
barrier before all of them reach it."""
import ast
import inspect
import textwrap


class _BarrierToYield(ast.NodeTransformer):
    def __init__(self):
        self.count = 0

    def visit_Expr(self, node):
        call = node.value
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "barrier" and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "grid"):
            self.count += 1
            return ast.copy_location(ast.Expr(ast.Yield(None)), node)
        return node


def with_barriers_as_yields(function):
    """`function` recompiled with each `grid.barrier()` statement as `yield`, in its module's
    namespace; `function` itself when it has no barrier."""
    if "barrier" not in function.__code__.co_names:
        return function
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    definition = tree.body[0]
    definition.decorator_list = []
    transformer = _BarrierToYield()
    definition.body = [transformer.visit(statement) for statement in definition.body]
    for node in ast.walk(definition):
        if node is not definition and isinstance(node, (ast.FunctionDef, ast.Lambda)):
            if any(isinstance(inner, ast.Yield) for inner in ast.walk(node)):
                raise NotImplementedError("a barrier inside a nested function")
    if transformer.count == 0:
        return function
    ast.fix_missing_locations(tree)
    namespace = {}
    exec(compile(tree, inspect.getsourcefile(function), "exec"), function.__globals__, namespace)
    recompiled = namespace[function.__name__]
    recompiled.__dict__.update(function.__dict__)
    return recompiled


def run_block_in_lockstep(threads):
    """Resumes every thread (a generator) up to its next barrier, round after round; returns
    the number of barriers passed. A thread that returns while others wait is an error."""
    barriers = 0
    while threads:
        waiting = []
        for thread in threads:
            try:
                next(thread)
                waiting.append(thread)
            except StopIteration:
                pass
        if waiting and len(waiting) != len(threads):
            raise RuntimeError(f"after barrier {barriers}, {len(threads) - len(waiting)} threads "
                               f"returned while {len(waiting)} wait at a barrier")
        if waiting:
            barriers += 1
        threads = waiting
    return barriers
