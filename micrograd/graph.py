"""Walking a computation graph: the order in which backpropagation visits nodes.

Taught in the chapters "The Value object" (``trace``) and
"Topological order and backward()" (``recursive_order``, then
``topological_order``). ``recursive_order`` is the definition written as
code; ``topological_order`` finds the same order with a list for a stack, so
that a graph a million nodes deep needs no deep recursion.
"""


def recursive_order(root):
    """Return every node that ``root`` depends on, each after all of its inputs.

    Visit a node's inputs first, then write the node down. Each call waits for
    the calls it makes, so a graph deeper than Python's recursion limit (1000
    calls by default) raises ``RecursionError``: ``topological_order`` is the fix.

    >>> from micrograd import Value
    >>> from micrograd.graph import recursive_order
    >>> a = Value(2.0, label="a")
    >>> b = Value(3.0, label="b")
    >>> c = a * b; c.label = "c"
    >>> d = c + a; d.label = "d"
    >>> [node.label for node in recursive_order(d)]
    ['a', 'b', 'c', 'd']
    """
    order, visited = [], set()

    def visit(node):
        if node not in visited:
            visited.add(node)
            for child in node._prev:
                visit(child)
            order.append(node)

    visit(root)
    return order


def topological_order(root):
    """Return every node that ``root`` depends on, each after all of its inputs.

    The same order as ``recursive_order``, at any depth: the path of nested
    calls becomes a list, ``stack``, of (node, its inputs not yet visited).
    A node is written down once all of its inputs have been.

    >>> from micrograd import Value
    >>> a = Value(2.0, label="a")
    >>> b = Value(3.0, label="b")
    >>> c = a * b; c.label = "c"
    >>> d = c + a; d.label = "d"
    >>> [node.label for node in topological_order(d)]
    ['a', 'b', 'c', 'd']
    """
    order, visited = [], {root}
    stack = [(root, iter(root._prev))]
    while stack:
        node, inputs = stack[-1]
        for child in inputs:
            if child not in visited:
                visited.add(child)
                stack.append((child, iter(child._prev)))
                break
        else:
            stack.pop()
            order.append(node)
    return order


def trace(root):
    """Return the nodes and edges of the graph behind ``root``.

    Nodes come in topological order; an edge ``(child, parent)`` says that
    ``child`` is an input of ``parent``.

    >>> from micrograd import Value
    >>> x = Value(3.0)
    >>> nodes, edges = trace(x * x)
    >>> len(nodes), len(edges)
    (2, 2)
    """
    nodes = topological_order(root)
    edges = [(child, node) for node in nodes for child in node._prev]
    return nodes, edges
