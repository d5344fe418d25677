# Consent changes committed in one session apply to the next statement of
# every other session, including one inside an open transaction; changes
# that roll back apply nowhere; the row filter survives a restart.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('consent', 'pdp.mode = enforce');
$node->safe_psql('postgres', q{
SELECT pdp.define_purpose('newsletter', 'newsletter', 'consent');
SELECT pdp.allow('newsletter', 'full_name');
SELECT pdp.grant_purpose('app', 'newsletter');
SELECT pdp.set_subject_column('customers', 'id');
SELECT pdp.protect_rows('customers');
SELECT pdp.grant_consent(g, 'newsletter') FROM generate_series(1, 500) g;
});

my $count = q{SELECT count(full_name) FROM customers};

# session A: newsletter, inside an open transaction
my $a = $node->background_psql('postgres', extra_params => [ '-U', 'app' ]);
$a->query_safe(q{SET pdp.purpose = 'newsletter'});
$a->query_safe('BEGIN');
is($a->query_safe($count), '500', 'A sees the 500 subjects who consented');

# B withdraws two consents and restricts one subject
$node->safe_psql('postgres', q{
SELECT pdp.withdraw_consent(1, 'newsletter'), pdp.withdraw_consent(2, 'newsletter');
SELECT pdp.restrict_processing(3, 'objection');
});
is($a->query_safe($count), '497', "A's next statement, in the same transaction, sees the withdrawals and the restriction");
is($a->query_safe(q{SELECT pdp.has_consent(1)}), 'f', 'has_consent agrees in A');

# B grants inside a transaction that rolls back: nobody sees it
$node->safe_psql('postgres', q{
BEGIN;
SELECT pdp.grant_consent(g, 'newsletter') FROM generate_series(501, 600) g;
ROLLBACK;
});
is($a->query_safe($count), '497', 'a rolled back grant is seen nowhere');

# B's own session sees its uncommitted grant, and forgets it on rollback
my $b = $node->background_psql('postgres', extra_params => [ '-U', 'app' ]);
$b->query_safe(q{SET pdp.purpose = 'newsletter'});
$b->query_safe('BEGIN');
$b->query_safe(q{SELECT pdp.grant_consent(g, 'newsletter') FROM generate_series(501, 510) g});
is($b->query_safe($count), '507', 'the granting session sees its own grants before commit');
is($a->query_safe($count), '497', 'others do not');
$b->query_safe('ROLLBACK');
is($b->query_safe($count), '497', 'and forgets them when it rolls back');

# a grant in a subtransaction that rolls back
$b->query_safe('BEGIN');
$b->query_safe('SAVEPOINT s');
$b->query_safe(q{SELECT pdp.grant_consent(700, 'newsletter')});
is($b->query_safe($count), '498', 'grant inside a savepoint visible');
$b->query_safe('ROLLBACK TO SAVEPOINT s');
is($b->query_safe($count), '497', 'gone after ROLLBACK TO SAVEPOINT');
$b->query_safe('COMMIT');

# lifting the restriction and a new grant, committed
$node->safe_psql('postgres', q{SELECT pdp.lift_restriction(3); SELECT pdp.grant_consent(1, 'newsletter');});
is($a->query_safe($count), '499', 'lift and re-grant reach the open transaction of A');

# a changed expiry is re-read too
$node->safe_psql('postgres', q{SELECT pdp.grant_consent(10, 'newsletter', now() + interval '300 ms')});
is($a->query_safe($count), '499', 'a re-grant with an expiry keeps the subject visible...');
sleep(1);
is($a->query_safe($count), '498', '...until it expires');

# one transaction with more changes than are passed on one by one
$node->safe_psql('postgres', q{
BEGIN;
SELECT pdp.grant_consent(g, 'newsletter') FROM generate_series(2001, 3500) g;
SELECT pdp.withdraw_consent(g, 'newsletter') FROM generate_series(11, 20) g;
COMMIT;
});
is($a->query_safe($count), '488', 'a bulk change (cache reloaded) reaches A');

# more committed transactions than the shared ring holds
$node->safe_psql('postgres', q{
DO $$
BEGIN
    FOR i IN 4001..9000 LOOP
        PERFORM pdp.grant_consent(i, 'newsletter');
        COMMIT;
    END LOOP;
    PERFORM pdp.withdraw_consent(21, 'newsletter');
END
$$;
});
is($a->query_safe($count), '487', 'so does a change behind 5000 others');
$a->query_safe('COMMIT');
$a->quit;
$b->quit;

# text ids (national id numbers with a leading zero: not integers), met in
# id order and in random order, kept current the same way
$node->safe_psql('postgres', q{
CREATE TABLE nid_sorted (nid text PRIMARY KEY, note text);
INSERT INTO nid_sorted SELECT '00' || lpad(g::text, 10, '0'), 'n' FROM generate_series(1, 2000) g;
CREATE TABLE nid_random AS SELECT * FROM nid_sorted ORDER BY random();
GRANT SELECT ON nid_sorted, nid_random TO app;
SELECT pdp.set_subject_column(t, 'nid'), pdp.protect_rows(t) FROM unnest(ARRAY['nid_sorted', 'nid_random']::regclass[]) t;
SELECT pdp.grant_consent('00' || lpad(g::text, 10, '0'), 'newsletter') FROM generate_series(2, 2000, 2) g;
});
my $c = $node->background_psql('postgres', extra_params => [ '-U', 'app' ]);
$c->query_safe(q{SET pdp.purpose = 'newsletter'});
my $both = q{SELECT (SELECT count(*) FROM nid_sorted) || '/' || (SELECT count(*) FROM nid_random)};
is($c->query_safe($both), '1000/1000', 'text ids: half consented, in either order');
is($c->query_safe(q{SELECT count(*) FROM nid_sorted WHERE nid IN ('000000000002', '000000000003', '000000001000')}),
	'2', 'text ids looked up out of order');
$node->safe_psql('postgres', q{
SELECT pdp.withdraw_consent('000000000002', 'newsletter');
SELECT pdp.grant_consent('000000000003', 'newsletter');
SELECT pdp.grant_consent('000000000005', 'newsletter', now() + interval '1 day');
SELECT pdp.restrict_processing('000000000004', 'objection');
SELECT pdp.grant_consent('000000009999', 'newsletter');
});
is($c->query_safe($both), '1000/1000', 'one withdrawn, one restricted, two granted');
is($c->query_safe(q{SELECT string_agg(nid, ',' ORDER BY nid) FROM nid_random WHERE nid <= '000000000006'}),
	'000000000003,000000000005,000000000006', 'and exactly those');
$node->safe_psql('postgres', q{SELECT pdp.withdraw_consent('000000000003', 'newsletter'); SELECT pdp.grant_consent('000000000002', 'newsletter');});
is($c->query_safe(q{SELECT string_agg(nid, ',' ORDER BY nid) FROM nid_sorted WHERE nid <= '000000000006'}),
	'000000000002,000000000005,000000000006', 'withdrawn and granted back');
$c->quit;

# after a restart the policy and the consent store still apply
$node->restart;
is($node->safe_psql('postgres', qq{SET pdp.purpose = 'newsletter'; $count}, extra_params => [ '-U', 'app' ]),
	'487', 'after a restart');

# four sessions filtering and checking at once
PdpTest::pgbench($node, 4, 200, qq{SET pdp.purpose = 'newsletter';\n$count;\nSELECT pdp.has_consent(:client_id + 1);\n}, 'reader') == 0
	or fail('readers failed');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.consents WHERE in_force AND subject ~ '^[1-9][0-9]{0,3}$' AND subject::int <= 1000}),
	'487', 'consents view agrees');

done_testing();
