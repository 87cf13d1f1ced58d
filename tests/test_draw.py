"""Graph pictures: deterministic DOT text with each value's label, data and grad."""

import pytest

from micrograd import Value, draw_dot, trace


def expression():
    a = Value(2.0, label="a")
    b = Value(-3.0, label="b")
    c = Value(10.0, label="c")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    return a, d


def test_trace_lists_every_node_and_edge():
    _, d = expression()
    nodes, edges = trace(d)
    assert [n.label for n in nodes] == ["a", "b", "e", "c", "d"]
    assert [(x.label, y.label) for x, y in edges] == [("a", "e"), ("b", "e"), ("e", "d"),
                                                      ("c", "d")]


def test_same_expression_gives_the_same_dot_text():
    assert draw_dot(expression()[1]).source == draw_dot(expression()[1]).source


def test_dot_shows_data_and_grad_after_backward():
    a, d = expression()
    d.backward()
    source = draw_dot(d).source
    assert "{ a | data 2.0000 | grad -3.0000 }" in source
    assert "{ d | data 4.0000 | grad 1.0000 }" in source
    assert '[label="*"]' in source and '[label="+"]' in source


def test_record_special_characters_are_escaped():
    x = Value(1.0, label="{a|b}")
    assert r"\{a\|b\}" in draw_dot(x).source


def test_rankdir_is_checked():
    with pytest.raises(ValueError, match="rankdir"):
        draw_dot(Value(1.0), rankdir="sideways")


def test_edge_labels_carry_each_use_of_a_value_used_twice():
    a = Value(3.0, label="a")
    b = Value(2.0, label="b")
    y = a * a * b
    source = draw_dot(y, edge_labels=True).source
    assert source.count("n0 -> n1_op [label=3]") == 2
    assert "n1 -> n3_op [label=2]" in source and "n2 -> n3_op [label=9]" in source
    assert "label=" not in draw_dot(y).source.split("n3_op -> n3")[1]


def test_svg_renders_with_graphviz():
    _, d = expression()
    svg = draw_dot(d).pipe(format="svg").decode()
    assert "<svg" in svg and "data 4.0000" in svg


def test_tensor_box_shows_its_shape_and_few_numbers():
    from micrograd.tensor import Tensor

    w = Tensor([[1.0, -0.5], [2.0, 3.0]], label="w", requires_grad=True)
    doubled = w * 2
    out = doubled.sum()
    out.label = "out"
    out.retain_grad()
    out.backward()
    source = draw_dot(out).source
    assert "{ w | shape (2, 2) | data [[1, -0.5], [2, 3]] | grad [[2, 2], [2, 2]] }" in source
    assert "{ out | shape () | data 11 | grad 1 }" in source
    assert "{  | shape (2, 2) | data [[2, -1], [4, 6]] }" in source  # its gradient was freed


def test_big_tensor_box_shows_only_its_shape():
    from micrograd.tensor import Tensor

    batch = Tensor([[0.0] * 3] * 100, label="X", requires_grad=True)
    assert '"{ X | shape (100, 3) }"' in draw_dot(batch.sum()).source
