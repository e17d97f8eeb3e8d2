#!/usr/bin/env bash
# `npm run train`: rebuilds the risk model from the shared corpus and measures it.
#   1. scripts/build-training-set.ts replays the sent-mail histories with planted incidents and
#      content variations (rules-only decisions) into .train/sends.jsonl;
#   2. scripts/train_model.py trains the logistic model, split by sender, and writes
#      models/risk-model.onnx, models/risk-model.json and models/MODEL_CARD.md;
#   3. scripts/eval-model.ts replays the held-out senders with the shipped configuration, with
#      and without the model.
# Training needs Debian's python3-sklearn, python3-onnx and python3-numpy (the system Python:
# /usr/bin/python3); the relay itself stays TypeScript.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import sklearn, onnx, numpy' 2>/dev/null; then
  echo "train: $PYTHON needs sklearn, onnx and numpy:" >&2
  echo "  apt-get install python3-sklearn python3-onnx python3-numpy" >&2
  exit 2
fi

mkdir -p .train
npx tsx scripts/build-training-set.ts .train/sends.jsonl "$@"
"$PYTHON" scripts/train_model.py .train/sends.jsonl models > .train/train.json
threshold=$("$PYTHON" -c 'import json; print(json.load(open(".train/train.json"))["metrics"]["threshold"])')
npx tsx scripts/eval-model.ts models --json .train/eval-model.json
echo
echo "train: models/ rewritten; decision threshold $threshold (policy.risk levels set to \"model\" follow it)"
