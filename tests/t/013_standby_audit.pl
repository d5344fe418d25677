# One audit trail for the whole cluster, the standby's side: reads on a hot
# standby go into its own queue, and its audit worker ships them to the
# primary, which stores them with the standby's name.  A standby that
# cannot reach the primary keeps them (same queue and overflow rules), a
# clean restart keeps them (a file, checked when loaded), and after
# promotion the node writes them itself, continuing the chain.
# Daily quota counts travel the same connection: a role's reads on the
# standby count against its limit on the primary, and the other way round.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $primary = PostgreSQL::Test::Cluster->new('primary');
$primary->init(allows_streaming => 1);
my $common = q{
shared_preload_libraries = 'pdp'
pdp.audit_flush_interval = 100ms
pdp.log_allowed = statement
max_connections = 40
};
$primary->append_conf('postgresql.conf', $common . "pdp.server_name = 'primary1'\n");
$primary->start;
$primary->safe_psql('postgres', q{
CREATE EXTENSION pdp;
CREATE TABLE customers (id int PRIMARY KEY, full_name text);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g;
SELECT pdp.tag_column('customers', 'full_name', 'full_name');
SELECT pdp.define_purpose('billing', 'billing', 'contract');
SELECT pdp.allow('billing', 'full_name');
CREATE ROLE app LOGIN;
GRANT SELECT ON customers TO app;
SELECT pdp.grant_purpose('app', 'billing');
ALTER ROLE app SET pdp.purpose = 'billing';
});

$primary->safe_psql('postgres', q{ALTER ROLE pdp_audit_sender LOGIN;
SELECT pdp.register_standby('standby1', 'pdp_audit_sender')});

# events of the standby with a marker, as the primary has them (once each)
sub on_primary
{
	my ($marker, $node) = @_;
	$node //= $primary;
	$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
	# the marker is split so that this query does not carry it
	my ($a, $b) = (substr($marker, 0, 2), substr($marker, 2));
	return $node->safe_psql('postgres',
		"SELECT count(*) FROM pdp.audit_log WHERE server = 'standby1' AND query LIKE '%' || '$a' || '$b' || '%'");
}

# n reads by app on a node, each with the marker
sub reads
{
	my ($node, $marker, $n) = @_;
	my $sql = join('', map { "SELECT full_name FROM customers WHERE id = $_ /* $marker */;\n" } 1 .. $n);
	$node->safe_psql('postgres', $sql, extra_params => [ '-U', 'app' ]);
	return;
}

sub stats
{
	my ($node, $cols) = @_;
	return $node->safe_psql('postgres', "SELECT $cols FROM pdp.audit_stats()");
}

$primary->backup('b1');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'b1', has_streaming => 1);
$standby->append_conf('postgresql.conf', "pdp.server_name = 'standby1'\n");
$standby->start;
$primary->wait_for_catchup($standby);
my $qfile = $standby->data_dir . '/pg_stat/pdp_audit_queue.stat';

# --- reads on the standby reach the primary's trail, with its name
reads($standby, 'm_basic', 5);
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_basic'), 5, 'reads on the standby are on the primary after flush_audit() there');

# summaries of allowed reads: counted on the standby, shipped by its sender
$primary->safe_psql('postgres', 'ALTER ROLE app SET pdp.log_allowed = summary');
$primary->wait_for_catchup($standby);
reads($standby, 'm_summ', 7);
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
$primary->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is($primary->safe_psql('postgres',
	q{SELECT sum(statements) || '/' || count(*) FROM pdp.audit_log WHERE server = 'standby1' AND statements IS NOT NULL AND query LIKE '%m' || '_summ%'}),
	'7/1', "a standby's allowed reads arrive as one summary row counting them");
$primary->safe_psql('postgres', 'ALTER ROLE app RESET pdp.log_allowed');
$primary->wait_for_catchup($standby);
is(stats($standby, 'standby, queued >= 5, written >= 5, pending, dropped, writer_state'),
	't|t|t|0|0|sending to the primary', 'audit_stats() on the standby: queued, sent, nothing pending');
is($primary->safe_psql('postgres', q{SELECT count(*) > 0 FROM pg_stat_activity WHERE usename = 'pdp_audit_sender' AND application_name = 'pdp audit sender (standby1)'}),
	't', 'the sender connects as pdp_audit_sender, named after the standby');
is($primary->safe_psql('postgres', 'SELECT pdp.verify_audit_log() IS NULL'), 't',
	'the primary\'s chain verifies');
my ($r, $o, $e) = $primary->psql('postgres', 'SELECT count(*) FROM pdp.audit_log',
	extra_params => [ '-U', 'pdp_audit_sender' ]);
isnt($r, 0, 'pdp_audit_sender cannot read the trail');
($r, $o, $e) = $primary->psql('postgres', 'SELECT count(*) FROM customers',
	extra_params => [ '-U', 'pdp_audit_sender' ]);
isnt($r, 0, 'pdp_audit_sender cannot read user tables');

# --- daily quotas for the cluster, through the sender: reads on the standby
# count on the primary, reads on the primary on the standby
$primary->safe_psql('postgres', q{SELECT pdp.set_limit('billing', NULL, 30, 'app')});
$primary->wait_for_catchup($standby);
$standby->safe_psql('postgres', 'SELECT full_name FROM customers WHERE id <= 20', extra_params => [ '-U', 'app' ]);
ok($primary->poll_query_until('postgres',
	q{SELECT records_24h = 20 AND records_24h_here = 0 FROM pdp.quota_usage WHERE role = 'app'::regrole AND purpose = 'billing'}),
	"20 rows read on the standby count in the primary's quota_usage (cluster total)");
$primary->safe_psql('postgres', 'SELECT full_name FROM customers WHERE id <= 5', extra_params => [ '-U', 'app' ]);
ok($standby->poll_query_until('postgres',
	q{SELECT records_24h = 25 AND records_24h_here = 20 FROM pdp.quota_usage WHERE role = 'app'::regrole AND purpose = 'billing'}),
	"the primary's 5 reach the standby's view of the total");
# with 25 of 30 read in the cluster, 10 more are refused on either server
$primary->safe_psql('postgres', q{ALTER ROLE app SET pdp.mode = enforce});
$primary->wait_for_catchup($standby);
for my $node ($standby, $primary)
{
	my ($qr, $qo, $qe) = $node->psql('postgres', 'SELECT full_name FROM customers WHERE id <= 10',
		extra_params => [ '-U', 'app' ]);
	like($qe, qr/exceeds its daily limit of 30 rows/,
		'the ' . $node->name . ' refuses what would take the role past its daily limit in the cluster');
}
$primary->safe_psql('postgres', q{ALTER ROLE app RESET pdp.mode});
$primary->safe_psql('postgres', q{SELECT pdp.set_limit('billing', NULL, NULL, 'app')});
$primary->wait_for_catchup($standby);

# --- a primary that claims to hold more than was sent (its pdp.audit_servers
# edited, or a clone of this standby under the same name): the events are
# sent again under a new epoch rather than skipped
$primary->safe_psql('postgres',
	q{UPDATE pdp.audit_servers SET last_seq = last_seq + 1000000 WHERE server = 'standby1'});
reads($standby, 'm_inflated', 3);
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_inflated'), 3, 'events the primary claims to have are sent again, not lost');
ok($standby->log_contains(qr/sent again under a new epoch/), '... and the standby says so');

# --- the primary refuses (no EXECUTE): the sender says why, keeps the events
$primary->safe_psql('postgres',
	'REVOKE EXECUTE ON FUNCTION pdp._audit_receive(text, bigint, bigint, bytea) FROM pdp_audit_sender');
reads($standby, 'm_refused', 3);
$standby->poll_query_until('postgres',
	q{SELECT writer_state = 'refused by the primary' AND writer_detail LIKE '%permission denied%' FROM pdp.audit_stats()})
  or die 'the sender does not say that the primary refuses';
$primary->safe_psql('postgres',
	'GRANT EXECUTE ON FUNCTION pdp._audit_receive(text, bigint, bigint, bytea) TO pdp_audit_sender');
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_refused'), 3, 'once allowed again, the events arrive, once each');

# --- an explicit conninfo: its password never shows
$standby->append_conf('postgresql.conf',
	"pdp.audit_primary_conninfo = 'host=" . $primary->host . " port=" . $primary->port
	  . " password=s3cr3t_pw user=pdp_audit_sender'\n");
$standby->reload;
reads($standby, 'm_conninfo', 2);
$standby->poll_query_until('postgres', q{SELECT pending = 0 FROM pdp.audit_stats()}) or die;
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_conninfo'), 2, 'pdp.audit_primary_conninfo is used after a reload');
my ($r2, $o2, $e2) = $standby->psql('postgres', 'SHOW pdp.audit_primary_conninfo',
	extra_params => [ '-U', 'app' ]);
like($e2, qr/permission denied|must be superuser|privileges of pg_read_all_settings/,
	'other roles cannot read pdp.audit_primary_conninfo');
$primary->stop;
$standby->poll_query_until('postgres',
	q{SELECT writer_state = 'cannot reach the primary' FROM pdp.audit_stats()}) or die;
$primary->start;
# (PostgreSQL itself logs a reloaded setting's new value, as for
# primary_conninfo: the README says to use a password file)
my @leaks = grep { /s3cr3t_pw/ && !/parameter "pdp.audit_primary_conninfo" changed to/ }
  split /\n/, slurp_file($standby->logfile);
is(scalar(@leaks), 0, 'pdp never logs the password') or diag(join("\n", @leaks));
ok($standby->log_contains(qr/user=pdp_audit_sender password=\*{8}|password=\*{8}/),
	'its messages show it masked');

# --- the primary is unreachable: events wait, then arrive once each
$primary->stop;
reads($standby, 'm_down', 10);
$standby->poll_query_until('postgres',
	q{SELECT writer_state = 'cannot reach the primary' AND writer_detail IS NOT NULL FROM pdp.audit_stats()})
  or die 'the sender does not say that it cannot reach the primary';
ok(stats($standby, 'pending') >= 10, 'the events wait in the standby\'s queue');
my ($ret, $out, $err) = $standby->psql('postgres', 'SELECT pdp.flush_audit()');
isnt($ret, 0, 'flush_audit() on the standby fails while the primary is unreachable');
like($err, qr/cannot reach the primary/, '... and says why');
($ret, $out, $err) = $standby->psql('postgres',
	q{SET statement_timeout = '300ms'; SELECT pdp.flush_audit()});
like($err, qr/statement timeout/, 'statement_timeout ends the wait');
$primary->start;
$standby->poll_query_until('postgres', 'SELECT pending = 0 FROM pdp.audit_stats()')
  or die 'the queue is not emptied once the primary is back';
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_down'), 10, 'once the primary is back every event arrives, once');

# --- a clean standby restart while the primary is down keeps the events
$primary->stop;
reads($standby, 'm_restart', 7);
$standby->restart;
ok($standby->log_contains(qr/saved 7 audit events not yet sent/), 'the events are saved at shutdown');
ok($standby->log_contains(qr/loaded 7 saved audit events/), '... and loaded at start');
ok(!-e $qfile, 'the file is removed once loaded');
is(stats($standby, 'pending, dropped'), '7|0', 'they wait in the queue again');
$primary->start;
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_restart'), 7, 'and reach the primary after the restart, once each');

# --- the file is input: truncated, edited, garbage
sub damaged_restart
{
	my ($marker, $damage, $why, $name) = @_;
	$primary->stop;
	reads($standby, $marker, 3);
	$standby->stop;
	ok(-e $qfile, "$name: the file is there");
	$damage->();
	my $log_offset = -s $standby->logfile;
	$standby->start;
	ok($standby->log_contains(qr/cannot be used in full: $why/, $log_offset),
		"$name: the server starts and says so");
	$primary->start;
	$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
	return;
}
damaged_restart('m_trunc', sub {
	truncate($qfile, (-s $qfile) - 100) or die;
}, 'it is truncated', 'truncated file');
is(stats($standby, 'dropped'), 3, 'the events it held are counted as dropped');
is(on_primary('m_trunc'), 0, 'and none of them is sent');

damaged_restart('m_edit', sub {
	open my $fh, '+<', $qfile or die;
	binmode $fh;
	seek($fh, 200, 0);
	print $fh 'XXXX';
	close $fh;
}, 'its checksum does not match', 'edited file');
is(stats($standby, 'dropped'), 3, 'its events are counted as dropped');

damaged_restart('m_junk', sub {
	open my $fh, '>', $qfile or die;
	print $fh 'not a queue at all';
	close $fh;
}, 'it is shorter than its header', 'garbage file');

# a file whose checksum matches but one record's lengths do not
damaged_restart('m_forged', sub {
	open my $fh, '<', $qfile or die;
	binmode $fh;
	local $/;
	my $data = <$fh>;
	close $fh;
	# header: magic, version, epoch, tail_seq, nrecords, nbytes (40 bytes);
	# the first record's first string length (after hdr 8, time 8, rows 8,
	# records 8, query id 8, statements 8, first time 8, pid 4) made absurd
	substr($data, 40 + 60, 4) = pack('l', 1_000_000);
	my $body = substr($data, 0, length($data) - 4);
	open my $w, '>', $qfile or die;
	binmode $w;
	print $w $body;
	print $w pack('L', crc32c($body));
	close $w;
}, 'a record in it is damaged', 'forged record');

# a well-formed file whose second record the primary cannot store (its
# detail is not JSON): that one is dropped, counted and logged, the others
# arrive - one event does not stop the trail
$primary->stop;
reads($standby, 'm_poison', 3);
$standby->stop;
{
	open my $fh, '<', $qfile or die;
	binmode $fh;
	local $/;
	my $data = <$fh>;
	close $fh;
	my $off = 40 + unpack('L', substr($data, 40, 4));	# second record
	my @lens = unpack('l15', substr($data, $off + 60, 60));
	# its strings, back to back after the fixed part (120 bytes)
	my ($p, @strs) = ($off + 120);
	for my $l (@lens)
	{
		push @strs, $l >= 0 ? substr($data, $p, $l) : undef;
		$p += $l if $l > 0;
	}
	# a client address that is no inet, four bytes taken from the query text
	die 'no query text' unless $lens[13] > 10 && !defined $strs[7];
	$strs[7] = 'XXXX';
	$strs[13] = substr($strs[13], 4);
	my $new = join('', map { $_ // '' } @strs);
	substr($data, $off + 120, length($new)) = $new;
	substr($data, $off + 60, 60) = pack('l15', map { defined $_ ? length($_) : -1 } @strs);
	my $body = substr($data, 0, length($data) - 4);
	open my $w, '>', $qfile or die;
	binmode $w;
	print $w $body;
	print $w pack('L', crc32c($body));
	close $w;
}
$standby->start;
$primary->start;
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_poison'), 2, 'the events around one the primary refuses arrive');
is(stats($standby, 'dropped'), 1, 'the refused one is counted as dropped');
ok($standby->log_contains(qr/dropped: the primary cannot store this event/),
	'... and written to the standby\'s server log');

# CRC-32C (Castagnoli), as PostgreSQL computes it
sub crc32c
{
	my ($s) = @_;
	my $crc = 0xFFFFFFFF;
	for my $c (unpack('C*', $s))
	{
		$crc ^= $c;
		for (1 .. 8)
		{
			$crc = ($crc & 1) ? (($crc >> 1) ^ 0x82F63B78) : ($crc >> 1);
		}
	}
	return $crc ^ 0xFFFFFFFF;
}

# --- overflow rules on the standby: drop, counted
$standby->append_conf('postgresql.conf', "pdp.audit_queue_size = 64kB\npdp.audit_overflow = drop\n");
$standby->restart;
my $dropped0 = stats($standby, 'dropped');
$primary->stop;
reads($standby, 'm_drop', 400);
my $dropped = stats($standby, 'dropped') - $dropped0;
ok($dropped > 0, "a full queue on the standby drops events under drop ($dropped), counted");
$primary->start;
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is(on_primary('m_drop') + $dropped, 400, 'every event is either on the primary or counted as dropped');

# --- promotion: the node writes its own events and goes on with the chain.
# The old primary's pdp.audit_servers, replicated here, is input: a count
# raised there must not make the promoted node skip events it never sent.
$primary->safe_psql('postgres',
	q{UPDATE pdp.audit_servers SET last_seq = last_seq + 1000000 WHERE server = 'standby1'});
$primary->wait_for_catchup($standby);
$primary->stop;
reads($standby, 'm_before', 4);
$standby->promote;
$standby->poll_query_until('postgres', 'SELECT NOT pg_is_in_recovery()') or die;
reads($standby, 'm_after', 6);
$standby->safe_psql('postgres', 'SELECT pdp.flush_audit()');
my $local = sub {
	my ($m) = @_;
	my ($a, $b) = (substr($m, 0, 2), substr($m, 2));
	return $standby->safe_psql('postgres',
		"SELECT count(*) FROM pdp.audit_log WHERE query LIKE '%' || '$a' || '$b' || '%'");
};
is($local->('m_before'), 4, 'events queued before promotion are written by the promoted node');
ok($standby->log_contains(qr/claims events up to \d+ of this server's epoch, but only \d+ were sent/),
	'... and a raised count on the old primary is not believed');
is($local->('m_after'), 6, 'events after promotion are written locally');
is($standby->safe_psql('postgres', 'SELECT pdp.verify_audit_log() IS NULL'), 't',
	'the chain verifies on the new primary');
is(stats($standby, 'standby, writer_state, pending'), 'f|running|0', 'the worker is the writer now');

$standby->stop;
done_testing();
