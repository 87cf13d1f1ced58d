"""Pictures of computation graphs, drawn with Graphviz.

Taught in the chapter "The Value object"; the chapter "The chain rule, by hand"
adds the local derivatives on the edges. A value becomes a box showing its
label, data and gradient; the operation that made it becomes a small oval
feeding into the box. A tensor's box shows its shape, and its numbers too
when it has only a few.
"""

from micrograd.graph import topological_order


def draw_dot(root, rankdir="LR", edge_labels=False, max_nodes=1000):
    """Return a ``graphviz.Digraph`` of the graph behind ``root``.

    Nodes are named by their position in topological order, so the same
    expression always gives the same DOT text. ``rankdir="TB"`` draws top to
    bottom instead of left to right. ``edge_labels=True`` writes on each edge
    its local derivative: how fast the value the edge leads to moves per unit
    of the value it comes from. A graph of more than ``max_nodes`` nodes is
    refused: Graphviz needs seconds for a thousand and gives up on tens of
    thousands, and nobody could read the picture anyway.

    >>> from micrograd import Value
    >>> a = Value(2.0, label="a")
    >>> b = a * 3; b.label = "b"
    >>> print(draw_dot(b).source)  # doctest: +NORMALIZE_WHITESPACE
    digraph {
        graph [rankdir=LR]
        node [fontname=Helvetica]
        n0 [label="{ a | data 2.0000 | grad 0.0000 }" shape=record]
        n1 [label="{  | data 3.0000 | grad 0.0000 }" shape=record]
        n2 [label="{ b | data 6.0000 | grad 0.0000 }" shape=record]
        n2_op [label="*"]
        n2_op -> n2
        n0 -> n2_op
        n1 -> n2_op
    }
    >>> print(draw_dot(b, edge_labels=True).source)  # doctest: +NORMALIZE_WHITESPACE
    digraph {
        graph [rankdir=LR]
        node [fontname=Helvetica]
        n0 [label="{ a | data 2.0000 | grad 0.0000 }" shape=record]
        n1 [label="{  | data 3.0000 | grad 0.0000 }" shape=record]
        n2 [label="{ b | data 6.0000 | grad 0.0000 }" shape=record]
        n2_op [label="*"]
        n2_op -> n2
        n0 -> n2_op [label=3]
        n1 -> n2_op [label=2]
    }
    >>> draw_dot(a, max_nodes=0)
    Traceback (most recent call last):
    ...
    ValueError: draw_dot draws at most max_nodes=0 nodes, got a graph of 1
    """
    if rankdir not in ("LR", "TB"):
        raise ValueError(f"rankdir must be 'LR' or 'TB', got {rankdir!r}")
    if edge_labels and not hasattr(root, "_local_grads"):
        raise TypeError(f"edge_labels needs a graph of Values, got a {type(root).__name__}: "
                        "its local derivatives are functions, not numbers")
    nodes = topological_order(root)
    if len(nodes) > max_nodes:
        raise ValueError(f"draw_dot draws at most max_nodes={max_nodes} nodes, "
                         f"got a graph of {len(nodes)}")
    name = {node: f"n{i}" for i, node in enumerate(nodes)}
    dot = _empty_digraph(rankdir)
    for node in nodes:
        dot.node(name[node], _record_label(node), shape="record")
        if node._prev:  # a result computed outside any graph has no inputs to draw
            dot.node(name[node] + "_op", label=node._op)
            dot.edge(name[node] + "_op", name[node])
    for node in nodes:
        for i, child in enumerate(node._prev):
            label = f"{node._local_grads[i]:.4g}" if edge_labels else None
            dot.edge(name[child], name[node] + "_op", label=label)
    return dot


def _empty_digraph(rankdir):
    """A new Graphviz graph: the one place that needs the optional graphviz package."""
    try:
        from graphviz import Digraph
    except ImportError:
        raise ImportError("draw_dot needs the graphviz package: "
                          "pip install 'micrograd-book[draw]'") from None
    return Digraph(graph_attr={"rankdir": rankdir}, node_attr={"fontname": "Helvetica"})


def _record_label(node):
    """The three fields of a value's box: label, data and grad; a tensor's shape comes first."""
    if not isinstance(node.label, str):
        raise TypeError(f"a label must be a str, got {type(node.label).__name__}: {node.label!r}")
    label = "".join("\\" + c if c in '{}|<>\\"' else c for c in node.label)
    if hasattr(node, "shape"):
        return _tensor_label(label, node)
    return f"{{ {label} | data {node.data:.4f} | grad {node.grad:.4f} }}"


SMALL_TENSOR = 6  # a tensor with at most this many entries shows its numbers


def _tensor_label(label, tensor):
    """A tensor's box: label and shape, then data and any kept grad when there are few entries."""
    fields = [label, f"shape {tensor.shape}"]
    if tensor.data.size <= SMALL_TENSOR:
        fields.append(f"data {_entries(tensor.data.tolist())}")
        if tensor.grad is not None:
            fields.append(f"grad {_entries(tensor.grad.tolist())}")
    return "{ " + " | ".join(fields) + " }"


def _entries(numbers):
    """Nested lists of numbers, written short: [[1, 0.5], [-2, 3]]."""
    if isinstance(numbers, list):
        return "[" + ", ".join(map(_entries, numbers)) + "]"
    return f"{numbers:.4g}"
