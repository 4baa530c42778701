"""kb.evaluate: per-query metrics and the paired comparison the benchmarks print beside their means."""
import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.evaluate import paired, per_query, score_run

QRELS = {"q1": {"a": 2, "b": 1}, "q2": {"c": 1}, "q3": {"x": 0}}  # q3 has no relevant document: not judged


def test_per_query_figures_by_hand():
    run = {"q1": ["z", "b", "a", "b"], "q2": ["c"], "q3": ["x"]}
    scores = per_query(run, QRELS)
    assert set(scores) == {"q1", "q2"}
    assert scores["q1"]["MRR@10"] == 0.5 and scores["q1"]["Recall@1"] == 0.0 and scores["q1"]["Recall@5"] == 1.0
    dcg, ideal = 1 / math.log2(3) + 2 / math.log2(4), 2 + 1 / math.log2(3)  # the repeated "b" counts once
    assert math.isclose(scores["q1"]["nDCG@10"], dcg / ideal)
    assert scores["q2"] == {"Recall@1": 1.0, "Recall@5": 1.0, "Recall@10": 1.0, "MRR@10": 1.0, "nDCG@10": 1.0}
    assert score_run(run, QRELS)["MRR@10"] == 0.75


def exact_p(d: np.ndarray) -> float:
    """Every one of the 2^n sign flips: the reference the sampled test must approach."""
    flips = np.array(list(itertools.product((-1.0, 1.0), repeat=len(d))))
    return float(np.mean(np.abs((flips * d).mean(axis=1)) >= abs(d.mean()) - 1e-12))


def test_randomization_p_matches_exact_enumeration():
    rng = np.random.default_rng(7)
    for _ in range(3):
        a, b = rng.random(12), rng.random(12)
        assert abs(paired(a, b, rounds=40_000).p - exact_p(a - b)) < 0.01


def test_one_question_moving_one_rank_is_no_difference():
    a = [1.0] * 30 + [0.5] * 30  # 60 reciprocal ranks
    b = list(a)
    b[0] = 0.5
    r = paired(a, b)
    assert r.difference > 0 and r.better == 1 and r.worse == 0
    assert r.p == 1.0  # each sign flip of one query's difference gives the same |mean|
    assert r.low == 0.0 < r.high  # a third of resamples leave that query out


def test_a_clear_difference_is_one():
    r = paired([0.9] * 20 + [1.0] * 20, [0.4] * 20 + [0.5] * 20)
    assert r.p < 0.001 and r.low > 0.45 and r.better == 40 and r.worse == 0
    same = paired([0.3, 0.7], [0.3, 0.7])
    assert (same.difference, same.p, same.better, same.worse) == (0.0, 1.0, 0, 0)
    assert paired([], []).p == 1.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=40))
def test_swapping_the_systems_negates_the_difference_only(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    ab, ba = paired(a, b, rounds=500), paired(b, a, rounds=500)
    assert math.isclose(ab.difference, -ba.difference, abs_tol=1e-12)
    assert ab.p == ba.p and (ab.better, ab.worse) == (ba.worse, ba.better)
    assert ab.low - 1e-9 <= ab.difference <= ab.high + 1e-9 or ab.low == ab.high
    assert 0 < ab.p <= 1
