# pdp: PGXS build, plus the two commands of the quick start.
#   make demo   install what is missing, build, run the guided tour
#   make test   install what is missing, build, run every suite
# Both use throwaway clusters with shared_preload_libraries = 'pdp'.

EXTENSION = pdp
MODULE_big = pdp
OBJS = src/pdp.o src/columns.o src/config.o src/reltags.o src/analyze.o src/statement.o \
	src/decide.o src/label.o src/hooks.o src/audit_record.o src/audit_queue.o \
	src/audit_event.o src/audit_commit.o src/audit_writer.o src/audit_hash.o src/audit_chain.o \
	src/audit_admin.o src/limits.o src/subject.o src/consent.o src/consent_changes.o \
	src/subjectset.o src/rowfilter.o src/rights.o src/flow.o src/lineage.o src/ddl.o \
	src/details.o src/inputs.o src/audit_inbox.o src/purpose_scope.o \
	src/backup.o src/binary_upgrade.o src/quota_cluster.o src/audit_sender.o \
	src/audit_summary.o src/discover.o src/discover_names.o src/discover_values.o src/discover_rules.o \
	src/mask_builtin.o src/mask_exec.o src/mask_rewrite.o
DATA = extension/pdp--1.0.sql extension/pdp--1.0--1.1.sql
PGFILEDESC = "pdp - purpose-bound access to personal data"
# the audit chain's SHA-256 calls OpenSSL directly when the server uses it
# (recursive: with_ssl comes from PGXS below)
SHLIB_LINK = $(if $(filter openssl,$(with_ssl)),-lcrypto)
# a standby's audit sender connects to the primary with libpq (as dblink does)
PG_CPPFLAGS = -I$(libpq_srcdir)
SHLIB_LINK_INTERNAL = $(libpq)

REGRESS = setup config tagging enforce paths partitions views_functions audit limits \
	log_mode invalidation copy consent dump_restore lifetimes escalation consent_import planted_schema \
	leak_flow leak_ddl leak_details leak_inputs pooled_purpose quota_cluster summary discover \
	discover_attacks comments mask_builtin mask
REGRESS_OPTS = --inputdir=. --load-extension=pdp

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PGXS := $(wildcard $(shell $(PG_CONFIG) --pgxs 2>/dev/null))

all:

ifneq ($(PGXS),)
include $(PGXS)
endif

# every file includes pdp.h and most audit.h: a changed shared-memory
# struct (or discover.h's evidence) must not leave objects built against
# the old layout
$(OBJS): $(wildcard src/*.h)

.PHONY: deps test demo bench fuzz

deps:
	scripts/install-deps.sh

test: deps
	scripts/test.sh

demo: deps
	scripts/demo.sh

bench: deps
	tests/bench/run.sh
	tests/bench/limits.sh
	tests/bench/statement.sh
	tests/bench/simple.sh
	tests/bench/consent.sh
	tests/bench/consent_import.sh
	tests/bench/standby.sh
	tests/bench/standby_delay.sh
	tests/bench/standby_consent.sh
	tests/bench/verify.sh
	tests/bench/discover.sh
	tests/bench/mask.sh

# crash-test with SQLsmith random queries (not part of make test)
fuzz: deps
	scripts/fuzz.sh

# every suite again on a PostgreSQL 15 built from Debian's source package with
# assertions (scripts/hardened.sh; not part of make test, CI runs both)
.PHONY: hardened
hardened: deps
	scripts/hardened.sh
