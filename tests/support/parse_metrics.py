#!/usr/bin/env python3
"""Parses a Prometheus text exposition (format 0.0.4) with prometheus_client's own parser
(Debian's python3-prometheus-client) and prints its samples as JSON:
[{"family", "type", "name", "labels", "value"}, ...]. Exits 1 with the parser's complaint, or
when a family's TYPE is given twice or a series (name and labels) appears twice, which
Prometheus refuses too. Used by tests/integration/observe_test.cpp."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as source:
        text = source.read()
    samples = []
    seen_series = set()
    seen_types = set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            name = line.split()[2]
            if name in seen_types:
                print(f"TYPE given twice for {name}", file=sys.stderr)
                return 1
            seen_types.add(name)
    try:
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                series = (sample.name, tuple(sorted(sample.labels.items())))
                if series in seen_series:
                    print(f"series given twice: {series}", file=sys.stderr)
                    return 1
                seen_series.add(series)
                value = sample.value
                samples.append({
                    "family": family.name,
                    "type": family.type,
                    "name": sample.name,
                    "labels": sample.labels,
                    "value": value if math.isfinite(value) else str(value),
                })
    except Exception as error:  # the parser's complaint, whatever its type
        print(f"not valid Prometheus text: {error}", file=sys.stderr)
        return 1
    json.dump(samples, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
