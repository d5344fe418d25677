# pdp.discover() against other sessions: a table of its scope dropped while
# discovery waits on it is skipped (the rest is still discovered and
# audited); one named in relations fails the call; another session's
# temporary table is refused with a clear error.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('discover_concurrency', '');
$node->safe_psql('postgres', q{
CREATE SCHEMA zz;
CREATE TABLE zz.a_first (email text);
CREATE TABLE zz.b_gone (email text);
CREATE TABLE zz.c_last (so_dien_thoai text);
INSERT INTO zz.a_first SELECT 'a' || g || '@mail.vn' FROM generate_series(1, 50) g;
INSERT INTO zz.b_gone SELECT 'b' || g || '@mail.vn' FROM generate_series(1, 50) g;
INSERT INTO zz.c_last SELECT '09' || lpad(g::text, 8, '0') FROM generate_series(1, 50) g;
});

# session A drops b_gone and keeps its transaction open; session B's
# discovery lists b_gone, then waits for its lock
sub drop_while_discovering
{
	my ($discover) = @_;
	my $a = $node->background_psql('postgres', on_error_stop => 0);
	my $b = $node->background_psql('postgres', on_error_stop => 0);
	$a->query_safe('BEGIN; DROP TABLE zz.b_gone');
	$b->query_until(qr/started/, "\\echo started\n$discover;\n");
	$node->poll_query_until('postgres', q{
SELECT EXISTS (SELECT 1 FROM pg_stat_activity
               WHERE wait_event_type = 'Lock' AND query LIKE '%pdp.discover%')})
	  or die 'discovery never waited for the lock';
	$a->query_safe('COMMIT');
	$a->quit;
	# the pending statement ends before this one runs
	my ($out, $failed) = $b->query('SELECT 1');
	my $stderr = $b->{stderr};
	$b->quit;
	return $stderr;
}

my $stderr = drop_while_discovering(
	q{CREATE TABLE found AS SELECT relation::text AS rel, column_name::text AS col
      FROM pdp.discover(schema => 'zz')});
unlike($stderr, qr/ERROR/, 'a scope table dropped mid-discovery fails nothing');
is($node->safe_psql('postgres', q{SELECT string_agg(rel || '.' || col, ',' ORDER BY rel) FROM found}),
	'zz.a_first.email,zz.c_last.so_dien_thoai',
	'the tables before and after it are discovered');
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
is($node->safe_psql('postgres', q{
SELECT string_agg(relation, ',' ORDER BY relation) FROM pdp.audit_log WHERE kind = 'discovery'}),
	'zz.a_first,zz.c_last', 'and each is audited, the dropped one not (never sampled)');

$node->safe_psql('postgres', q{CREATE TABLE zz.b_gone (email text)});
$stderr = drop_while_discovering(
	q{SELECT count(*) FROM pdp.discover(relations => ARRAY['zz.a_first', 'zz.b_gone']::regclass[])});
like($stderr, qr/relation with OID \d+ does not exist/,
	'a relation named in relations and dropped fails the call');

# another session's temporary table
my $t = $node->background_psql('postgres', on_error_stop => 0);
$t->query_safe(q{CREATE TEMP TABLE tmp_people (email text);
INSERT INTO tmp_people SELECT 't' || g || '@mail.vn' FROM generate_series(1, 50) g});
my $oid = $t->query_safe(q{SELECT 'tmp_people'::regclass::oid});
$oid =~ s/\D.*//s;
my ($rc, $out, $err) = $node->psql('postgres',
	"SELECT * FROM pdp.discover(relations => ARRAY[${oid}::oid::regclass])");
like($err, qr/cannot discover personal data in temporary tables of other sessions/,
	"another session's temporary table is refused");
is($node->safe_psql('postgres', q{
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = 'tmp_people' AND n.nspname ~ '^pg_temp'}), '1', 'it still exists');
my $whole = $node->safe_psql('postgres', q{SELECT count(*) FROM pdp.discover() WHERE relation::text ~ 'tmp_people'});
is($whole, '0', 'and the whole-database scope leaves it out');
$t->quit;

$node->stop;
done_testing();
