# Consent on hot standbys: a withdrawal, restriction, grant or lift committed
# on the primary holds in an open session on a streaming standby from its
# first statement after the commit is replayed there - inside a transaction
# that already holds its locks, and for has_consent() - including bulk
# changes, more changes than the shared ring holds, TRUNCATE, a standby
# that was cut off for a while, and after promotion.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $primary = PostgreSQL::Test::Cluster->new('primary');
$primary->init(allows_streaming => 1);
$primary->append_conf('postgresql.conf', q{
shared_preload_libraries = 'pdp'
pdp.audit_flush_interval = 100ms
pdp.mode = enforce
max_connections = 40
});
$primary->start;
$primary->safe_psql('postgres', q{
CREATE EXTENSION pdp;
CREATE ROLE app LOGIN;
CREATE TABLE people (id int PRIMARY KEY, phone text);
INSERT INTO people SELECT g, '09' || g FROM generate_series(1, 6000) g;
GRANT SELECT ON people TO app;
SELECT pdp.tag_column('people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('people', 'id');
SELECT pdp.protect_rows('people');
SELECT pdp.define_purpose('news', 'newsletter', 'consent');
SELECT pdp.allow('news', 'phone_number');
SELECT pdp.grant_purpose('app', 'news');
SELECT pdp.import_consents('news', ARRAY(SELECT g::text FROM generate_series(1, 10) g));
});

$primary->backup('b');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'b', has_streaming => 1);
$standby->start;
$primary->wait_for_catchup($standby, 'replay');

# one long-lived session on the standby, as behind a pooler
my $s = $standby->background_psql('postgres', extra_params => [ '-U', 'app' ]);
$s->query_safe(q{SET pdp.purpose = 'news'});
my $count = q{SELECT count(phone) FROM people};

sub on_primary
{
	my ($sql) = @_;
	$primary->safe_psql('postgres', $sql);
	$primary->wait_for_catchup($standby, 'replay');
	return;
}

is($s->query_safe($count), '10', 'the standby session sees the 10 consenting subjects');
is($s->query_safe(q{SELECT pdp.has_consent(1)}), 't', 'has_consent(1) on the standby');

# an open transaction that holds its locks already
$s->query_safe('BEGIN');
is($s->query_safe($count), '10', 'inside a transaction: 10');
on_primary(q{SELECT pdp.withdraw_consent(1, 'news')});
is($s->query_safe($count), '9', 'a withdrawal on the primary holds in the open transaction on the standby');
is($s->query_safe(q{SELECT count(*) FROM people WHERE id = 1}), '0', 'the row is gone');
is($s->query_safe(q{SELECT pdp.has_consent(1)}), 'f', 'has_consent agrees');

# has_consent first: a statement that touches no table takes in nothing by itself
on_primary(q{SELECT pdp.restrict_processing(2, 'objection')});
is($s->query_safe(q{SELECT pdp.has_consent(2)}), 'f', 'has_consent of a subject just restricted, in the open transaction');
is($s->query_safe($count), '8', 'a restriction holds in the same transaction');
on_primary(q{SELECT pdp.withdraw_consent(4, 'news')});
is($s->query_safe(q{SELECT pdp.has_consent(4)}), 'f', 'has_consent of a subject just withdrawn, in the open transaction');
on_primary(q{SELECT pdp.grant_consent(4, 'news')});
is($s->query_safe(q{SELECT pdp.has_consent(4)}), 't', 'and granted again');
on_primary(q{SELECT pdp.lift_restriction(2)});
is($s->query_safe($count), '9', 'lifting the restriction too');
on_primary(q{SELECT pdp.grant_consent(1, 'news')});
is($s->query_safe($count), '10', 'and a new grant');
$s->query_safe('COMMIT');

# a prepared statement, and a repeatable-read transaction (whose snapshot
# is older than the change: consent is checked as it is now, as on a primary)
$s->query_safe(q{PREPARE q AS SELECT count(phone) FROM people});
$s->query_safe('BEGIN ISOLATION LEVEL REPEATABLE READ');
is($s->query_safe('EXECUTE q'), '10', 'prepared, in a repeatable-read transaction');
on_primary(q{SELECT pdp.restrict_processing(7, 'objection')});
is($s->query_safe('EXECUTE q'), '9', 'a restriction reaches the prepared statement in the repeatable-read transaction');
$s->query_safe('COMMIT');
on_primary(q{SELECT pdp.lift_restriction(7)});
is($s->query_safe('EXECUTE q'), '10', 'and its lifting');

# has_consent as the first thing after a change, outside a transaction
on_primary(q{SELECT pdp.withdraw_consent(3, 'news')});
is($s->query_safe(q{SELECT pdp.has_consent(3)}), 'f', 'has_consent sees a withdrawal first');
is($s->query_safe($count), '9', 'and the row filter');

# bulk: thousands of subjects in one transaction, then more than the ring
on_primary(q{SELECT pdp.import_consents('news', ARRAY(SELECT g::text FROM generate_series(11, 3010) g))});
is($s->query_safe($count), '3009', 'a bulk import of 3000 consents');
on_primary(q{
BEGIN;
SELECT pdp.grant_consent(g, 'news') FROM generate_series(3011, 6000) g;
COMMIT;
});
is($s->query_safe($count), '5999', '2990 grants one by one in one transaction');
$s->query_safe('BEGIN');
is($s->query_safe($count), '5999', 'inside a transaction again');
on_primary(q{SELECT count(pdp.withdraw_consent(g, 'news')) FROM generate_series(1001, 5500) g});
is($s->query_safe($count), '1499', '4500 withdrawals in one transaction (more than the ring holds)');
on_primary(q{SELECT count(pdp.restrict_processing(g, 'bulk')) FROM generate_series(1, 500) g});
is($s->query_safe($count), '1000', '500 restrictions in one transaction');
on_primary(q{TRUNCATE pdp.restriction});
is($s->query_safe($count), '1499', 'TRUNCATE of the restrictions');
on_primary(q{DELETE FROM pdp.consent WHERE subject COLLATE "C" < '2'});
is($s->query_safe(q{SELECT count(*) FROM people WHERE id IN (1, 10, 100, 1000, 5999)}), '1',
	'a DELETE on pdp.consent behind the functions (only 5999 is left)');
$s->query_safe('COMMIT');

# changes made with session_replication_role = replica (a superuser's
# setting; logical replication's apply runs so too): pdp's triggers fire
# anyway, on the primary's open sessions and the standby's
my $p = $primary->background_psql('postgres', extra_params => [ '-U', 'app' ]);
$p->query_safe(q{SET pdp.purpose = 'news'});
is($p->query_safe(q{SELECT count(*) FROM people WHERE id = 5998}), '1', 'primary session: 5998 visible');
is($s->query_safe(q{SELECT count(*) FROM people WHERE id = 5998}), '1', 'standby session: 5998 visible');
on_primary(q{SET session_replication_role = replica; SELECT pdp.withdraw_consent(5998, 'news')});
is($p->query_safe(q{SELECT count(*) FROM people WHERE id = 5998}), '0',
	'a withdrawal under session_replication_role = replica holds in the open primary session');
is($s->query_safe(q{SELECT count(*) FROM people WHERE id = 5998}), '0', '... and on the standby');
on_primary(q{SET session_replication_role = replica; DELETE FROM pdp.consent WHERE subject = '5997'});
is($s->query_safe(q{SELECT count(*) FROM people WHERE id = 5997}), '0', 'so does a DELETE under replica role');
my ($rc, $o, $e) = $primary->psql('postgres', 'ALTER TABLE pdp.consent DISABLE TRIGGER consent_changed');
like($e, qr/the triggers of pdp's table pdp.consent cannot be enabled or disabled/,
	"pdp's triggers cannot be disabled, not even by a superuser");
($rc, $o, $e) = $primary->psql('postgres', q{ALTER TRIGGER consent_changed ON pdp.consent RENAME TO renamed;
ALTER TABLE pdp.consent DISABLE TRIGGER renamed});
like($e, qr/the triggers of pdp's table pdp.consent cannot be enabled or disabled/,
	'nor after a rename: they are known by their function');
$primary->safe_psql('postgres', 'ALTER TRIGGER renamed ON pdp.consent RENAME TO consent_changed');
is($primary->safe_psql('postgres', q{SELECT string_agg(DISTINCT tgenabled::text, ',') FROM pg_trigger
	WHERE tgrelid IN ('pdp.consent'::regclass, 'pdp.restriction'::regclass, 'pdp.purpose'::regclass) AND NOT tgisinternal
	  AND tgname NOT LIKE 'append%'}), 'A', 'they are ENABLE ALWAYS');
is($primary->safe_psql('postgres', q{SELECT string_agg(DISTINCT tgenabled::text, ',') FROM pg_trigger
	WHERE tgrelid = 'pdp.consent_log'::regclass AND NOT tgisinternal}), 'A',
	'so is the append-only guard of the consent history');
$p->quit;

# cut the standby off without restarting it
my $as_app = qq{SET pdp.purpose = 'news'; SET ROLE app; $count};
my $old = $primary->safe_psql('postgres', $as_app);
is($s->query_safe($count), $old, "the standby agrees with the primary ($old)");
my $conninfo = $standby->safe_psql('postgres', 'SHOW primary_conninfo');
$standby->append_conf('postgresql.conf', q{primary_conninfo = 'host=/nonexistent port=1'});
$standby->reload;
$primary->poll_query_until('postgres',
	q{SELECT count(*) = 0 FROM pg_stat_replication WHERE application_name = 'standby'})
  or die 'the standby did not disconnect';
$primary->safe_psql('postgres', q{
SELECT count(pdp.withdraw_consent(g, 'news')) FROM generate_series(5501, 5999) g;
SELECT pdp.restrict_processing(5, 'while away');
SELECT pdp.grant_consent(1, 'news');
});
my $new = $primary->safe_psql('postgres', $as_app);
isnt($new, $old, "the primary changed ($new)");
$s->query_safe('BEGIN');
is($s->query_safe($count), $old, 'while cut off, the standby has not seen it');
$standby->append_conf('postgresql.conf', qq{primary_conninfo = '$conninfo'});
$standby->reload;
$primary->wait_for_catchup($standby, 'replay');
is($s->query_safe($count), $new, 'after reconnecting, the open transaction sees what the primary sees');
is($s->query_safe(q{SELECT pdp.has_consent(5)}), 'f', 'the restriction made while cut off holds');
is($s->query_safe(q{SELECT pdp.has_consent(1)}), 't', 'the grant made while cut off holds');
$s->query_safe('COMMIT');

# promotion: the open session goes on, changes on the new primary reach it
$s->query_safe('BEGIN');
is($s->query_safe(q{SELECT pdp.has_consent(1)}), 't', 'before promotion');
is($s->query_safe(q{SELECT pdp.has_consent(6)}), 't', 'subject 6 before promotion');
# replayed, but not yet taken in by the session when the standby is promoted
on_primary(q{SELECT pdp.withdraw_consent(6, 'news')});
$standby->promote;
$standby->poll_query_until('postgres', 'SELECT NOT pg_is_in_recovery()')
  or die 'promotion failed';
is($s->query_safe(q{SELECT pdp.has_consent(6)}), 'f',
	'a withdrawal replayed just before promotion holds at the first statement after it');
$standby->safe_psql('postgres', q{SELECT pdp.withdraw_consent(1, 'news')});
is($s->query_safe(q{SELECT pdp.has_consent(1)}), 'f',
	'after promotion, a withdrawal on the new primary reaches the open transaction');
$standby->safe_psql('postgres', q{SELECT pdp.restrict_processing(999, 'after promotion')});
is($s->query_safe(q{SELECT count(*) FROM people WHERE id = 999}), '0', 'and a restriction');
$s->query_safe('COMMIT');
$s->quit;

$standby->stop;
$primary->stop;
done_testing();
