"""Abalone inference: the scikit-learn serving container's handler functions, plus a local batch entry point.

On SageMaker the serving stack calls model_fn/input_fn/predict_fn/output_fn. The local engine's batch transform
runs `python3 inference.py <input file> <output file>` with SM_MODEL_DIR set, which the __main__ block below maps
onto the same functions. Input rows are raw (sex, 7 measurements) or already encoded (10 numbers).
"""
import json
import os
import sys

SEXES = ["F", "I", "M"]


def model_fn(model_dir):
    with open(os.path.join(model_dir, "model.json")) as handle:
        return json.load(handle)


def input_fn(body, content_type="text/csv"):
    if content_type not in ("text/csv", "", None):
        raise ValueError(f"unsupported content type {content_type}")
    rows = []
    for line in body.splitlines():
        fields = [field.strip() for field in line.split(",") if field.strip()]
        if not fields:
            continue
        if fields[0].upper() in SEXES:
            fields = [1.0 if fields[0].upper() == s else 0.0 for s in SEXES] + fields[1:8]
        rows.append([float(value) for value in fields])
    return rows


def predict_fn(rows, model):
    predictions = []
    for row in rows:
        total = model["bias"]
        for value, mean, std, weight in zip(row, model["means"], model["stds"], model["weights"]):
            total += weight * (value - mean) / std
        predictions.append(total)
    return predictions


def output_fn(predictions, accept="text/csv"):
    return "".join(f"{value:.4f}\n" for value in predictions)


if __name__ == "__main__":
    input_path, output_path = sys.argv[1], sys.argv[2]
    model = model_fn(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    with open(input_path) as handle:
        rows = input_fn(handle.read(), os.environ.get("SM_INPUT_CONTENT_TYPE") or "text/csv")
    with open(output_path, "w") as handle:
        handle.write(output_fn(predict_fn(rows, model), os.environ.get("SM_OUTPUT_ACCEPT") or "text/csv"))
    print(f"{len(rows)} predictions written to {os.path.basename(output_path)}")
