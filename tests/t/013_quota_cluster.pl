# Daily quotas for a primary and a streaming hot standby (issue 13, section
# 3): a role's reads count towards one quota wherever it reads.  The test
# does the transport the standby's sender does (pdp._quota_export() on the
# standby, pdp._quota_receive() on the primary as a member of
# pdp_audit_sender, pdp._quota_refresh() on the standby) and measures how
# long each leg takes; it asserts only results reached by polling.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $primary = PostgreSQL::Test::Cluster->new('primary');
$primary->init(allows_streaming => 1);
$primary->append_conf('postgresql.conf', q{
shared_preload_libraries = 'pdp'
pdp.audit_flush_interval = 100ms
pdp.server_name = 'primary'
pdp.mode = enforce
});
$primary->start;
$primary->safe_psql('postgres', q{
CREATE EXTENSION pdp;
CREATE TABLE customers (id int PRIMARY KEY, full_name text);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g;
SELECT pdp.tag_column('customers', 'full_name', 'full_name');
SELECT pdp.define_purpose('billing', 'billing', 'contract');
SELECT pdp.allow('billing', 'full_name');
CREATE ROLE app LOGIN;
CREATE ROLE app2 LOGIN;
GRANT SELECT ON customers TO app, app2;
SELECT pdp.grant_purpose('app', 'billing');
SELECT pdp.grant_purpose('app2', 'billing');
ALTER ROLE app SET pdp.purpose = 'billing';
ALTER ROLE app2 SET pdp.purpose = 'billing';
SELECT pdp.set_limit('billing', NULL, 100);
CREATE ROLE sender LOGIN IN ROLE pdp_audit_sender;
SELECT pdp.register_standby('standby', 'sender');
-- load, then read the usage, in that order (for polling on the standby)
CREATE FUNCTION refreshed_usage(r text, OUT total bigint, OUT here bigint)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pdp._quota_refresh();
    SELECT records_24h, records_24h_here INTO total, here
    FROM pdp.quota_usage WHERE role::text = r AND purpose = 'billing';
END $$;
});
$primary->backup('b');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'b', has_streaming => 1);
$standby->append_conf('postgresql.conf', q{pdp.server_name = 'standby'});
$standby->start;
$primary->wait_for_catchup($standby);

sub usage
{
	my ($node, $role) = @_;
	return $node->safe_psql('postgres',
		"SELECT records_24h || '/' || records_24h_here FROM pdp.quota_usage "
		  . "WHERE role::text = '$role' AND purpose = 'billing'");
}

sub read_rows
{
	my ($node, $role, $n) = @_;
	my ($ret, $out, $err) = $node->psql('postgres',
		"SELECT full_name FROM customers ORDER BY id LIMIT $n",
		extra_params => [ '-U', $role ]);
	return ($ret, $err);
}

# the transport the standby's sender does, and the time it took
sub deliver
{
	my $payload = $standby->safe_psql('postgres', 'SELECT pdp._quota_export()');
	my $t0 = time;
	$primary->safe_psql('postgres',
		"SELECT pdp._quota_receive('standby', '$payload'::bytea)",
		extra_params => [ '-U', 'sender' ]);
	return $t0;
}

# --- 1: app reads 80 on the standby, is stopped on the primary at 100 ---
my ($ret, $err) = read_rows($standby, 'app', 80);
is($ret, 0, 'app reads 80 rows on the standby');
is(usage($standby, 'app'), '80/80', 'the standby counts them as its own');

my $t0 = deliver();
ok($primary->poll_query_until('postgres',
	"SELECT records_24h = 80 FROM pdp.quota_usage WHERE role::text = 'app'"),
	"the primary's writer loads the standby's counts");
my $primary_load = time - $t0;
is(usage($primary, 'app'), '80/0', 'primary: cluster total 80, none read here');

($ret, $err) = read_rows($primary, 'app', 20);
is($ret, 0, 'app reads the remaining 20 on the primary');
($ret, $err) = read_rows($primary, 'app', 1);
isnt($ret, 0, 'the 101st row of the day is refused on the primary');
like($err, qr/exceeds its daily limit of 100 rows/, 'with the daily limit error');

# the standby learns of the primary's 20 reads too
$t0 = time;
ok($standby->poll_query_until('postgres',
	"SELECT (SELECT sum(x) FROM pdp.quota_counts c, unnest(c.counts) x "
	  . "WHERE server = 'primary' AND role = 'app'::regrole) = 20"),
	"the primary's published counts reach the standby");
my $primary_to_standby = time - $t0;
ok($standby->poll_query_until('postgres',
	"SELECT total = 100 FROM refreshed_usage('app')"), 'standby: cluster total 100');
($ret, $err) = read_rows($standby, 'app', 1);
isnt($ret, 0, 'and app is refused on the standby as well');

# --- 2: app2 reads 80 on the primary, is stopped on the standby at 100 ---
$t0 = time;
($ret, $err) = read_rows($primary, 'app2', 80);
is($ret, 0, 'app2 reads 80 rows on the primary');
ok($standby->poll_query_until('postgres',
	"SELECT total = 80 FROM refreshed_usage('app2')"),
	"the standby loads the primary's counts");
my $read_to_standby = time - $t0;
is($standby->safe_psql('postgres', "SELECT total || '/' || here FROM refreshed_usage('app2')"),
	'80/0', 'standby: cluster total 80, none read here');
($ret, $err) = read_rows($standby, 'app2', 20);
is($ret, 0, 'app2 reads the remaining 20 on the standby');
($ret, $err) = read_rows($standby, 'app2', 1);
isnt($ret, 0, 'the 101st row is refused on the standby');
like($err, qr/exceeds its daily limit of 100 rows/, 'with the daily limit error');
deliver();
ok($primary->poll_query_until('postgres',
	"SELECT records_24h = 100 FROM pdp.quota_usage WHERE role::text = 'app2'"),
	"the primary sees the standby's 20");
($ret, $err) = read_rows($primary, 'app2', 1);
isnt($ret, 0, 'and refuses app2 too');

# --- a delivery repeated or late changes nothing; a bad one stores nothing ---
my $old = $standby->safe_psql('postgres', 'SELECT pdp._quota_export()');
deliver();
($ret, undef, $err) = $primary->psql('postgres',
	"SELECT pdp._quota_receive('standby', '$old'::bytea)", extra_params => [ '-U', 'sender' ]);
is($ret, 0, 'an older delivery is accepted');
is(usage($primary, 'app2'), '100/80', 'and ignored');
($ret, undef, $err) = $primary->psql('postgres',
	"SELECT pdp._quota_receive('primary', '$old'::bytea)", extra_params => [ '-U', 'sender' ]);
like($err, qr/is this server's own/, "the primary's own name is refused");
($ret, undef, $err) = $standby->psql('postgres',
	"SELECT pdp._quota_receive('other', '$old'::bytea)");
like($err, qr/only on the primary/, 'a standby stores no deliveries');

# --- the counts live in pdp.audit_database only ---
$primary->safe_psql('postgres', 'CREATE DATABASE other');
$primary->safe_psql('other', 'CREATE EXTENSION pdp');
($ret, undef, $err) = $primary->psql('other', 'SELECT pdp._quota_refresh()');
like($err, qr/only in database "postgres"/, 'no loading from another database');
($ret, undef, $err) = $primary->psql('other',
	"SELECT pdp._quota_receive('standby', '$old'::bytea)", extra_params => [ '-U', 'sender' ]);
like($err, qr/only in database "postgres"/, 'no deliveries into another database');
is($primary->safe_psql('other', 'SELECT count(*) FROM pdp.quota_counts'), '0',
	"another database's copy of the table stays empty");

# --- a server that starts without its saved counts (after a crash, which
# reads no file back, or pg_upgrade) seeds its own from its published row ---
$primary->stop('fast');
my $file = $primary->data_dir . '/pg_stat/pdp_quota.stat';
ok(-e $file, 'a clean stop saved the counts');
unlink $file or die "unlink $file: $!";
my $log_offset = -s $primary->logfile;
$primary->start;
ok($primary->poll_query_until('postgres',
	"SELECT records_24h_here = 80 FROM pdp.quota_usage WHERE role::text = 'app2'"),
	'started without them, the primary seeds its own counts from pdp.quota_counts');
ok($primary->log_contains('seeded from pdp.quota_counts', $log_offset), 'and says so in its log');
($ret, $err) = read_rows($primary, 'app2', 1);
isnt($ret, 0, 'app2 stays refused');

note(sprintf('measured: standby delivery -> primary enforces: %.0f ms; '
	  . 'primary read -> its counts replicated to the standby: %.0f ms; '
	  . 'primary read -> standby enforces (poll with refresh): %.0f ms '
	  . '(pdp.audit_flush_interval = 100ms)',
	1000 * $primary_load, 1000 * $primary_to_standby, 1000 * $read_to_standby));
diag(sprintf('lag: delivery->primary %.0f ms, primary->standby table %.0f ms, primary read->standby %.0f ms',
	1000 * $primary_load, 1000 * $primary_to_standby, 1000 * $read_to_standby));

$standby->stop('immediate');
$primary->stop('immediate');
done_testing();
