#!/usr/bin/env python3
"""scikit-learn baseline for accord-bench's learned-boosted benchmark.

Fits scikit-learn's HistGradientBoostingClassifier with its defaults (learning rate 0.1, 100
iterations, 31 leaves, 255 bins, early stopping on above 10,000 rows) and native categorical
support (``categorical_features`` for the categorical columns, each ordinal-encoded with blanks as
NaN) on the CSV file that accord-bench wrote, on the same folds (the ``--fold-column``), and prints
one JSON object:

    {"version": "1.9.1", "auc": 0.91234, "seconds": 12.3, "foldAUCs": [...], "iterations": [...],
     "rows": 100000, "threads": 2}

``auc`` is the mean of the per-fold ROC AUCs; ``seconds`` the sum over folds of fitting and
predicting the held-out rows (reading the CSV is not timed). ``random_state=0`` fixes the early
stopping split so runs repeat. Columns named ``f..`` are numeric, ``c..`` categorical, as
accord-bench generates them.

When scikit-learn is missing, the script installs it as ``sklearn_baseline.py`` does:

    python3 Benchmarks/sklearn_boosted_baseline.py --csv /tmp/boosted.csv --target converted --fold-column fold
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn_baseline import ensure_sklearn, read  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", required=True)
    parser.add_argument("--target", default="converted")
    parser.add_argument("--fold-column", default="fold")
    arguments = parser.parse_args()
    ensure_sklearn()

    import numpy as np
    import sklearn
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score

    header, rows, numeric, categorical, target_index, fold_index = read(
        arguments.csv, arguments.target, arguments.fold_column
    )
    columns = numeric + categorical
    data = np.empty((len(rows), len(columns)), dtype=np.float64)
    for position, index in enumerate(numeric):
        data[:, position] = [float(row[index]) if row[index].strip() else np.nan for row in rows]
    for offset, index in enumerate(categorical):
        values = [row[index].strip().lower() for row in rows]
        codes = {value: code for code, value in enumerate(sorted(set(values) - {""}))}
        data[:, len(numeric) + offset] = [codes[value] if value else np.nan for value in values]
    categorical_positions = list(range(len(numeric), len(columns)))
    outcomes = np.array([row[target_index].strip() == "1" for row in rows], dtype=int)
    folds = np.array([int(row[fold_index]) for row in rows])

    aucs = []
    iterations = []
    seconds = 0.0
    cpu_seconds = 0.0
    for fold in sorted(set(folds.tolist())):
        train = folds != fold
        test = folds == fold
        model = HistGradientBoostingClassifier(categorical_features=categorical_positions, random_state=0)
        start = time.perf_counter()
        cpu_start = time.process_time()
        model.fit(data[train], outcomes[train])
        predictions = model.predict_proba(data[test])[:, 1]
        seconds += time.perf_counter() - start
        cpu_seconds += time.process_time() - cpu_start
        aucs.append(float(roc_auc_score(outcomes[test], predictions)))
        iterations.append(int(model.n_iter_))

    print(
        json.dumps(
            {
                "version": sklearn.__version__,
                "auc": sum(aucs) / len(aucs),
                "foldAUCs": aucs,
                "iterations": iterations,
                "seconds": seconds,
                "cpuSeconds": cpu_seconds,
                "rows": len(rows),
                "threads": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
