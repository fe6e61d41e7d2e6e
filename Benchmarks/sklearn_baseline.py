#!/usr/bin/env python3
"""scikit-learn baseline for accord-bench's learned-training benchmark.

Fits scikit-learn's LogisticRegression (C=1.0, the default lbfgs solver) on the CSV file that
accord-bench wrote, with the same preprocessing Accord's FeatureEncoding does (numeric columns
mean-imputed with a missing indicator and standardised; categorical columns one-hot, blanks as
their own value), on the same folds (the ``--fold-column``), and prints one JSON object:

    {"version": "1.5.2", "auc": 0.81234, "seconds": 2.345, "foldAUCs": [...], "rows": 100000}

``auc`` is the mean of the per-fold ROC AUCs; ``seconds`` the sum over folds of fitting the
pipeline and predicting the held-out rows (reading the CSV is not timed). Columns named
``f..`` are numeric, ``c..`` categorical, as accord-bench generates them.

When scikit-learn is missing, the script makes a virtual environment under ``.build/sklearn-venv``
in the repository, installs scikit-learn there with pip, and runs itself again with it:

    python3 Benchmarks/sklearn_baseline.py --csv /tmp/learned.csv --target converted --fold-column fold
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
import warnings

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(REPOSITORY, ".build", "sklearn-venv")


def ensure_sklearn():
    """Imports scikit-learn, installing it into a virtual environment and re-running if needed."""
    try:
        import sklearn  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if os.environ.get("ACCORD_SKLEARN_VENV") == "1":
        sys.exit("scikit-learn is still missing in " + VENV)
    if not os.path.exists(python):
        print("installing scikit-learn into " + VENV, file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", VENV], stdout=sys.stderr)
    if subprocess.call([python, "-c", "import sklearn"], stderr=subprocess.DEVNULL) != 0:
        subprocess.check_call(
            [python, "-m", "pip", "install", "--quiet", "scikit-learn"], stdout=sys.stderr
        )
    environment = dict(os.environ, ACCORD_SKLEARN_VENV="1")
    os.execve(python, [python] + sys.argv, environment)


def read(path, target, fold_column):
    with open(path, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    target_index = header.index(target)
    fold_index = header.index(fold_column)
    features = [i for i in range(len(header)) if i not in (target_index, fold_index)]
    numeric = [i for i in features if header[i].startswith("f")]
    categorical = [i for i in features if header[i].startswith("c")]
    return header, rows, numeric, categorical, target_index, fold_index


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", required=True)
    parser.add_argument("--target", default="converted")
    parser.add_argument("--fold-column", default="fold")
    arguments = parser.parse_args()
    ensure_sklearn()

    import numpy as np
    import sklearn
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    header, rows, numeric, categorical, target_index, fold_index = read(
        arguments.csv, arguments.target, arguments.fold_column
    )
    numbers = np.array(
        [[float(row[i]) if row[i].strip() else np.nan for i in numeric] for row in rows]
    )
    categories = np.array(
        [[row[i].strip().lower() or "(missing)" for i in categorical] for row in rows], dtype=object
    )
    outcomes = np.array([row[target_index].strip() == "1" for row in rows], dtype=int)
    folds = np.array([int(row[fold_index]) for row in rows])

    count_numeric = numbers.shape[1]
    data = np.empty((len(rows), count_numeric + categories.shape[1]), dtype=object)
    data[:, :count_numeric] = numbers
    data[:, count_numeric:] = categories

    aucs = []
    seconds = 0.0
    for fold in sorted(set(folds.tolist())):
        train = folds != fold
        test = folds == fold
        model = Pipeline(
            [
                (
                    "encode",
                    ColumnTransformer(
                        [
                            (
                                "numbers",
                                Pipeline(
                                    [
                                        ("impute", SimpleImputer(strategy="mean", add_indicator=True)),
                                        ("scale", StandardScaler()),
                                    ]
                                ),
                                list(range(count_numeric)),
                            ),
                            (
                                "categories",
                                OneHotEncoder(handle_unknown="ignore"),
                                list(range(count_numeric, data.shape[1])),
                            ),
                        ]
                    ),
                ),
                ("model", LogisticRegression(C=1.0)),
            ]
        )
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(data[train], outcomes[train])
            predictions = model.predict_proba(data[test])[:, 1]
        seconds += time.perf_counter() - start
        aucs.append(float(roc_auc_score(outcomes[test], predictions)))

    print(
        json.dumps(
            {
                "version": sklearn.__version__,
                "auc": sum(aucs) / len(aucs),
                "foldAUCs": aucs,
                "seconds": seconds,
                "rows": len(rows),
            }
        )
    )


if __name__ == "__main__":
    main()
