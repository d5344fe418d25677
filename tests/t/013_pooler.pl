# Purposes behind a transaction-pooling pgbouncer: with
# pdp.purpose_scope = transaction no client's statement runs, or is
# recorded, under another client's purpose; with scope session (pdp 1.0's
# behaviour) the same workload leaks, which shows the check can fail.
# Also: pdp.purpose is reported to clients (ParameterStatus), and the scope
# cannot be chosen by a non-superuser's connection.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use IPC::Run;
use Time::HiRes qw(sleep);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $pgbouncer = '/usr/sbin/pgbouncer';
my $python = '/usr/bin/python3';
plan skip_all => "pgbouncer not installed ($pgbouncer)" unless -x $pgbouncer;
plan skip_all => "no $python with psycopg 3 (Debian: python3-psycopg)"
  unless -x $python && system($python, '-c', 'import psycopg') == 0;
my $driver = "$FindBin::RealBin/013_pooler.py";

my $node = PdpTest::node('pooler',
	"pdp.mode = log\nmax_connections = 40\nmax_prepared_transactions = 2");
$node->safe_psql('postgres', q{
DO $$
BEGIN
    FOR p IN 0..4 LOOP
        PERFORM pdp.define_purpose('pp_' || p, 'pooled client purpose', 'contract');
        PERFORM pdp.allow('pp_' || p, 'full_name');
    END LOOP;
    PERFORM pdp.define_purpose('pp_rogue', 'set at session level', 'contract');
    PERFORM pdp.allow('pp_rogue', 'full_name');
    FOR r IN 0..3 LOOP
        EXECUTE format('CREATE ROLE %I LOGIN', 'r' || r);
        EXECUTE format('GRANT SELECT ON customers TO %I', 'r' || r);
        PERFORM pdp.grant_purpose(('r' || r)::regrole, 'pp_' || p) FROM generate_series(0, 4) p;
        PERFORM pdp.grant_purpose(('r' || r)::regrole, 'pp_rogue');
    END LOOP;
END $$;
});

# pgbouncer in transaction mode: the 5 clients of each role share 3 server
# connections
my $dir = PostgreSQL::Test::Utils::tempdir_short;
my $bport = PostgreSQL::Test::Cluster::get_free_port();
open my $fh, '>', "$dir/users.txt" or die;
print $fh qq{"r$_" ""\n} for 0 .. 3;
close $fh;
open $fh, '>', "$dir/pgbouncer.ini" or die;
print $fh "[databases]\npostgres = host=" . $node->host . " port=" . $node->port
  . " dbname=postgres\n";
print $fh qq{[pgbouncer]
listen_addr =
listen_port = $bport
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
default_pool_size = 3
max_client_conn = 100
server_reset_query =
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
};
close $fh;

# one workload through a fresh pgbouncer (fresh server connections, which
# take the roles' current settings); returns the statements issued
sub workload
{
	my ($run, $txns) = @_;
	my ($out, $err) = ('', '');
	my $bouncer = IPC::Run::start([ $pgbouncer, "$dir/pgbouncer.ini" ],
		'>', \$out, '2>', \$err);
	my $deadline = time() + $PostgreSQL::Test::Utils::timeout_default;
	while (system('psql', '-X', '-qAt', '-h', $dir, '-p', $bport, '-U', 'r0',
			'-d', 'postgres', '-c', 'SELECT 1', '-o', '/dev/null') != 0)
	{
		die "pgbouncer did not start: $err" if time() > $deadline;
		sleep(0.1);
	}
	my ($dout, $derr) = ('', '');
	IPC::Run::run([ $python, $driver, 'clients', $dir, $bport, $run, $txns ],
		'>', \$dout, '2>', \$derr,
		IPC::Run::timeout($PostgreSQL::Test::Utils::timeout_default));
	$bouncer->signal('INT');
	$bouncer->finish;
	is($derr, '', "$run: the clients ran without errors");
	my ($n) = $dout =~ /statements (\d+)/;
	return $n // 0;
}

# events of one run: statements recorded, and those recorded under
# another purpose than the one their client declared in that transaction
sub audit
{
	my ($run) = @_;
	$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
	return split /\|/, $node->safe_psql('postgres', qq{
SELECT count(*),
       count(*) FILTER (WHERE coalesce(purpose, 'none') <> substring(query from 'want=([a-z_0-9]+)')),
       count(*) FILTER (WHERE purpose IS NOT NULL AND query LIKE '%want=none%')
FROM pdp.audit_log
WHERE kind = 'access' AND query LIKE '%/* pp run=$run %'});
}

# scope session, as pdp 1.0: purposes leak between the clients of a role
my $n = workload('session', 60);
my ($events, $wrong, $undeclared) = audit('session');
is($events, $n, "session: every statement recorded ($n)");
cmp_ok($wrong, '>', 0, "session scope: statements recorded under another purpose are detected ($wrong)");
note("session scope: $undeclared statements of clients that declared no purpose ran under one");

# scope transaction for the application roles, as an administrator sets it
$node->safe_psql('postgres',
	join('', map { "ALTER ROLE r$_ SET pdp.purpose_scope = 'transaction';" } 0 .. 3));
$n = workload('transaction', 300);
cmp_ok($n, '>=', 6000, "transaction: thousands of statements ($n)");
($events, $wrong, $undeclared) = audit('transaction');
is($events, $n, 'transaction: every statement recorded');
is($wrong, 0, 'transaction scope: no statement recorded under a purpose its client did not declare');
is($undeclared, 0, 'transaction scope: none of a client that declared none ran under a purpose');
my ($servers, $shared) = split /\|/, $node->safe_psql('postgres', q{
SELECT count(DISTINCT backend_pid),
       count(*) FILTER (WHERE clients > 1)
FROM (SELECT backend_pid, count(DISTINCT substring(query from ' c=([0-9]+) ')) AS clients
      FROM pdp.audit_log WHERE kind = 'access' AND query LIKE '%/* pp run=transaction %'
      GROUP BY backend_pid) s});
cmp_ok($servers, '<=', 12, "20 clients were served by at most 4 x 3 server connections ($servers)");
cmp_ok($shared, '>', 0, "server connections served several clients ($shared)");

# pdp.purpose is reported to the client, also when the commit resets it
my ($rout, $rerr) = ('', '');
IPC::Run::run([ $python, $driver, 'report', $node->connstr('postgres') . ' user=r1' ],
	'>', \$rout, '2>', \$rerr);
is($rout, "report |pp_0|\n", 'ParameterStatus reports pdp.purpose: empty, set, reset at commit');

# the startup packet: a purpose there is the session's own, kept at commit;
# the scope cannot be chosen there by a non-superuser
my ($ret, $out, $err) = $node->psql('postgres',
	"BEGIN; SET pdp.purpose = 'pp_1'; COMMIT; SHOW pdp.purpose; SHOW pdp.purpose_scope;",
	connstr => $node->connstr('postgres') . " user=r1 options='-c pdp.purpose=pp_2'");
is($out, "pp_2\ntransaction", 'a purpose from the startup packet is the reset value');
($ret, $out, $err) = $node->psql('postgres', 'SHOW pdp.purpose_scope',
	connstr => $node->connstr('postgres') . " user=r1 options='-c pdp.purpose_scope=session'");
like($err, qr/permission denied to set parameter "pdp.purpose_scope"/,
	'a non-superuser cannot choose the scope in the startup packet');

# PREPARE TRANSACTION ends the purpose too
($ret, $out, $err) = $node->psql('postgres',
	"BEGIN; SET pdp.purpose = 'pp_1'; PREPARE TRANSACTION 'pp'; "
	  . "SELECT 'purpose=' || current_setting('pdp.purpose'); COMMIT PREPARED 'pp';",
	connstr => $node->connstr('postgres') . ' user=r1');
is("$ret $out", '0 purpose=', 'PREPARE TRANSACTION ends the purpose set in the prepared transaction');

$node->stop;
done_testing();
