# Shared setup for pdp's TAP tests: a node with pdp preloaded and a small
# tagged schema, and helpers to count audit events.
package PdpTest;
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;

sub node
{
	my ($name, $conf) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init;
	$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'pdp'
pdp.audit_flush_interval = 100ms
pdp.log_allowed = statement
max_connections = 40
$conf
});
	$node->start;
	$node->safe_psql('postgres', q{
CREATE EXTENSION pdp;
CREATE TABLE customers (id int PRIMARY KEY, full_name text, income numeric);
INSERT INTO customers SELECT g, 'customer ' || g, g * 1000 FROM generate_series(1, 1000) g;
CREATE TABLE accounts (id int PRIMARY KEY, customer_id int, iban text);
INSERT INTO accounts SELECT g, g, 'VN' || g FROM generate_series(1, 1000) g;
SELECT pdp.tag_column('customers', 'full_name', 'full_name');
SELECT pdp.tag_column('customers', 'income', 'banking_customer_info');
SELECT pdp.tag_column('accounts', 'iban', 'banking_customer_info');
SELECT pdp.define_purpose('billing', 'billing', 'contract');
SELECT pdp.allow('billing', 'full_name');
SELECT pdp.allow('billing', 'banking_customer_info');
CREATE ROLE app LOGIN;
GRANT SELECT ON customers, accounts TO app;
SELECT pdp.grant_purpose('app', 'billing');
ALTER ROLE app SET pdp.purpose = 'billing';
});
	return $node;
}

# a protected table "people" (phone tagged, subject id) readable by app
# under the consent purpose news, with the given subjects consenting
sub protected_people
{
	my ($node, @consenting) = @_;
	my $subjects = join(', ', map { "'$_'" } @consenting);
	$node->safe_psql('postgres', qq{
CREATE TABLE people (id int PRIMARY KEY, phone text);
INSERT INTO people SELECT g, '09' || g FROM generate_series(1, 10) g;
GRANT SELECT ON people TO app;
SELECT pdp.tag_column('people', 'phone', 'phone_number');
SELECT pdp.set_subject_column('people', 'id');
SELECT pdp.protect_rows('people');
SELECT pdp.define_purpose('news', 'newsletter', 'consent');
SELECT pdp.allow('news', 'phone_number');
SELECT pdp.grant_purpose('app', 'news');
SELECT pdp.import_consents('news', ARRAY[$subjects]);
});
	return;
}

# number of audit rows matching a condition, once everything queued is written
sub events
{
	my ($node, $where) = @_;
	$node->safe_psql('postgres', 'SELECT pdp.flush_audit()');
	return $node->safe_psql('postgres', "SELECT count(*) FROM pdp.audit_log WHERE $where");
}

# run a pgbench script as role app; returns pgbench's exit status
sub pgbench
{
	my ($node, $clients, $transactions, $script, $name) = @_;
	my $file = "${PostgreSQL::Test::Utils::tmp_check}/$name.sql";
	open my $fh, '>', $file or die;
	print $fh $script;
	close $fh;
	local %ENV = %ENV;
	$ENV{PGHOST} = $node->host;
	$ENV{PGPORT} = $node->port;
	return system('pgbench', '-n', '-U', 'app', '-c', $clients, '-j', 2,
		'-t', $transactions, '-f', $file, 'postgres');
}

1;
