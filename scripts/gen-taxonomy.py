#!/usr/bin/env python3
"""Print the SQL that loads pdp's default taxonomy into pdp.category.

    gen-taxonomy.py data/vn-decree-13-2023.csv
        the INSERT of extension/pdp--1.0.sql (Decree 13/2023 Art. 2)
    gen-taxonomy.py --update data/vn-decree-13-2023.csv data/vn-decree-356-2025.csv
        the generated part of the issue 15 block of extension/pdp--1.0--1.1.sql,
        which takes a 1.0 taxonomy to the second CSV's (Decree 356/2025).
        A fresh 1.1 install runs the 1.0 script and then that block, so it is
        the one path to the new taxonomy for fresh and updated installs.

The CSVs are copies of shared/taxonomy.  The GDPR reference, where there is
one, is appended to legal_ref.  In the update a category of the new CSV that
the old one has too ("carried over") keeps its row: a built-in row gets the
new legal_ref, description and previous_ref (the new CSV's `previously`);
its sensitivity is left as it is, so a CSV that changes the sensitivity of
a carried-over category is refused here (exit status 1) rather than applied
silently.  New categories are inserted as built-in; a row of that name the
DBA defined (builtin = false) is left as it is, with a WARNING; so is a
built-in category whose sensitivity a DBA changed (it gets the new text).
"""
import csv
import sys


def lit(s):
    return "NULL" if s is None or s == "" else "'" + s.replace("'", "''") + "'"


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["sensitive"] not in ("true", "false"):
            sys.exit("%s: category %s: sensitive must be true or false, not %r"
                     % (path, r["category"], r["sensitive"]))
        r["ref"] = r["legal_ref"] + ("; " + r["gdpr_ref"] if r["gdpr_ref"] else "")
    names = [r["category"] for r in rows]
    if len(set(names)) != len(names):
        sys.exit("%s: a category is listed twice" % path)
    return rows


def insert(path):
    rows = ["    (%s, %s, %s, %s, true)" % (lit(r["category"]), r["sensitive"],
                                            lit(r["ref"]), lit(r["description"]))
            for r in load(path)]
    print("INSERT INTO pdp.category (name, sensitive, legal_ref, description, builtin) VALUES")
    print(",\n".join(rows) + ";")


def update(old_path, new_path):
    old = {r["category"]: r for r in load(old_path)}
    new = load(new_path)
    bad = ["%s (%s: %s, %s: %s)" % (r["category"], old_path, old[r["category"]]["sensitive"],
                                     new_path, r["sensitive"])
           for r in new if r["category"] in old and old[r["category"]]["sensitive"] != r["sensitive"]]
    if bad:
        sys.exit("gen-taxonomy.py: the sensitivity of carried-over categories changed: %s\n"
                 "The update leaves a built-in category's sensitivity as it is; decide how "
                 "tags and allows of such a category keep their meaning, and write that "
                 "update by hand." % "; ".join(bad))
    rows = ["        (%s, %s, %s, %s, %s, %s)" % (
        lit(r["category"]), r["sensitive"], lit(r["ref"]), lit(r["description"]),
        lit(r.get("previously")), "true" if r["category"] in old else "false")
        for r in new]
    print("-- Generated from data/%s by scripts/gen-taxonomy.py --update; do not edit by hand."
          % new_path.rsplit("/", 1)[-1])
    print("""DO $taxonomy$
DECLARE
    r record;
    law text;       -- the law's sensitivity, as SQL
BEGIN
    FOR r IN
        SELECT v.*, c.builtin, c.sensitive AS had_sensitive, c.legal_ref AS had_legal_ref,
               c.description AS had_description
        FROM (VALUES
%s
        ) v(name, sensitive, legal_ref, description, previous_ref, carried_over)
        LEFT JOIN pdp.category c ON c.name = v.name
        ORDER BY v.name
    LOOP
        law := CASE WHEN r.sensitive THEN 'true' ELSE 'false' END;
        IF r.builtin THEN
            -- the extension's own row: the law's new text (sensitivity kept)
            UPDATE pdp.category c
            SET legal_ref = r.legal_ref, description = r.description,
                previous_ref = r.previous_ref
            WHERE c.name = r.name AND c.builtin;
            -- ... which a DBA made more or less sensitive than the law does:
            -- the row now cites the law, so say that it departs from it
            IF r.had_sensitive IS DISTINCT FROM r.sensitive THEN
                RAISE WARNING 'built-in personal data category "%%" is %% personal data here, but %% defines it as %%', r.name,
                    CASE WHEN r.had_sensitive THEN 'sensitive' ELSE 'basic' END, r.legal_ref,
                    CASE WHEN r.sensitive THEN 'sensitive' ELSE 'basic' END
                    USING DETAIL = 'The update gave it the new legal reference and description and kept the sensitivity it had here.',
                          HINT = pg_catalog.format('To follow the law: UPDATE pdp.category SET sensitive = %%s WHERE name = %%L;', law, r.name);
            END IF;
        ELSIF r.builtin IS NULL AND NOT r.carried_over THEN
            INSERT INTO pdp.category (name, sensitive, legal_ref, description, previous_ref, builtin)
            VALUES (r.name, r.sensitive, r.legal_ref, r.description, r.previous_ref, true);
        ELSIF r.builtin IS NULL THEN
            -- a built-in category of 1.0 someone deleted: its tags count as
            -- sensitive (an unknown category) and stay so
            RAISE WARNING 'built-in personal data category "%%" was deleted: pdp does not make it again', r.name
                USING DETAIL = pg_catalog.format('%%s defines it as %%s personal data: %%s.', r.legal_ref,
                                                 CASE WHEN r.sensitive THEN 'sensitive' ELSE 'basic' END,
                                                 r.description),
                      HINT = pg_catalog.format('To have it again: INSERT INTO pdp.category (name, sensitive, legal_ref, description, previous_ref, builtin) VALUES (%%L, %%s, %%L, %%L, %%L, true);',
                                               r.name, law, r.legal_ref, r.description, r.previous_ref);
        ELSE
            -- the DBA's own category of that name: theirs, as they defined
            -- it (their tags and allows keep their meaning)
            RAISE WARNING 'personal data category "%%" is the DBA''s own: the built-in category of that name is not installed', r.name
                USING DETAIL = pg_catalog.format('%%s defines "%%s" as %%s personal data: %%s. pdp.category keeps your definition: %%s personal data, legal reference %%s, description %%s.',
                                                 r.legal_ref, r.name,
                                                 CASE WHEN r.sensitive THEN 'sensitive' ELSE 'basic' END,
                                                 r.description,
                                                 CASE WHEN r.had_sensitive THEN 'sensitive' ELSE 'basic' END,
                                                 COALESCE(r.had_legal_ref, 'none'),
                                                 COALESCE(pg_catalog.quote_literal(r.had_description), 'none')),
                      HINT = pg_catalog.format('To adopt the law''s definition (tags and allows of "%%s" then follow it): UPDATE pdp.category SET sensitive = %%s, legal_ref = %%L, description = %%L, previous_ref = %%L, builtin = true WHERE name = %%L;',
                                               r.name, law, r.legal_ref, r.description, r.previous_ref, r.name);
        END IF;
    END LOOP;
END
$taxonomy$;
-- end of the generated taxonomy update""" % ",\n".join(rows))


if len(sys.argv) == 2 and not sys.argv[1].startswith("-"):
    insert(sys.argv[1])
elif len(sys.argv) == 4 and sys.argv[1] == "--update":
    update(sys.argv[2], sys.argv[3])
else:
    sys.exit("usage: gen-taxonomy.py CSV | gen-taxonomy.py --update OLD_CSV NEW_CSV")
