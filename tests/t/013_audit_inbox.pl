# The primary side of the cluster-wide audit trail: events another server
# (a hot standby's sender) hands to pdp._audit_receive() are stored once,
# chained into pdp.audit_log with their server, and found by
# verify_audit_log() if changed; what the function is given is input
# (damaged records, values this database cannot hold, the primary's own
# name) and is refused whole; what a superuser plants in the inbox is
# dropped, counted and logged, never stops the trail; only members of
# pdp_audit_sender may call it.  Records are built here as a standby lays
# them out in its queue (src/audit.h, PdpRecord).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('inbox', "pdp.server_name = 'primary1'");
$node->safe_psql('postgres', q{
CREATE ROLE sender LOGIN IN ROLE pdp_audit_sender;
CREATE ROLE sender2 LOGIN IN ROLE pdp_audit_sender;
SELECT pdp.register_standby('standby1', 'sender');
SELECT pdp.register_standby('standby9', 'sender2');
CREATE ROLE nobody LOGIN;
});

my @order = qw(kind decision reason database session_role role
  application_name client_addr purpose command relation columns categories
  query detail);

# one queue record: header (state = length, flags), fixed part, strings
sub record
{
	my (%f) = @_;
	my ($strs, @lens) = ('');
	for my $k (@order)
	{
		if (defined $f{$k}) { push @lens, length($f{$k}); $strs .= $f{$k}; }
		else { push @lens, -1; }
	}
	my $len = 120 + length($strs);
	$len = ($len + 7) & ~7;
	$len = $f{len} if defined $f{len};
	my $usec = $f{usec} // int((time() - 946684800) * 1000000);
	my $rec = pack('L L q q q q q q l l15', $len, 0x01 | 0x40, $usec,
		$f{rows} // 3, 0, 0, 0, 0, 4242, @lens) . $strs;
	$rec .= "\0" x ($len - length($rec)) if $len > length($rec);
	return $rec;
}

sub event
{
	my ($marker, %more) = @_;
	return record(kind => 'access', decision => 'allowed', database => 'shop',
		session_role => 'app', role => 'app', purpose => 'billing',
		command => 'SELECT', relation => 'public.customers',
		columns => "full_name\0income", categories => "full_name\0banking_customer_info",
		client_addr => '10.0.0.7', application_name => 'standby app',
		query => "SELECT full_name FROM customers /* $marker */",
		detail => '{"plan": "seq"}', %more);
}

sub hex_of { return '\x' . unpack('H*', join('', @_)); }

# pdp._audit_receive as role $role; returns (exit code, stdout, stderr)
sub receive
{
	my ($role, $server, $epoch, $first, @records) = @_;
	my $arg = @records ? "'" . hex_of(@records) . "'" : 'NULL';
	my ($out, $err) = ('', '');
	my $rc = $node->psql('postgres',
		"SELECT pdp._audit_receive('$server', $epoch, $first, ${arg}::bytea)",
		stdout => \$out, stderr => \$err, extra_params => [ '-U', $role ]);
	return ($rc, $out, $err);
}

sub flushed_count
{
	my ($where) = @_;
	$node->safe_psql('postgres', 'SELECT pdp.flush_audit()', extra_params => [ '-U', 'sender' ]);
	return $node->safe_psql('postgres', "SELECT count(*) FROM pdp.audit_log WHERE $where");
}

my $verify = sub {
	$node->safe_psql('postgres', q{SELECT coalesce(pdp.verify_audit_log()::text, 'intact')});
};

# --- delivery
my ($rc, $out, $err) = receive('sender', 'standby1', 77, 1, map { event("m$_") } 1 .. 3);
is($rc, 0, 'a member of pdp_audit_sender delivers three events') or diag $err;
is($out, 3, 'it is told the last number stored');
is(flushed_count(q{server = 'standby1' AND query LIKE '%/* m_ */'}), 3,
	'after flush_audit() (as the sender) they are in pdp.audit_log with their server');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.audit_inbox}), 0, 'and no longer in the inbox');
is($node->safe_psql('postgres', q{
SELECT string_agg(concat_ws('|', kind, decision, database, role, purpose, relation,
                            columns::text, categories::text, client_addr, application_name, rows,
                            backend_pid, detail::text), ';')
FROM pdp.audit_log WHERE query LIKE '%/* m1 */'}),
	'access|allowed|shop|app|billing|public.customers|{full_name,income}|{full_name,banking_customer_info}|10.0.0.7|standby app|3|4242|{"plan": "seq"}',
	'every field arrives');
is($verify->(), 'intact', 'the chain verifies');

# local events name this server
$node->safe_psql('postgres', q{SELECT full_name FROM customers WHERE id = 1 /* local1 */},
	extra_params => [ '-U', 'app' ]);
is(PdpTest::events($node, q{server = 'primary1' AND query LIKE '%local1%'}), 1,
	'an event of this server names it (pdp.server_name)');
is($node->safe_psql('postgres', q{SELECT server, received FROM pdp.audit_stats()}), 'primary1|3',
	'audit_stats() shows the server and the events received');

# --- exactly once
($rc, $out) = receive('sender', 'standby1', 77, 1, map { event("m$_") } 1 .. 3);
is($out, 3, 'sending the same events again stores nothing');
($rc, $out) = receive('sender', 'standby1', 77, 2, map { event("m$_") } 2 .. 5);
is($out, 5, 'an overlapping batch stores only what is new');
is(flushed_count(q{query LIKE '%/* m_ */'}), 5, 'five events, none twice');
($rc, $out) = receive('sender', 'standby1', 77, 1);
is($out, 5, 'records NULL asks where to resume');
($rc, $out) = receive('sender', 'standby1', 78, 1);
is($out, 0, 'a new epoch starts at 0');
($rc, $out, $err) = receive('sender', 'standby1', 77, 9, event('m9'));
is($out, 9, 'a gap is accepted');
like($err, qr/audit records 6 to 8 of server "standby1" never arrived/, 'with a warning');
is(PdpTest::events($node, q{kind = 'audit' AND decision = 'gap' AND detail @> '{"server": "standby1", "epoch": 77, "first_missing": 6, "last_missing": 8}'}),
	1, 'and an event in the trail itself');
is($node->safe_psql('postgres', q{SELECT last_seq, received, missing, sent_by FROM pdp.audit_servers WHERE server = 'standby1' AND epoch = 77}),
	'9|6|3|sender', 'pdp.audit_servers counts received and missing, and names the login role that delivered');
($rc, $out, $err) = receive('sender', 'standby1', 77, '9223372036854775807', event('big'));
like($err, qr/leaves no room to number the records/, 'numbers that would overflow are refused');

# --- what is refused, whole
my $before = $node->safe_psql('postgres', q{SELECT last_seq FROM pdp.audit_servers WHERE epoch = 77});
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad1'), event('bad2', len => 96));
like($err, qr/audit record 11 from server "standby1" is damaged/, 'a record shorter than a record is refused');
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad3') . "\0\0\0\0");
like($err, qr/is damaged/, 'trailing bytes are refused');
my $r4 = event('bad4');
substr($r4, 0, 4) = pack('L', 4096);
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, $r4);
like($err, qr/is damaged/, 'a length beyond what was sent is refused');
my $r = event('bad5');
substr($r, 60 + 13 * 4, 4) = pack('l', 100000);    # query's length
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, $r);
like($err, qr/strings do not fit/, 'string lengths beyond the record are refused');
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad6', detail => '[1, 2]'));
like($err, qr/must be a JSON object/, 'a detail that is not a JSON object is refused');
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad7', detail => '{"a": '));
like($err, qr/invalid input syntax for type json/, 'invalid JSON is refused');
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad8', client_addr => '999.1.1.1'));
like($err, qr/invalid input syntax for type inet/, 'an address that is not one is refused');
($rc, $out, $err) = receive('sender', 'primary1', 5, 1, event('bad9'));
like($err, qr/under this server's own name/, "a standby using the primary's own name is refused");
($rc, $out, $err) = receive('sender', 'PRIMARY1', 5, 1, event('bad9b'));
like($err, qr/under this server's own name/, "so is the primary's name in other letter case");
($rc, $out, $err) = receive('sender', ' standby1', 5, 1, event('bad9c'));
like($err, qr/does not begin or end with a space/, 'and a name with a leading space');
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad12', usec => -9223372036854775000));
like($err, qr/event time is out of range/, 'an event time PostgreSQL cannot show is refused');
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad13', columns => join("\0", ('c') x 1601)));
like($err, qr/more than 1600 columns/, 'a list of more columns than a table can have is refused');
($rc, $out, $err) = receive('sender', 'standby1', 77, 10, event('bad14', len => 4 * 1024 * 1024 + 8));
like($err, qr/longer than 4 MB/, 'a record over 4 MB is refused');
($rc, $out, $err) = receive('sender', "bad\tname", 5, 1, event('bad10'));
like($err, qr/invalid server name/, 'a name with control characters is refused');
($rc, $out, $err) = receive('sender', 'standby1', 0, 1, event('bad11'));
like($err, qr/invalid epoch/, 'epoch 0 is refused');
is($node->safe_psql('postgres', q{SELECT last_seq FROM pdp.audit_servers WHERE epoch = 77}), $before,
	'nothing of a refused call was stored');
is(flushed_count(q{query LIKE '%bad%'}), 0, 'and nothing reached the trail');

# --- who may call it
($rc, $out, $err) = receive('sender2', 'standby1', 77, 10, event('forged'));
like($err, qr/server "standby1" delivers as role "sender", not "sender2"/,
	"another sender's credentials cannot deliver under a server name taken by a role");
($rc, $out, $err) = receive('sender2', 'standby1', 77, 1);
like($err, qr/delivers as role "sender"/, 'nor ask where it stands');
my ($qrc, $qout, $qerr) = ('', '', '');
$node->psql('postgres', q{SELECT pdp._quota_receive('standby1', '\x00')}, stderr => \$qerr,
	extra_params => [ '-U', 'sender2' ]);
like($qerr, qr/server "standby1" delivers as role "sender", not "sender2"/,
	"nor deliver quota counts under it");
($rc, $out, $err) = receive('sender2', 'standby8', 3, 1, event('s8'));
like($err, qr/server "standby8" is not registered as a standby of this primary/,
	'a member of pdp_audit_sender delivers only under a name a superuser registered for it');
like($err, qr/pdp.register_standby\('standby8', 'sender2'\)/, 'and is told what to run');
($rc, $out, $err) = receive('sender2', 'standby9', 3, 1, event('s9'));
is($out, 1, 'a second standby delivers under a name of its own');
is($node->safe_psql('postgres', q{SELECT string_agg(server || '=' || sender, ',' ORDER BY server) FROM pdp.audit_senders}),
	'standby1=sender,standby9=sender2', 'pdp.audit_senders says which role delivers which server');
my ($rr, $ro, $re) = $node->psql('postgres', q{SELECT pdp.register_standby('standby8', 'sender2')},
	extra_params => [ '-U', 'sender2' ]);
like($re, qr/permission denied for function register_standby|only superusers may register standbys/,
	'only a superuser registers standbys');
is(PdpTest::events($node, q{kind = 'config' AND reason = 'register_standby' AND detail->>'server' = 'standby9'}), 1,
	'a registration is a configuration event');
# a registration names the role itself: dropped and made again, it is another
$node->safe_psql('postgres', q{CREATE ROLE sender3 LOGIN IN ROLE pdp_audit_sender;
SELECT pdp.register_standby('standby3', 'sender3'); DROP ROLE sender3;
CREATE ROLE sender3 LOGIN IN ROLE pdp_audit_sender});
($rr, $ro, $re) = $node->psql('postgres', q{SELECT pdp._audit_receive('standby3', 1, 1, NULL)},
	extra_params => [ '-U', 'sender3' ]);
like($re, qr/server "standby3" delivers as role/, 'a role made again under a registered name is refused');
($rr, $ro, $re) = $node->psql('postgres', q{SELECT pdp.register_standby(' bad', 'sender3')});
like($re, qr/does not begin or end with a space/, 'register_standby checks the name');
($rr, $ro, $re) = $node->psql('postgres', q{SELECT pdp.register_standby(NULL, 'sender3')});
like($re, qr/server must not be NULL/, '... and refuses none');
# a known server's new epoch (its queue restarted: a crash) is said in the trail
($rc, $out) = receive('sender2', 'standby9', 4, 1, event('s9b'));
is($out, 1, 'standby9 delivers under a new epoch');
is(PdpTest::events($node, q{kind = 'audit' AND decision = 'queue_restarted' AND detail @> '{"server": "standby9", "epoch": 4, "previous_epoch": 3, "previous_last_seq": 1}'}),
	1, 'the trail says its queue restarted, and where the last one stopped');
my ($o3, $e3) = ('', '');
$node->psql('postgres', q{BEGIN; SELECT pdp._audit_receive('standby1', 77, 1, NULL); COMMIT;},
	stderr => \$e3, extra_params => [ '-U', 'sender' ]);
like($e3, qr/cannot run inside a transaction block/, 'it cannot be called inside a transaction block (which would hold its lock)');
($rc, $out, $err) = receive('nobody', 'standby2', 5, 1, event('x1'));
like($err, qr/permission denied for function _audit_receive/, 'a role outside pdp_audit_sender may not');
($rc, $out, $err) = receive('app', 'standby2', 5, 1, event('x2'));
like($err, qr/permission denied/, 'nor may a purpose holder');
my ($rc2, $o2, $e2) = ('', '', '');
$node->psql('postgres', 'SELECT count(*) FROM pdp.audit_log', stderr => \$e2,
	extra_params => [ '-U', 'sender' ]);
like($e2, qr/permission denied/, 'the sender role reads nothing of the trail');
$node->psql('postgres', 'SELECT count(*) FROM customers', stderr => \$e2,
	extra_params => [ '-U', 'sender' ]);
like($e2, qr/permission denied/, 'nor any table');

# --- a planted inbox row is dropped, counted and logged; the trail goes on
my $dropped = $node->safe_psql('postgres', 'SELECT dropped FROM pdp.audit_stats()');
$node->safe_psql('postgres', q{INSERT INTO pdp.audit_inbox (server, epoch, seq, record) VALUES ('evil', 1, 1, '\xdeadbeef')});
$node->safe_psql('postgres', "INSERT INTO pdp.audit_inbox (server, epoch, seq, record) VALUES ('Primary1', 1, 1, '"
	. hex_of(event('planted_own_name')) . "')");
$node->safe_psql('postgres', "INSERT INTO pdp.audit_inbox (server, epoch, seq, record) VALUES ('evil', 1, 2, '"
	. hex_of(event('planted', detail => '{"x": 1e1000000}')) . "')");
my $log_offset = -s $node->logfile;
($rc, $out) = receive('sender', 'standby1', 77, 10, event('after_planted'));
is($out, 10, 'the next delivery is stored');
is(flushed_count(q{query LIKE '%after_planted%'}), 1, 'and written, past the planted rows');
is($node->safe_psql('postgres', 'SELECT dropped FROM pdp.audit_stats()'), $dropped + 3,
	'the three planted rows are counted as dropped');
is(flushed_count(q{query LIKE '%planted_own_name%'}), 0, "one passing itself off as this server's own is not written");
my $log = slurp_file($node->logfile, $log_offset);
like($log, qr/an event in pdp.audit_inbox is damaged and is dropped/, 'a damaged one is logged');
like($log, qr/event 2 of server "evil" \(epoch 1\) in pdp.audit_inbox cannot be stored and is dropped/,
	'one whose value this database cannot hold is logged');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.audit_inbox}), 0, 'the inbox is empty');
is($verify->(), 'intact', 'the chain verifies');

# --- a value an index a DBA added cannot hold: that row is dropped, the rest of the batch stored
$node->safe_psql('postgres', 'CREATE INDEX audit_log_relation ON pdp.audit_log (relation)');
$log_offset = -s $node->logfile;
($rc, $out, $err) = receive('sender', 'standby1', 77, 11,
	event('idx_before'), event('idx_big', relation => join('', map { chr(97 + int(rand(26))) } 1 .. 20000)),
	event('idx_after'));
is($out, 13, 'three events delivered');
is(flushed_count(q{query ~ 'idx_(before|after)'}), 2, 'the two that fit are written');
is(flushed_count(q{query LIKE '%idx_big%'}), 0, 'the one the index cannot hold is not');
like(slurp_file($node->logfile, $log_offset),
	qr/event 12 of server "standby1" \(epoch 77\) in pdp.audit_inbox cannot be stored and is dropped: index row/,
	'and is logged as dropped');
is($node->safe_psql('postgres', 'SELECT writer_state FROM pdp.audit_stats()'), 'running', 'the writer keeps running');
$node->safe_psql('postgres', 'DROP INDEX pdp.audit_log_relation');
is($verify->(), 'intact', 'the chain verifies');

# --- tampering with the server column shows
my $id = $node->safe_psql('postgres', q{SELECT id FROM pdp.audit_log WHERE query LIKE '%/* m2 */'});
my $q = sub { $node->safe_psql('postgres', "SET session_replication_role = replica; $_[0]") };
$q->("UPDATE pdp.audit_log SET server = 'primary1' WHERE id = $id");
is($verify->(), $id, 'a standby event passed off as the primary\'s is found');
$q->("UPDATE pdp.audit_log SET server = NULL WHERE id = $id");
is($verify->(), $id, 'so is one whose server is cleared');
$q->("UPDATE pdp.audit_log SET server = 'standby1' WHERE id = $id");
is($verify->(), 'intact', 'put back, the chain verifies');

# --- inbox rows survive a crash of the primary before the writer moved them
$node->safe_psql('postgres', q{SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'pdp audit writer'});
$node->stop('immediate');
$node->start;
($rc, $out) = receive('sender', 'standby1', 77, 14, event('after_crash'));
is($out, 14, 'after a crash the numbering goes on');
is(flushed_count(q{query LIKE '%after_crash%'}), 1, 'and events are written');
is($verify->(), 'intact', 'the chain verifies');

done_testing();
