"""Abalone training (SageMaker script mode): a linear regression fitted by gradient descent, standard library only.

The training toolkit (or the local engine's host runner) passes the hyperparameters as arguments
(--epochs, --learning_rate) and the layout in SM_* variables. Writes model.json to SM_MODEL_DIR and prints the
validation MSE in the form the pipeline's MetricDefinitions read ("validation mse: <value>").
"""
import argparse
import csv
import glob
import json
import os


def load(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        with open(path, newline="") as handle:
            rows.extend([float(value) for value in row] for row in csv.reader(handle) if row)
    return [row[1:] for row in rows], [row[0] for row in rows]


def predict(model, features):
    total = model["bias"]
    for value, mean, std, weight in zip(features, model["means"], model["stds"], model["weights"]):
        total += weight * (value - mean) / std
    return total


def mse(model, x, y):
    return sum((predict(model, row) - label) ** 2 for row, label in zip(x, y)) / max(len(y), 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--learning_rate", type=float, default=0.1)
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    parser.add_argument("--validation", default=os.environ.get("SM_CHANNEL_VALIDATION", "/opt/ml/input/data/validation"))
    args = parser.parse_args()

    x, y = load(args.train)
    if not x:
        raise SystemExit(f"no training data in {args.train}")
    columns = len(x[0])
    means = [sum(row[i] for row in x) / len(x) for i in range(columns)]
    stds = [max((sum((row[i] - means[i]) ** 2 for row in x) / len(x)) ** 0.5, 1e-9) for i in range(columns)]
    scaled = [[(row[i] - means[i]) / stds[i] for i in range(columns)] for row in x]
    weights, bias = [0.0] * columns, sum(y) / len(y)
    for epoch in range(1, args.epochs + 1):
        gradient, gradient_bias = [0.0] * columns, 0.0
        for row, label in zip(scaled, y):
            error = bias + sum(w * v for w, v in zip(weights, row)) - label
            gradient_bias += error
            for i, value in enumerate(row):
                gradient[i] += error * value
        bias -= args.learning_rate * gradient_bias / len(y)
        weights = [w - args.learning_rate * g / len(y) for w, g in zip(weights, gradient)]
        if epoch % 100 == 0 or epoch == args.epochs:
            model = {"means": means, "stds": stds, "weights": weights, "bias": bias}
            print(f"epoch {epoch}: train mse: {mse(model, x, y):.4f}")

    model = {"means": means, "stds": stds, "weights": weights, "bias": bias}
    validation_x, validation_y = load(args.validation)
    if validation_x:
        print(f"validation mse: {mse(model, validation_x, validation_y):.4f}")
    os.makedirs(args.model_dir, exist_ok=True)
    with open(os.path.join(args.model_dir, "model.json"), "w") as handle:
        json.dump(model, handle, indent=2)
    print(f"model written to {os.path.join(args.model_dir, 'model.json')}")


if __name__ == "__main__":
    main()
