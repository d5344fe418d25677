# Summaries of allowed reads (pdp.log_allowed = summary): the counts are
# exact under concurrency, survive a clean restart, fall back to statement
# records (counted) when the summary table is full, are in the hash chain
# (an edited count is found), and a damaged saved file is refused without
# a crash, as are entries no backend makes in a file with a correct checksum.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use PdpTest;

my $node = PdpTest::node('summary', "pdp.log_allowed = summary\npdp.audit_summary_interval = 1");
my $sum = sub {
	my ($tag) = @_;
	$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
	return $node->safe_psql('postgres',
		"SELECT coalesce(sum(statements), 0) || '/' || count(*) FROM pdp.audit_log "
		  . "WHERE kind = 'access' AND decision = 'allowed' AND statements IS NOT NULL AND query LIKE '%$tag%'");
};
my $stmt = sub {
	my ($tag) = @_;
	return $node->safe_psql('postgres',
		"SELECT count(*) FROM pdp.audit_log WHERE kind = 'access' AND statements IS NULL AND query LIKE '%$tag%'");
};

# 1. exact under concurrency: 4 clients, 2 queries, 2 000 statements each
my $script = q{\set id random(1, 1000)
SELECT full_name FROM customers WHERE id = :id /* t_sum_a */;
SELECT full_name, income < 0 FROM customers WHERE id = :id /* t_sum_b */;
};
is(PdpTest::pgbench($node, 4, 500, $script, 'sum'), 0, 'concurrent reads');
my ($a_n, $a_rows) = split m{/}, $sum->('t_sum_a');
is($a_n, 2000, 'every statement of the first query is counted, once');
cmp_ok($a_rows, '<', 100, "... in a few summary rows ($a_rows)");
is($stmt->('t_sum_a'), 0, '... and none was recorded alone');
# income is sensitive: statement records under pdp.log_sensitive = statement
is($stmt->('t_sum_b'), 2000, 'reads of a sensitive category are statement records');
is($node->safe_psql('postgres', 'SELECT dropped FROM pdp.audit_stats()'), 0, 'nothing dropped');

# 2. the chain covers summary rows: an edited count is found
my $verify = sub { $node->safe_psql('postgres', q{SELECT coalesce(pdp.verify_audit_log()::text, 'intact')}) };
is($verify->(), 'intact', 'the chain verifies');
my $id = $node->safe_psql('postgres', q{SELECT min(id) FROM pdp.audit_log WHERE statements IS NOT NULL});
my $q = sub { $node->safe_psql('postgres', "SET session_replication_role = replica; $_[0]") };
$q->("UPDATE pdp.audit_log SET statements = statements - 1 WHERE id = $id");
is($verify->(), $id, 'a lowered statement count is found');
$q->("UPDATE pdp.audit_log SET statements = statements + 1 WHERE id = $id");
is($verify->(), 'intact', 'put back');
$q->("UPDATE pdp.audit_log SET first_time = first_time - interval '1 day' WHERE id = $id");
is($verify->(), $id, 'an earlier first_time is found');
$q->("UPDATE pdp.audit_log SET first_time = first_time + interval '1 day' WHERE id = $id");
$q->("CREATE TABLE saved AS SELECT * FROM pdp.audit_log WHERE id = $id");
$q->("UPDATE pdp.audit_log SET statements = NULL, first_time = NULL WHERE id = $id");
is($verify->(), $id, 'a summary made to look like one statement is found');
$q->("UPDATE pdp.audit_log l SET statements = s.statements, first_time = s.first_time FROM saved s WHERE l.id = $id");
is($verify->(), 'intact', 'put back');

# 3. a clean restart loses no count: saved at shutdown, written after
$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
$node->append_conf('postgresql.conf', 'pdp.audit_summary_interval = 3600');
$node->restart;
is(PdpTest::pgbench($node, 2, 150, q{SELECT full_name FROM customers WHERE id = 7 /* t_sum_c */;
}, 'sum_c'), 0, 'reads before a clean restart');
is($node->safe_psql('postgres', 'SELECT summary_keys FROM pdp.audit_stats()'), 1, 'counted in one key, not written yet');
$node->restart;
like(slurp_file($node->logfile), qr/loaded the summaries of 1 keys of allowed reads/, 'the counts were saved and loaded');
is((split m{/}, $sum->('t_sum_c'))[0], 300, 'all 300 statements are in the trail after the restart');

# 4. a full summary table: new keys are recorded statement by statement, counted
$node->append_conf('postgresql.conf', 'pdp.audit_summary_size = 16');
$node->restart;
$node->safe_psql('postgres', q{
DO $$ BEGIN
FOR i IN 1..24 LOOP
    EXECUTE format('CREATE TABLE many%s (id int, secret text)', i);
    EXECUTE format('INSERT INTO many%s VALUES (1, %L)', i, 'x');
    EXECUTE format('GRANT SELECT ON many%s TO app', i);
    PERFORM pdp.tag_column(format('many%s', i)::regclass, 'secret', 'full_name');
END LOOP;
END $$;});
my $f0 = $node->safe_psql('postgres', 'SELECT summary_fallback FROM pdp.audit_stats()');
my $reads = join('', map { "SELECT secret FROM many$_ /* t_sum_d */;\n" } 1 .. 24);
is(PdpTest::pgbench($node, 2, 5, $reads, 'sum_d'), 0, 'reads of 24 keys with room for 16');
my ($d_n) = split m{/}, $sum->('t_sum_d');
my $d_alone = $stmt->('t_sum_d');
my $fallback = $node->safe_psql('postgres', 'SELECT summary_fallback FROM pdp.audit_stats()') - $f0;
cmp_ok($fallback, '>', 0, "reads with no room for their key fell back ($fallback)");
is($d_alone, $fallback, 'each one fallback is one statement record');
is($d_n + $d_alone, 240, 'summarized and recorded alone add up to the 240 statements');
is($verify->(), 'intact', 'the chain verifies');

# 5. a damaged saved file is refused, counted, and does no harm
is(PdpTest::pgbench($node, 1, 10, q{SELECT full_name FROM customers WHERE id = 8 /* t_sum_e */;
}, 'sum_e'), 0, 'reads before a stop');
$node->append_conf('postgresql.conf', 'pdp.audit_summary_interval = 3600');
$node->stop('fast');
my $file = $node->data_dir . '/pg_stat/pdp_audit_summary.stat';
ok(-f $file, 'the summaries were saved');
open my $fh, '+<', $file or die;
binmode $fh;
seek $fh, 40, 0;
print $fh "\xff\xff\xff\xff";
close $fh;
$node->start;
like(slurp_file($node->logfile), qr/pdp_audit_summary\.stat" of saved summaries of allowed reads cannot be used in full: its checksum does not match/,
	'a damaged file is refused, saying why');
ok(!-f $file, 'and removed');
is($node->safe_psql('postgres', 'SELECT 1'), 1, 'the server runs');
is($verify->(), 'intact', 'the chain verifies');

# 6. a saved file with a correct checksum but entries no backend makes:
# not loaded, counted as lost, and the writer keeps writing
my @crc_table = map {
	my $c = $_;
	$c = ($c & 1) ? (($c >> 1) ^ 0x82F63B78) : ($c >> 1) for 1 .. 8;
	$c
} 0 .. 255;
my $crc32c = sub {
	my $crc = 0xffffffff;
	$crc = $crc_table[($crc ^ $_) & 0xff] ^ ($crc >> 8) for unpack('C*', $_[0]);
	return $crc ^ 0xffffffff;
};
is(PdpTest::pgbench($node, 1, 10, q{SELECT full_name FROM customers WHERE id = 9 /* t_sum_f */;
}, 'sum_f'), 0, 'reads before a stop');
$node->stop('fast');
ok(-f $file, 'the summaries were saved');
my $raw = slurp_file($file);
my (undef, undef, $n, $nbytes) = unpack('V4', $raw);
is($n, 1, 'one key saved');
# an entry: length (4 bytes, 4 padding), counts (48), template (length)
my $tlen = unpack('V', substr($raw, 16, 4));
my $counts = substr($raw, 24, 48);
my $tmpl = substr($raw, 72, $tlen);
# the template: 120 bytes of record, then its 15 strings (-1: NULL)
my @len = unpack('l<15', substr($tmpl, 60, 60));
my @str;
my $pos = 120;
for my $l (@len) { push @str, $l < 0 ? undef : substr($tmpl, $pos, $l); $pos += $l if $l > 0; }
my $entry = sub {
	my ($counts, %set) = @_;
	my @s = @str;
	$s[$_] = $set{$_} for keys %set;
	my $t = substr($tmpl, 0, 60) . pack('l<15', map { defined $_ ? length $_ : -1 } @s)
	  . join('', grep { defined } @s);
	$t .= "\0" x ((8 - length($t) % 8) % 8);
	return pack('VV', length $t, 0) . $counts . $t;
};
my $huge = pack('q<3', 9223372036854775807, 1, 1) . substr($counts, 24);
my $body = $entry->($counts, 14 => 'not json', 12 => "x1\0")          # the writer could not store it
  . $entry->($counts, 14 => '{ }', 12 => "x2\0")                      # nor this, in a 1.0 trail
  . $entry->($huge, 12 => "x3\0")                                     # absurd counts
  . $entry->($counts, 0 => 'consent', 1 => 'granted', 12 => "x4\0")   # not a summary
  . $entry->($counts);                                                # the real one
my $head = pack('V4', 0x50445353, 1, 5, length $body);
open $fh, '>', $file or die;
binmode $fh;
print $fh $head . $body . pack('V', $crc32c->($head . $body));
close $fh;
$node->start;
like(slurp_file($node->logfile), qr/cannot be used in full\n.*1 keys were loaded; the counts of 31 statements are lost/,
	'the entries no backend makes are not loaded, their statements counted as lost');
is($node->safe_psql('postgres', 'SELECT summary_lost FROM pdp.audit_stats()'), 31, 'audit_stats() shows them');
is((split m{/}, $sum->('t_sum_f'))[0], 10, 'the real entry is written (flush_audit: the writer is not stuck)');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pdp.audit_log WHERE categories && '{x1,x2,x3,x4}'}), 0,
	'none of the others');
is($verify->(), 'intact', 'the chain verifies');

done_testing();
