"""Prometheus query_range result (JSON on stdin) -> CSV on stdout, written the way Robust Perception's
query_csv.py does (https://github.com/RobustPerception/python_examples/blob/master/csv/query_csv.py, also
copied into many repositories): header `name,timestamp,value,<label names sorted>`, csv.writer defaults
(minimal quoting, CRLF line ends). Used by make-fixtures.sh."""
import csv
import json
import sys

results = json.load(sys.stdin)["data"]["result"]
labelnames = set()
for result in results:
    labelnames.update(result["metric"].keys())
labelnames.discard("__name__")
labelnames = sorted(labelnames)
writer = csv.writer(sys.stdout)
writer.writerow(["name", "timestamp", "value"] + labelnames)
for result in results:
    for t, v in result["values"]:
        row = [result["metric"].get("__name__", ""), t, v]
        for label in labelnames:
            row.append(result["metric"].get(label, ""))
        writer.writerow(row)
