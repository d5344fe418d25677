#!/usr/bin/env python3
"""Print the INSERT that loads the default taxonomy into pdp.category.

Source: data/vn-decree-13-2023.csv (a copy of shared/taxonomy). The GDPR
reference, where there is one, is appended to legal_ref.
"""
import csv
import sys


def lit(s):
    return "NULL" if s is None else "'" + s.replace("'", "''") + "'"


rows = []
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        ref = r["legal_ref"] + ("; " + r["gdpr_ref"] if r["gdpr_ref"] else "")
        rows.append("    (%s, %s, %s, %s, true)" % (
            lit(r["category"]), "true" if r["sensitive"] == "true" else "false",
            lit(ref), lit(r["description"])))
print("INSERT INTO pdp.category (name, sensitive, legal_ref, description, builtin) VALUES")
print(",\n".join(rows) + ";")
