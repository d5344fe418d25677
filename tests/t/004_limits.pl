# The daily quota is shared by the sessions of a role and survives a clean
# restart; alerts reach a LISTENer within a second of the event.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use IPC::Run;
use JSON::PP;
use Time::HiRes qw(sleep);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('limits',
	"pdp.mode = enforce\npdp.bulk_read_threshold = 100\npdp.audit_flush_interval = 200ms");
$node->safe_psql('postgres', q{SELECT pdp.set_limit('billing', NULL, 10)});

# two sessions of the same role page through the list: 6 + 4, then the 11th row fails
my $a = $node->background_psql('postgres', extra_params => [ '-U', 'app' ], on_error_stop => 0);
my $b = $node->background_psql('postgres', extra_params => [ '-U', 'app' ], on_error_stop => 0);
my ($rows, $failed) = $a->query('SELECT full_name FROM customers ORDER BY id LIMIT 6');
is(scalar(split /\n/, $rows), 6, 'session A reads 6 rows');
($rows, $failed) = $b->query('SELECT full_name FROM customers ORDER BY id LIMIT 4 OFFSET 6');
is(scalar(split /\n/, $rows), 4, 'session B reads 4 more: 10, the limit');
($rows, $failed) = $b->query('SELECT full_name FROM customers ORDER BY id LIMIT 1 OFFSET 10');
ok($failed, 'the 11th row is refused in session B');
like($b->{stderr}, qr/exceeds its daily limit of 10 rows/, 'with the daily limit message');
($rows, $failed) = $a->query('SELECT full_name FROM customers ORDER BY id LIMIT 1');
ok($failed, 'and in session A');
$a->quit;
$b->quit;
is($node->safe_psql('postgres', q{SELECT records_24h FROM pdp.quota_usage WHERE role = 'app'::regrole}),
	10, 'usage is the 10 rows delivered');

# a clean restart keeps the usage
$node->restart;
is($node->safe_psql('postgres',
		q{SELECT records_24h || '/' || "limit" FROM pdp.quota_usage WHERE role = 'app'::regrole}),
	'10/10', 'usage survives a clean restart');
my ($ret, $out, $err) = $node->psql('postgres', 'SELECT full_name FROM customers LIMIT 1',
	extra_params => [ '-U', 'app' ]);
like($err, qr/exceeds its daily limit/, 'and still applies');
$node->safe_psql('postgres', q{SELECT pdp.drop_limit('billing')});

# a listener hears of blocked attempts and bulk reads within a second,
# without anyone flushing the audit queue
my ($in, $stdout, $stderr) = ('', '', '');
my $h = IPC::Run::start([ 'psql', '-X', '-At', '-d', $node->connstr('postgres') ],
	'<', \$in, '>', \$stdout, '2>', \$stderr);
$in .= "LISTEN pdp_alerts;\n\\echo listening\n";
IPC::Run::pump($h) until $stdout =~ /listening/;
$node->psql('postgres',
	q{SET pdp.purpose = 'nonexistent'; SELECT income FROM customers WHERE id = 4},
	extra_params => [ '-U', 'app' ]);
$node->psql('postgres', q{SELECT full_name FROM customers ORDER BY id LIMIT 150},
	extra_params => [ '-U', 'app' ]);
sleep 1.0;
# psql shows notifications after its next command
$in .= "SELECT 'polled';\n\\q\n";
IPC::Run::finish($h);
my @payloads = map { decode_json($_) } ($stdout =~ /payload "(\{.*?\})" received/g);
# listeners tell real alerts from a NOTIFY anyone may send by the sender
my @senders = ($stdout =~ /payload "\{.*?\}" received from server process with PID (\d+)/g);
my $writer = $node->safe_psql('postgres', 'SELECT writer_pid FROM pdp.audit_stats()');
ok(@senders && !grep({ $_ != $writer } @senders), 'alerts come from the audit writer process');
my ($blocked) = grep { $_->{alert} eq 'blocked' } @payloads;
ok($blocked, 'a blocked attempt is announced within a second');
my ($bulk) = grep { $_->{alert} eq 'bulk_read' } @payloads;
ok($bulk, 'a bulk read is announced');
# anyone may LISTEN: the payload says what happened, not who or where
is_deeply([ sort map { keys %$_ } $blocked, $bulk ],
	[ sort qw(alert id event_time alert id event_time) ],
	'payloads carry only the alert, the audit id and the time');
# the id leads an auditor to the event
my $event = sub {
	$node->safe_psql('postgres',
		qq{SELECT format('%s|%s|%s|%s', role, reason, relation, rows) FROM pdp.audit_events WHERE id = $_[0]});
};
is($event->($blocked->{id}), 'app|unknown_purpose|public.customers|', 'the blocked event, by its id');
is($event->($bulk->{id}), 'app||public.customers|150', 'the bulk read, by its id');

$node->stop;
done_testing();
