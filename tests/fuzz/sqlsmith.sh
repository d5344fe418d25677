#!/usr/bin/env bash
# Crash-test pdp with SQLsmith: random queries, as a role working under a
# consent purpose with a limit, against tagged tables (customers and the
# partitioned contracts also protected row by row), views and a
# materialized view, with pdp in MODE (log or enforce).  Fails if the server
# crashed, an internal pdp error appeared, events were dropped, or the audit
# chain does not verify.  N queries (default 20000), SEED (default 42).
# Not part of `make test`: run it with `make fuzz`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    exec runuser -u postgres -- env N="${N:-20000}" SEED="${SEED:-42}" MODE="${MODE:-log}" "$here/sqlsmith.sh"
fi
N=${N:-20000}; SEED=${SEED:-42}; MODE=${MODE:-log}
DIR=$(mktemp -d /tmp/pdp-smith.XXXXXX); PORT=${FUZZ_PORT:-5494}
. "$here/../bench/lib.sh"

bench_init "shared_preload_libraries = 'pdp'
pdp.mode = $MODE
pdp.bulk_read_threshold = 50"
start ""
psql -X -q -U postgres -d postgres -c 'CREATE DATABASE bench'
psql -X -q -U postgres -v ON_ERROR_STOP=1 -o /dev/null <<'SQL'
CREATE EXTENSION pdp;
CREATE TABLE customers (id int PRIMARY KEY, full_name text, phone text, national_id text, income numeric, city text, born date, tags text[], profile jsonb);
INSERT INTO customers SELECT g, 'c' || g, '09' || g, 'ID' || g, g * 10, (ARRAY['Hanoi','Hue'])[1 + g % 2], date '1980-01-01' + g, ARRAY['a' || g % 5], jsonb_build_object('k', g) FROM generate_series(1, 2000) g;
CREATE INDEX ON customers (phone); CREATE INDEX ON customers (lower(full_name));
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, amount numeric, note text, placed timestamptz);
INSERT INTO orders SELECT g, 1 + g % 2000, g, 'n' || g, now() - g * interval '1 hour' FROM generate_series(1, 5000) g;
CREATE TABLE contracts (id int, region text, holder text, phone text) PARTITION BY LIST (region);
CREATE TABLE contracts_n PARTITION OF contracts FOR VALUES IN ('n');
CREATE TABLE contracts_s PARTITION OF contracts FOR VALUES IN ('s');
INSERT INTO contracts SELECT g, (ARRAY['n','s'])[1 + g % 2], 'h' || g, '08' || g FROM generate_series(1, 1000) g;
CREATE VIEW customer_view AS SELECT c.id, c.full_name, c.income, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id;
CREATE MATERIALIZED VIEW city_view AS SELECT city, count(*) n, max(income) m FROM customers GROUP BY city;
ANALYZE;
SELECT pdp.tag_column('customers', c, k) FROM (VALUES ('full_name','full_name'),('phone','phone_number'),('national_id','identity_number'),('income','banking_customer_info'),('city','address'),('born','date_of_birth'),('tags','other_identifying'),('profile','other_sensitive')) v(c, k);
SELECT pdp.tag_column('orders', 'note', 'other_identifying');
SELECT pdp.tag_column('contracts', 'holder', 'full_name'); SELECT pdp.tag_column('contracts', 'phone', 'phone_number');
SELECT pdp.tag_column('customer_view', 'income', 'banking_customer_info');
SELECT pdp.tag_column('city_view', 'm', 'banking_customer_info');
SELECT pdp.define_purpose('support', 'x', 'consent');
-- rows protected by consent: even customers consented, a few restricted
SELECT pdp.set_subject_column('customers', 'id'), pdp.protect_rows('customers');
SELECT pdp.set_subject_column('contracts', 'id'), pdp.protect_rows('contracts');
SELECT pdp.grant_consent(g, 'support') FROM generate_series(2, 2000, 2) g;
SELECT pdp.restrict_processing(g, 'fuzz') FROM generate_series(10, 2000, 100) g;
SELECT pdp.allow('support', 'full_name'); SELECT pdp.allow('support', 'phone_number');
SELECT pdp.set_limit('support', 500, 100000);
CREATE ROLE smith LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO smith;
SELECT pdp.grant_purpose('smith', 'support');
ALTER ROLE smith SET pdp.purpose = 'support';
ALTER ROLE smith SET statement_timeout = '2s';
SQL
echo "sqlsmith: $N queries, seed $SEED, pdp.mode = $MODE"
timeout 600 sqlsmith --target="host=$DIR port=$PORT dbname=bench user=smith" \
    --max-queries="$N" --seed="$SEED" > "$DIR/smith.out" 2>&1 || true
echo "statements refused by pdp: $(grep -c 'permission denied to read column\|exceeds the limit\|exceeds its daily' "$DIR/server.log" || true)"
bad=$(grep -cE "terminated by signal|was terminated|PANIC|TRAP|no row guard|could not compute SHA|has no column|must be called as a trigger" "$DIR/server.log" || true)
psql -X -At -U postgres -c "SELECT pdp.flush_audit()" >/dev/null
verdict=$(psql -X -At -U postgres -c "SELECT format('%s events, %s dropped, chain %s', (SELECT count(*) FROM pdp.audit_log), dropped, CASE WHEN pdp.verify_audit_log() IS NULL THEN 'intact' ELSE 'BROKEN' END) FROM pdp.audit_stats()")
echo "$verdict; $bad crash or internal-error lines"
stop
rm -rf "$DIR"
[ "$bad" -eq 0 ] && [[ "$verdict" == *", 0 dropped, chain intact" ]]

