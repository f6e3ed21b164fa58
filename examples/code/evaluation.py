"""Abalone evaluation (a SageMaker Processing job): the model's mean squared error on the test set.

Reads <base-dir>/model/model.tar.gz (the training job's artifact) and <base-dir>/test/*.csv (label first), and
writes <base-dir>/evaluation/evaluation.json: {"regression_metrics": {"mse": {"value": ..., "standard_deviation": ...}}},
the property file the pipeline's condition reads. Python standard library only.
"""
import argparse
import csv
import glob
import json
import os
import tarfile
import tempfile


def predict(model, features):
    total = model["bias"]
    for value, mean, std, weight in zip(features, model["means"], model["stds"], model["weights"]):
        total += weight * (value - mean) / std
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-dir", default="/opt/ml/processing")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(os.path.join(args.base_dir, "model", "model.tar.gz")) as archive:
            archive.extractall(folder)
        with open(os.path.join(folder, "model.json")) as handle:
            model = json.load(handle)

    errors = []
    for path in sorted(glob.glob(os.path.join(args.base_dir, "test", "*.csv"))):
        with open(path, newline="") as handle:
            for row in csv.reader(handle):
                if row:
                    values = [float(value) for value in row]
                    errors.append((predict(model, values[1:]) - values[0]) ** 2)
    if not errors:
        raise SystemExit("no test data")
    mse = sum(errors) / len(errors)
    deviation = (sum((e - mse) ** 2 for e in errors) / len(errors)) ** 0.5
    report = {"regression_metrics": {"mse": {"value": mse, "standard_deviation": deviation}}}
    os.makedirs(os.path.join(args.base_dir, "evaluation"), exist_ok=True)
    with open(os.path.join(args.base_dir, "evaluation", "evaluation.json"), "w") as handle:
        json.dump(report, handle)
    print(f"test mse: {mse:.4f} over {len(errors)} rows")


if __name__ == "__main__":
    main()
