# Expected values of Keras's schedule tests (keras/src/optimizers/schedules/learning_rate_schedule_test.py):
# each case evaluates the test's own expected-value expression (and Keras's schedule, to show that they agree).
# Run: ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/schedules_oracle.py
import json, math
import numpy as np
from keras.optimizers import schedules

def np_cosine_decay(step, decay_steps, alpha=0.0):
    step = min(step, decay_steps)
    completed_fraction = step / decay_steps
    decay = 0.5 * (1.0 + math.cos(math.pi * completed_fraction))
    return (1.0 - alpha) * decay + alpha

def linear_warmup(step, warmup_steps, initial_lr, target_lr):
    completed_fraction = step / warmup_steps
    total_delta = target_lr - initial_lr
    return completed_fraction * total_delta

def np_cosine_decay_restarts(step, decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):
    fac = 1.0
    while step >= decay_steps:
        step -= decay_steps
        decay_steps *= t_mul
        fac *= m_mul
    completed_fraction = step / decay_steps
    decay = fac * 0.5 * (1.0 + math.cos(math.pi * completed_fraction))
    return (1.0 - alpha) * decay + alpha

out = {}
def case(name, rows):
    out[name] = [[s, float(e), float(np.array(k))] for s, e, k in rows]

case("exponential_continuous", [(5, 0.05 * 0.96 ** (5.0 / 10.0), schedules.ExponentialDecay(0.05, 10, 0.96)(5))])
case("exponential_staircase", [(s, e, schedules.ExponentialDecay(0.1, 3, 0.96, staircase=True)(s)) for s, e in [(1, 0.1), (2, 0.1), (100, 0.1 * 0.96 ** (100 // 3))]])
case("inverse_time_decay", [(i, 0.1 / (1 + i / 10 * 0.96), schedules.InverseTimeDecay(0.1, 10, 0.96)(i)) for i in range(11)])
case("inverse_time_staircase", [(i, 0.1 / (1 + 0.96 * (i // 10)), schedules.InverseTimeDecay(0.1, 10, 0.96, staircase=True)(i)) for i in range(11)])
case("cosine_decay", [(s, np_cosine_decay(s, 1000), schedules.CosineDecay(1.0, 1000)(s)) for s in range(0, 1500, 250)])
case("cosine_alpha", [(s, np_cosine_decay(s, 1000, 0.1), schedules.CosineDecay(1.0, 1000, 0.1)(s)) for s in range(0, 1500, 250)])
case("cosine_warmup", [(s, linear_warmup(s, 1500, 0.0, 10.0), schedules.CosineDecay(0.0, 10, warmup_target=10.0, warmup_steps=1500)(s)) for s in range(0, 1500, 250)])
case("cosine_warmup_decay", [(s, linear_warmup(s, 2000, 0.0, 10.0) if s < 2001 else 10.0 * np_cosine_decay(s - 2000, 1000),
    schedules.CosineDecay(0.0, 1000, warmup_target=10.0, warmup_steps=2000)(s)) for s in range(0, 3000, 250)])
case("restarts_decay", [(s, np_cosine_decay_restarts(s, 1000), schedules.CosineDecayRestarts(1.0, 1000)(s)) for s in range(0, 1500, 250)])
case("restarts_alpha", [(s, np_cosine_decay_restarts(s, 1000, alpha=0.1), schedules.CosineDecayRestarts(1.0, 1000, alpha=0.1)(s)) for s in range(0, 1500, 250)])
case("restarts_mmul", [(s, np_cosine_decay_restarts(s, 1000, m_mul=0.9), schedules.CosineDecayRestarts(1.0, 1000, m_mul=0.9)(s)) for s in range(0, 1500, 250)])
case("restarts_tmul", [(s, np_cosine_decay_restarts(s, 1000, t_mul=1.0), schedules.CosineDecayRestarts(1.0, 1000, t_mul=1.0)(s)) for s in range(0, 1500, 250)])
# Beyond Keras's test: several restarts with t_mul 2 and m_mul 0.5 (Keras's schedule gives the expected value).
case("restarts_long", [(s, schedules.CosineDecayRestarts(0.1, 10, t_mul=2.0, m_mul=0.5, alpha=0.1)(s), schedules.CosineDecayRestarts(0.1, 10, t_mul=2.0, m_mul=0.5, alpha=0.1)(s)) for s in [0, 5, 9, 10, 15, 29, 30, 31, 69, 70, 100]])
case("polynomial_cycle_power", [(s, schedules.PolynomialDecay(0.1, 10, 0.01, power=2.0, cycle=True)(s), schedules.PolynomialDecay(0.1, 10, 0.01, power=2.0, cycle=True)(s)) for s in [0, 3, 10, 11, 25]])
out["configs"] = {
    "ExponentialDecay": schedules.ExponentialDecay(0.05, 10, 0.96, staircase=True, name="my_ed").get_config(),
    "PiecewiseConstantDecay": schedules.PiecewiseConstantDecay([10, 20], [1, 2, 3], name="my_pcd").get_config(),
    "PolynomialDecay": schedules.PolynomialDecay(0.1, 100, 0.005, 1.0, False, name="my_ld").get_config(),
    "InverseTimeDecay": schedules.InverseTimeDecay(0.05, 10, 0.96, staircase=True, name="my_itd").get_config(),
    "CosineDecay": schedules.CosineDecay(0.05, 10, alpha=0.1, warmup_target=0.2, warmup_steps=2, name="my_cd").get_config(),
    "CosineDecayRestarts": schedules.CosineDecayRestarts(0.05, 10, alpha=0.1, t_mul=3.0, m_mul=4.0, name="my_cdr").get_config(),
    "defaults": {c: getattr(schedules, c)(*a).get_config() for c, a in [("ExponentialDecay", (0.1, 10, 0.9)), ("PiecewiseConstantDecay", ([1], [0.1, 0.01])),
        ("PolynomialDecay", (0.1, 10)), ("InverseTimeDecay", (0.1, 10, 0.5)), ("CosineDecay", (0.1, 10)), ("CosineDecayRestarts", (0.1, 10))]},
}
for cls, bad in [("ExponentialDecay", lambda: schedules.ExponentialDecay(0.1, 0, 0.9)), ("CosineDecayRestarts", lambda: schedules.CosineDecayRestarts(0.1, 0)),
                 ("PiecewiseConstantDecay", lambda: schedules.PiecewiseConstantDecay([1, 2], [0.1]))]:
    try: bad()
    except ValueError as e: out["error_" + cls] = str(e)
print(json.dumps(out, indent=1))
