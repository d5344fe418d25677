# pg_upgrade of a cluster with pdp (15 -> 15, the binaries under test).
#
# Once with the audit trail in its own database and once in postgres (the
# default): the new cluster's writer must not hold a connection to a
# database pg_upgrade drops and recreates, and pg_dump --binary-upgrade's
# restore of pdp's members (labels of both providers, policies, triggers,
# pdp's own tables) must go through.  Afterwards the catalogs and pdp's
# tables are identical, the chain verifies and goes on, and enforcement is
# what it was.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use File::Copy;

my $bindir = `pg_config --bindir`;
chomp $bindir;

# What must survive, as text: every query is run in each database
my @snapshot = (
	q{SELECT c.oid::regclass, a.attname, l.provider, l.label
	  FROM pg_seclabel l JOIN pg_class c ON c.oid = l.objoid AND l.classoid = 'pg_class'::regclass
	  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = l.objsubid
	  ORDER BY c.oid::regclass::text, 2, 3},
	q{SELECT polrelid::regclass, polname, polpermissive, polcmd, polroles::regrole[],
	         pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid)
	  FROM pg_policy ORDER BY polrelid::regclass::text, 2},
	# privileges as they act: pg_dump leaves out an ACL equal to the default,
	# so an explicit owner-only ACL comes back as NULL (the same privileges)
	q{SELECT oid::regclass, relrowsecurity, relforcerowsecurity,
	         coalesce(relacl, acldefault(CASE relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", relowner))
	  FROM pg_class
	  WHERE relnamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('public', 'app', 'pdp'))
	  ORDER BY oid::regclass::text},
	q{SELECT extname, extversion, extconfig::regclass[], extcondition FROM pg_extension ORDER BY 1},
	q{SELECT evtname, evtevent, evtenabled, evtfoid::regproc FROM pg_event_trigger ORDER BY 1},
	q{SELECT tgrelid::regclass, tgname, tgenabled, tgfoid::regproc FROM pg_trigger
	  WHERE NOT tgisinternal ORDER BY tgrelid::regclass::text, 2},
	q{SELECT rolname, setdatabase, setconfig FROM pg_db_role_setting JOIN pg_roles ON oid = setrole ORDER BY 1, 2},
	q{SELECT * FROM pdp.category ORDER BY 1},
	q{SELECT * FROM pdp.purpose ORDER BY 1},
	q{SELECT * FROM pdp.purpose_category ORDER BY 1, 2},
	q{SELECT * FROM pdp.purpose_role ORDER BY 1, 2},
	q{SELECT * FROM pdp.purpose_limit ORDER BY purpose_limit::text},
	q{SELECT * FROM pdp.consent ORDER BY consent::text},
	q{SELECT * FROM pdp.consent_log ORDER BY 1},
	q{SELECT * FROM pdp.restriction ORDER BY restriction::text},
	q{SELECT last_value, is_called FROM pdp.consent_log_id_seq},
	q{SELECT * FROM pdp.audit_log ORDER BY id},
	q{SELECT * FROM pdp.audit_chain},
	q{SELECT * FROM pdp.audit_chain_head()},
);

sub snapshot
{
	my ($node, @dbs) = @_;
	my $out = '';
	for my $db (@dbs)
	{
		$out .= "== $db: $_\n" . $node->safe_psql($db, $_) . "\n" for @snapshot;
	}
	return $out;
}

# what role app sees and may do in database $db (text, compared before/after)
sub behaviour
{
	my ($node, $db) = @_;
	my $out = '';
	my $as_app = sub {
		my ($sql) = @_;
		my ($ret, $stdout, $stderr) = $node->psql($db, $sql,
			extra_params => [ '-U', 'app' ], on_error_stop => 1);
		$stderr =~ s/^psql:<stdin>:\d+: //mg;
		return "ret=$ret out=$stdout err=$stderr\n";
	};
	$out .= $as_app->('SELECT full_name FROM customers WHERE id = 7');
	$out .= $as_app->("SET pdp.purpose = 'support'; SELECT income FROM customers WHERE id = 7");
	$out .= $as_app->(q{SET pdp.purpose = ''; SELECT full_name FROM customers WHERE id = 7});
	$out .= $as_app->("SET pdp.purpose = 'news'; SELECT string_agg(id::text, ',' ORDER BY id) FROM app.people");
	$out .= $as_app->("SET pdp.purpose = 'support'; SELECT full_name FROM customers WHERE id <= 30");
	$out .= $as_app->(q{SELECT count(*), string_agg(item, ',' ORDER BY customer) FILTER (WHERE customer < 6) FROM orders});
	$out .= $as_app->(q{SELECT count(*) FROM customer_names WHERE lower(full_name) LIKE 'customer 1%'});
	return $out;
}

sub difference
{
	my ($before, $after) = @_;
	my $dir = ${PostgreSQL::Test::Utils::tmp_check};
	PostgreSQL::Test::Utils::append_to_file("$dir/before.txt", $before);
	PostgreSQL::Test::Utils::append_to_file("$dir/after.txt", $after);
	my $diff = `diff $dir/before.txt $dir/after.txt`;
	unlink "$dir/before.txt", "$dir/after.txt";
	return $diff;
}

# The new cluster started as pg_upgrade starts it (postgres -b): no writer,
# and an event (a superuser's read) goes to the server log, not to a queue
# nobody empties
sub binary_upgrade_mode
{
	my ($node, $appdb, $trail) = @_;
	$node->stop;
	my $last = -s $node->logfile;
	command_ok([ 'pg_ctl', '-w', '-D', $node->data_dir, '-l', $node->logfile, '-o', '-b', 'start' ],
		'started in binary-upgrade mode');
	$node->safe_psql($appdb, 'SELECT full_name FROM customers WHERE id = 9 /* in_b_mode */');
	is($node->safe_psql($appdb, 'SELECT pending, writer_pid IS NULL FROM pdp.audit_stats()'), '0|t',
		'binary-upgrade mode: no writer, nothing queued');
	command_ok([ 'pg_ctl', '-w', '-D', $node->data_dir, '-m', 'fast', 'stop' ], 'stopped');
	my $log = substr(slurp_file($node->logfile), $last);
	like($log, qr/pdp audit writer not started: the server runs in binary-upgrade mode/,
		'binary-upgrade mode: the log says the writer does not start');
	like($log, qr/\{"event_time".*"decision": "bypass".*in_b_mode/,
		"binary-upgrade mode: a superuser's read goes to the server log");
	$node->start;
	is($node->safe_psql($trail, q{SELECT count(*) FROM pdp.audit_log WHERE query LIKE '%in_b_mode%'}), '0',
		'... and not to the trail later');
	is($node->safe_psql($trail, 'SELECT pdp.verify_audit_log() IS NULL'), 't', '... which verifies');
	return;
}

sub run_case
{
	my ($label, $appdb, $trail, $copy_quota) = @_;

	my $old = PostgreSQL::Test::Cluster->new("old_$label");
	$old->init;
	# the same server name before and after, as a DBA keeps the settings
	my $conf = qq{
shared_preload_libraries = 'pdp'
pdp.audit_flush_interval = 100ms
pdp.log_allowed = statement
pdp.mode = enforce
max_connections = 40
pdp.server_name = 'db1'
};
	$conf .= "pdp.audit_database = '$trail'\n" if $trail ne 'postgres';
	$old->append_conf('postgresql.conf', $conf);
	$old->start;
	$old->safe_psql('postgres', "CREATE DATABASE $appdb") if $appdb ne 'postgres';
	$old->safe_psql('postgres', "CREATE DATABASE $trail")
	  if $trail ne 'postgres' && $trail ne $appdb;
	$old->safe_psql($trail, 'CREATE EXTENSION pdp') if $trail ne $appdb;
	$old->safe_psql($appdb, q{
CREATE EXTENSION pdp;
CREATE ROLE app LOGIN;
CREATE TABLE customers (id int PRIMARY KEY, full_name text, income numeric,
                        income_band int GENERATED ALWAYS AS (income::int / 10000) STORED);
INSERT INTO customers SELECT g, 'customer ' || g, g * 1000 FROM generate_series(1, 100) g;
GRANT SELECT ON customers TO app;
SELECT pdp.define_category('loyalty', false, 'loyalty points');
SELECT pdp.tag_column('customers', 'full_name', 'full_name');
SELECT pdp.tag_column('customers', 'income', 'banking_customer_info');
SELECT pdp.untag_column('customers', 'income_band');
SECURITY LABEL FOR pdp ON COLUMN customers.id IS 'loyalty';
SELECT pdp.define_purpose('billing', 'billing', 'contract');
SELECT pdp.define_purpose('support', 'customer support', 'legitimate_interest');
SELECT pdp.allow('billing', 'full_name');
SELECT pdp.allow('billing', 'banking_customer_info');
SELECT pdp.allow('support', 'full_name');
SELECT pdp.allow('billing', 'loyalty');
SELECT pdp.allow('support', 'loyalty');
SELECT pdp.grant_purpose('app', 'billing');
SELECT pdp.grant_purpose('app', 'support');
SELECT pdp.set_limit('support', 20, 1000, 'app');
ALTER ROLE app SET pdp.purpose = 'billing';
-- a schema sorting before "pdp": its labels are restored before pdp's tables
CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO app;
CREATE TABLE app.people (id int PRIMARY KEY, phone text);
INSERT INTO app.people SELECT g, '09' || g FROM generate_series(1, 10) g;
GRANT SELECT ON app.people TO app;
SELECT pdp.tag_column('app.people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('app.people', 'id');
SELECT pdp.protect_rows('app.people');
SELECT pdp.define_purpose('news', 'newsletter', 'consent');
SELECT pdp.allow('news', 'phone_number');
SELECT pdp.grant_purpose('app', 'news');
SELECT pdp.import_consents('news', ARRAY['1', '2', '3', '4', '5']);
SELECT pdp.withdraw_consent('2', 'news', 'phone call');
SELECT pdp.grant_consent('2', 'news', now() + interval '1 year', 'web form', 'form 42');
SELECT pdp.withdraw_consent('4', 'news');
SELECT pdp.restrict_processing('3', 'disputed accuracy');
-- the restore creates these after the labels: an index over a tagged
-- column, a materialized view (one column's lineage tag removed), a
-- protected partitioned table whose partitions are attached
CREATE INDEX customers_name_idx ON customers (lower(full_name));
CREATE MATERIALIZED VIEW customer_names AS SELECT id, full_name, income FROM customers;
SELECT pdp.untag_column('customer_names', 'income');
CREATE TABLE orders (customer int, item text, PRIMARY KEY (customer, item)) PARTITION BY RANGE (customer);
CREATE TABLE orders_1 PARTITION OF orders FOR VALUES FROM (0) TO (50);
CREATE TABLE orders_2 PARTITION OF orders FOR VALUES FROM (50) TO (1000);
INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 99) g;
GRANT SELECT ON orders TO app;
SELECT pdp.tag_column('orders', 'item', 'full_name');
SELECT pdp.set_subject_column('orders', 'customer');
SELECT pdp.protect_rows('orders');
});

	# some of app's daily quota under support used
	$old->safe_psql($appdb, q{SET pdp.purpose = 'support'; SELECT full_name FROM customers WHERE id <= 15},
		extra_params => [ '-U', 'app' ]);

	# an audit trail of some length, its oldest part purged
	for my $i (1 .. 3)
	{
		$old->safe_psql($appdb,
			qq{SELECT full_name FROM customers WHERE id = $_ /* r$i */}, extra_params => [ '-U', 'app' ])
		  for 1 .. 20;
	}
	$old->safe_psql($appdb, 'SELECT pdp.flush_audit()');
	my $cut = $old->safe_psql($trail,
		q{SELECT event_time FROM pdp.audit_log WHERE query LIKE '%r2 */' ORDER BY id LIMIT 1});
	$old->safe_psql($appdb,
		qq{SELECT full_name FROM customers WHERE id = $_ /* r4 */}, extra_params => [ '-U', 'app' ])
	  for 1 .. 20;
	$old->safe_psql($appdb, 'SELECT pdp.flush_audit()');
	ok($old->safe_psql($trail, "SELECT pdp.purge_audit('$cut')") > 0, "$label: purged the oldest events");
	is($old->safe_psql($trail, 'SELECT pdp.verify_audit_log() IS NULL'), 't',
		"$label: the old chain verifies");

	my @dbs = ($appdb);
	push @dbs, $trail if $trail ne $appdb;
	my $before = snapshot($old, @dbs);
	my $behaved = behaviour($old, $appdb);
	like($behaved, qr/ret=0 out=customer 7/, "$label: allowed read works before");
	like($behaved, qr/out=1,2,5 err=/, "$label: consent filtering before");
	like($behaved, qr/out=98\|item 1,item 2,item 4,item 5 err=/, "$label: restriction filtering on partitions before");
	$old->safe_psql($appdb, 'SELECT pdp.flush_audit()');
	my $old_last = $old->safe_psql($trail, 'SELECT max(id) FROM pdp.audit_log');
	$before = snapshot($old, @dbs);
	like($before, qr/^customer_names\|full_name\|pdp\|full_name$/m, "$label: the snapshot has the lineage tags");
	unlike($before, qr/^customer_names\|income\|/m, "$label: ... not the one removed");
	like($before, qr/^orders_2\|t\|t\|/m, "$label: ... and the protected partitions");
	my $usage_sql = q{SELECT role, purpose, records_24h, "limit" FROM pdp.quota_usage ORDER BY 1::text, 2};
	my $usage = $old->safe_psql($appdb, $usage_sql);
	like($usage, qr/^app\|support\|\d+\|1000$/m, "$label: a day's quota usage before");
	$old->stop;
	# the anchor the writer logs when it stops (README: check it afterwards)
	my @anchors = (slurp_file($old->logfile) =~ /pdp audit chain head: id (\d+), hash (\\x[0-9a-f]+)/g);
	my ($anchor_id, $anchor_hash) = @anchors[ -2, -1 ];
	is($anchor_id, $old_last, "$label: the old server logged the head of the chain when it stopped");

	my $new = PostgreSQL::Test::Cluster->new("new_$label");
	$new->init;
	$new->append_conf('postgresql.conf', $conf);

	chdir ${PostgreSQL::Test::Utils::tmp_check};
	my $upgraded = run_log(
		[
			'pg_upgrade', '--no-sync', '-d', $old->data_dir,
			'-D', $new->data_dir, '-b', $bindir,
			'-B', $bindir, '-s', $new->host,
			'-p', $old->port, '-P', $new->port,
			'--retain'
		]);
	ok($upgraded, "$label: pg_upgrade") or return;

	my ($server_log) = glob($new->data_dir . '/pg_upgrade_output.d/*/log/pg_upgrade_server.log');
	my $upgrade_log = slurp_file($server_log);
	like($upgrade_log, qr/pdp audit writer not started: the server runs in binary-upgrade mode/,
		"$label: no audit writer in the servers pg_upgrade started");
	unlike($upgrade_log, qr/pdp audit writer started/, "$label: ... none at all");
	my @replayed = ($upgrade_log =~ /pdp: binary upgrade restores label/g);
	is(scalar @replayed, 9, "$label: the nine labels were replayed, each logged");
	like($upgrade_log, qr/pdp: binary upgrade restores label "subject" on column "id" of app\.people/,
		"$label: ... with its column");
	unlike($upgrade_log, qr/\{"event_time"/, "$label: no pdp event happened during the upgrade");

	# usage counters are in pg_stat/pdp_quota.stat, which pg_upgrade does
	# not carry; the README says to copy it, as done here in one case
	if ($copy_quota)
	{
		copy($old->data_dir . '/pg_stat/pdp_quota.stat', $new->data_dir . '/pg_stat/pdp_quota.stat')
		  or die "could not copy pdp_quota.stat: $!";
	}
	$new->start;
	is($new->safe_psql($appdb, $usage_sql), $usage,
		$copy_quota ? "$label: with pdp_quota.stat copied, the day's usage goes on (counted once)"
		: "$label: without pdp_quota.stat, the day's usage goes on too: taken from pdp.quota_counts");

	# a client's -b is not binary-upgrade mode: labels are checked as ever
	{
		local $ENV{PGOPTIONS} = '-b';
		my ($ret, $o, $err) = $new->psql($appdb,
			q{SECURITY LABEL FOR pdp ON COLUMN customers.full_name IS 'no_such_category'});
		like($err, qr/personal data category "no_such_category" does not exist/,
			"$label: PGOPTIONS=-b does not turn label checks off");
	}

	my $after = snapshot($new, @dbs);
	ok($after eq $before, "$label: catalogs, pdp's tables and the trail are identical")
	  or diag(difference($before, $after));
	is($new->safe_psql($trail, 'SELECT pdp.verify_audit_log() IS NULL'), 't',
		"$label: the chain verifies after the upgrade");
	is($new->safe_psql($trail,
		qq{SELECT pdp.verify_audit_anchor($anchor_id, '$anchor_hash')}), 't',
		"$label: ... up to the anchor the old server logged");
	is(behaviour($new, $appdb), $behaved, "$label: enforcement is as before");
	$new->safe_psql($appdb, 'SELECT pdp.flush_audit()');
	my $first = $new->safe_psql($trail,
		qq{SELECT min(id) FROM pdp.audit_log WHERE id > $old_last});
	is($first, $old_last + 1, "$label: the chain goes on with the next id");
	is($new->safe_psql($trail,
		qq{SELECT count(*) FROM pdp.audit_log WHERE id > $old_last AND decision = 'blocked'}),
		3, "$label: the three refused reads after the upgrade are recorded");
	is($new->safe_psql($trail, 'SELECT pdp.verify_audit_log() IS NULL'), 't',
		"$label: ... and verify");
	is($new->safe_psql($appdb, 'SELECT pending, dropped FROM pdp.audit_stats()'), '0|0',
		"$label: nothing pending, nothing dropped");
	binary_upgrade_mode($new, $appdb, $trail) if !$copy_quota;
	$new->stop;
	return;
}

# A cluster still at pdp 1.0 upgrades too, and is updated afterwards
sub from_1_0
{
	my $old = PostgreSQL::Test::Cluster->new('old_1_0');
	$old->init;
	my $conf = qq{
shared_preload_libraries = 'pdp'
pdp.audit_flush_interval = 100ms
pdp.log_allowed = statement
pdp.mode = enforce
pdp.audit_database = 'legacy'
};
	$old->append_conf('postgresql.conf', $conf);
	$old->start;
	$old->safe_psql('postgres', 'CREATE DATABASE legacy');
	$old->safe_psql('legacy', q{
CREATE EXTENSION pdp VERSION '1.0';
CREATE ROLE app LOGIN;
CREATE TABLE people (id int PRIMARY KEY, phone text);
INSERT INTO people SELECT g, '09' || g FROM generate_series(1, 6) g;
GRANT SELECT ON people TO app;
SELECT pdp.tag_column('people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('people', 'id');
SELECT pdp.protect_rows('people');
SELECT pdp.define_purpose('news', 'newsletter', 'consent');
SELECT pdp.allow('news', 'phone_number');
SELECT pdp.grant_purpose('app', 'news');
SELECT pdp.grant_consent('1', 'news');
SELECT pdp.grant_consent('4', 'news');
});
	my $read = q{SET pdp.purpose = 'news'; SELECT string_agg(id::text, ',' ORDER BY id) FROM people};
	is($old->safe_psql('legacy', $read, extra_params => [ '-U', 'app' ]), '1,4', '1.0: consent filtering before');
	$old->safe_psql('legacy', 'SELECT pdp.flush_audit()');
	my $before = snapshot($old, 'legacy');
	my $last = $old->safe_psql('legacy', 'SELECT max(id) FROM pdp.audit_log');
	$old->stop;

	my $new = PostgreSQL::Test::Cluster->new('new_1_0');
	$new->init;
	$new->append_conf('postgresql.conf', $conf);
	ok(run_log([
			'pg_upgrade', '--no-sync', '-d', $old->data_dir,
			'-D', $new->data_dir, '-b', $bindir,
			'-B', $bindir, '-s', $new->host,
			'-p', $old->port, '-P', $new->port
		]), '1.0: pg_upgrade') or return;
	$new->start;
	is(snapshot($new, 'legacy'), $before, '1.0: identical after pg_upgrade');
	is($new->safe_psql('legacy', q{SELECT extversion FROM pg_extension WHERE extname = 'pdp'}), '1.0',
		'1.0: still at 1.0');
	$new->safe_psql('legacy', 'ALTER EXTENSION pdp UPDATE');
	isnt($new->safe_psql('legacy', q{SELECT extversion FROM pg_extension WHERE extname = 'pdp'}), '1.0',
		'1.0: updated');
	is($new->safe_psql('legacy', $read, extra_params => [ '-U', 'app' ]), '1,4', '1.0: consent filtering after');
	my ($ret) = $new->psql('legacy', 'SELECT phone FROM people', extra_params => [ '-U', 'app' ]);
	isnt($ret, 0, '1.0: a read without purpose is refused');
	$new->safe_psql('legacy', 'SELECT pdp.flush_audit()');
	is($new->safe_psql('legacy', "SELECT min(id) FROM pdp.audit_log WHERE id > $last"), $last + 1,
		'1.0: the chain goes on');
	is($new->safe_psql('legacy', 'SELECT pdp.verify_audit_log() IS NULL'), 't', '1.0: and verifies');
	$new->stop;
	return;
}

run_case('own_trail_db', 'shop', 'trail', 1);
run_case('trail_in_postgres', 'postgres', 'postgres', 0);
from_1_0();

done_testing();
