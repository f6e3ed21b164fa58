"""Abalone preprocessing (a SageMaker Processing job): split the raw CSV into train, validation and test sets.

Reads every *.csv in <base-dir>/input (the raw columns: sex, 7 measurements, rings; no header) and writes
<base-dir>/{train,validation,test}/<name>.csv with the label (rings) first and sex one-hot encoded (F, I, M),
as the XGBoost/scikit-learn abalone examples do. Python standard library only.
"""
import argparse
import csv
import glob
import os
import random

SEXES = ["F", "I", "M"]


def encode(row):
    sex, measurements = row[0].strip().upper(), row[1:8]
    return [1.0 if sex == s else 0.0 for s in SEXES] + [float(value) for value in measurements]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-dir", default="/opt/ml/processing")
    parser.add_argument("--train-ratio", type=float, default=0.7)
    parser.add_argument("--validation-ratio", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    files = sorted(glob.glob(os.path.join(args.base_dir, "input", "*.csv")))
    if not files:
        raise SystemExit(f"no CSV file in {os.path.join(args.base_dir, 'input')}")
    rows = []
    for path in files:
        with open(path, newline="") as handle:
            for row in csv.reader(handle):
                if len(row) >= 9:
                    rows.append([float(row[8])] + encode(row))
    print(f"read {len(rows)} rows from {', '.join(os.path.basename(f) for f in files)}")

    random.Random(args.seed).shuffle(rows)
    train_end = int(len(rows) * args.train_ratio)
    validation_end = train_end + int(len(rows) * args.validation_ratio)
    splits = {"train": rows[:train_end], "validation": rows[train_end:validation_end], "test": rows[validation_end:]}
    for name, split in splits.items():
        folder = os.path.join(args.base_dir, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{name}.csv"), "w", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([f"{value:g}" for value in row] for row in split)
        print(f"{name}: {len(split)} rows")


if __name__ == "__main__":
    main()
