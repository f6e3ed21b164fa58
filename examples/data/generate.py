"""Writes the example's abalone-like data: abalone.csv (labelled) and abalone-batch.csv (for batch transform).

Synthetic, deterministic (fixed seed, Python standard library only): the columns and value ranges follow the UCI
abalone data set (sex, length, diameter, height, whole/shucked/viscera/shell weight, rings), but every row is
generated here. Run from anywhere:  python3 examples/data/generate.py
"""
import csv
import math
import os
import random

ROWS = 400
BATCH_ROWS = 20
SEED = 20240601


def clip(value, low, high):
    return max(low, min(high, value))


def abalone(rng):
    sex = rng.choices(["M", "F", "I"], weights=[0.37, 0.31, 0.32])[0]
    mean_rings = 7.5 if sex == "I" else 10.8
    rings = int(round(clip(rng.gauss(mean_rings, 2.8), 1, 29)))
    length = clip(0.12 + 0.5 * (1 - math.exp(-rings / 6.5)) + rng.gauss(0, 0.035), 0.075, 0.815)
    diameter = clip(length * 0.79 + rng.gauss(0, 0.012), 0.055, 0.65)
    height = clip(length * 0.27 + rng.gauss(0, 0.01), 0.01, 0.25)
    whole = clip(2.1 * length ** 3 * (1 + rng.gauss(0, 0.08)) + 0.004, 0.002, 2.8)
    shucked = clip(whole * (0.45 - 0.006 * rings + rng.gauss(0, 0.02)), 0.001, 1.5)
    viscera = clip(whole * (0.22 + rng.gauss(0, 0.012)), 0.0005, 0.76)
    shell = clip(whole * (0.22 + 0.006 * rings + rng.gauss(0, 0.015)), 0.0015, 1.0)
    features = [length, diameter, height, whole, shucked, viscera, shell]
    return [sex] + [f"{value:.4f}" for value in features] + [str(rings)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(SEED)
    with open(os.path.join(here, "abalone.csv"), "w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(abalone(rng) for _ in range(ROWS))
    with open(os.path.join(here, "abalone-batch.csv"), "w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(abalone(rng)[:-1] for _ in range(BATCH_ROWS))
    print(f"wrote {ROWS} rows to abalone.csv and {BATCH_ROWS} rows to abalone-batch.csv in {here}")


if __name__ == "__main__":
    main()
