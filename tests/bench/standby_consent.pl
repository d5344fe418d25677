# Driven by standby_consent.sh (see there).
use strict;
use warnings;
# PostgreSQL::Test::Utils sends STDOUT and STDERR to its log file: keep ours
our $OUT;
BEGIN { open($OUT, '>&', \*STDOUT) or die; $OUT->autoflush(1); }
$SIG{__DIE__} = sub { print $OUT "error: $_[0]"; };
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Time::HiRes qw(time);

my $n = $ENV{BENCH_SUBJECTS} || 1000000;
my $rounds = $ENV{BENCH_WITHDRAWALS} || 20;

my $primary = PostgreSQL::Test::Cluster->new('bench_primary');
$primary->init(allows_streaming => 1);
$primary->append_conf('postgresql.conf', q{
shared_preload_libraries = 'pdp'
pdp.mode = enforce
fsync = off
autovacuum = off
shared_buffers = 256MB
});
$primary->start;
$primary->safe_psql('postgres', qq{
CREATE EXTENSION pdp;
CREATE ROLE app LOGIN;
CREATE TABLE people (id bigint PRIMARY KEY, phone text);
INSERT INTO people SELECT g, '09' || g FROM generate_series(1, $n) g;
GRANT SELECT ON people TO app;
SELECT pdp.tag_column('people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('people', 'id');
SELECT pdp.protect_rows('people');
SELECT pdp.define_purpose('news', 'newsletter', 'consent');
SELECT pdp.allow('news', 'phone_number');
SELECT pdp.grant_purpose('app', 'news');
-- bulk-loaded the way grant_consent() writes it (as tests/bench/consent.sh)
INSERT INTO pdp.consent_log (subject, purpose, action, recorded_by)
SELECT g::text, 'news', 'grant', 'postgres' FROM generate_series(2, $n, 2) g;
INSERT INTO pdp.consent (subject, purpose, expires_at, granted_at, consent_id)
SELECT subject, purpose, NULL, now(), id FROM pdp.consent_log;
VACUUM ANALYZE;
});
$primary->backup('b');
my $standby = PostgreSQL::Test::Cluster->new('bench_standby');
$standby->init_from_backup($primary, 'b', has_streaming => 1);
$standby->start;
$primary->wait_for_catchup($standby, 'replay');

my $s = $standby->background_psql('postgres', extra_params => [ '-U', 'app' ]);
$s->query_safe(q{SET pdp.purpose = 'news'});
$s->query_safe(q{SET max_parallel_workers_per_gather = 0});
$s->query_safe(q{SELECT count(*) FROM people WHERE id = 2});	# loads the set

sub timed
{
	my ($sql) = @_;
	my $t = time;
	my $r = $s->query_safe($sql);
	return ($r, time - $t);
}

sub median
{
	my @v = sort { $a <=> $b } @_;
	return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}

my (@lo, @hi, @first, @steady);
for my $i (1 .. $rounds)
{
	my $subject = 2 * $i;
	my $q = "SELECT count(*) FROM people WHERE id = $subject";
	my ($r, $d) = timed($q);
	die "subject $subject not visible" unless $r eq '1';
	push @steady, $d;
	my $t0 = time;
	$primary->safe_psql('postgres', "SELECT pdp.withdraw_consent($subject, 'news')");
	my $t1 = time;
	my $polls = 0;
	for (;;)
	{
		($r, $d) = timed($q);
		$polls++;
		last if $r eq '0';
		die "subject $subject still visible after 30 s" if time - $t0 > 30;
	}
	my $t2 = time;
	push @lo, $t2 - $t1;
	push @hi, $t2 - $t0;
	push @first, $d;
	printf $OUT "withdrawal %2d: visible after %6.1f .. %6.1f ms (%d polls), that statement %6.1f ms\n",
	  $i, 1000 * ($t2 - $t1), 1000 * ($t2 - $t0), $polls, 1000 * $d;
}
printf $OUT "\n%d subjects, %d consented; medians over %d withdrawals:\n", $n, $n / 2, $rounds;
printf $OUT "replay-to-visible: %.1f ms (from the end of the primary's call; %.1f ms from its start)\n",
  1000 * median(@lo), 1000 * median(@hi);
printf $OUT "first statement after a change (reloads %d consents): %.1f ms; steady statement: %.1f ms\n",
  $n / 2, 1000 * median(@first), 1000 * median(@steady);
$s->quit;
$standby->stop('immediate');
$primary->stop('immediate');
