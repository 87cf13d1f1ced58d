"""Pictures of computation graphs, drawn with Graphviz.

Taught in the chapter "The Value object"; the chapter "The chain rule, by hand"
adds the local derivatives on the edges. A value becomes a box showing its
label, data and gradient; the operation that made it becomes a small oval
feeding into the box.
"""

from graphviz import Digraph

from micrograd.graph import topological_order


def draw_dot(root, rankdir="LR", edge_labels=False):
    """Return a ``graphviz.Digraph`` of the graph behind ``root``.

    Nodes are named by their position in topological order, so the same
    expression always gives the same DOT text. ``rankdir="TB"`` draws top to
    bottom instead of left to right. ``edge_labels=True`` writes on each edge
    its local derivative: how fast the value the edge leads to moves per unit
    of the value it comes from.

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
    """
    if rankdir not in ("LR", "TB"):
        raise ValueError(f"rankdir must be 'LR' or 'TB', got {rankdir!r}")
    nodes = topological_order(root)
    name = {node: f"n{i}" for i, node in enumerate(nodes)}
    dot = Digraph(graph_attr={"rankdir": rankdir}, node_attr={"fontname": "Helvetica"})
    for node in nodes:
        dot.node(name[node], _record_label(node), shape="record")
        if node._op:
            dot.node(name[node] + "_op", label=node._op)
            dot.edge(name[node] + "_op", name[node])
    for node in nodes:
        for child, local_grad in zip(node._prev, node._local_grads, strict=True):
            label = f"{local_grad:.4g}" if edge_labels else None
            dot.edge(name[child], name[node] + "_op", label=label)
    return dot


def _record_label(node):
    """The three fields of a value's box: label, data and grad."""
    label = "".join("\\" + c if c in '{}|<>\\"' else c for c in node.label)
    return f"{{ {label} | data {node.data:.4f} | grad {node.grad:.4f} }}"
