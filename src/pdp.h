/*-------------------------------------------------------------------------
 * pdp.h
 *	  Declarations shared by the pdp source files.
 *
 * pdp checks every executor read of a column tagged as personal data
 * against the purpose the session declared (pdp.purpose) and logs or refuses
 * it (pdp.mode).
 *-------------------------------------------------------------------------
 */
#ifndef PDP_H
#define PDP_H

#include "postgres.h"

#include "fmgr.h"
#include "nodes/bitmapset.h"
#include "nodes/pg_list.h"
#include "nodes/plannodes.h"
#include "utils/timestamp.h"

#include "mask.h"

#define PDP_PROVIDER		"pdp"
#define PDP_SCHEMA			"pdp"
#define PDP_EXTENSION_NAME	"pdp"
#define PDP_ADMIN_ROLE		"pdp_admin"
#define PDP_BACKUP_ROLE		"pdp_backup"	/* backup.c */
#define PDP_ROW_POLICY		"pdp_consent"	/* see pdp.protect_rows() */

/* pdp.mode */
typedef enum PdpMode
{
	PDP_MODE_OFF,
	PDP_MODE_LOG,
	PDP_MODE_ENFORCE
} PdpMode;

/* pdp.purpose_scope */
typedef enum PdpPurposeScope
{
	PDP_SCOPE_SESSION,
	PDP_SCOPE_TRANSACTION
} PdpPurposeScope;

/* Outcome of the check of one column read; order matters, see decide.c */
typedef enum PdpDecision
{
	PDP_ALLOWED,
	PDP_BYPASS,
	PDP_MASKED,					/* served masked (mask.h) */
	PDP_NO_PURPOSE,
	PDP_UNKNOWN_PURPOSE,
	PDP_PURPOSE_NOT_GRANTED,
	PDP_CATEGORY_NOT_ALLOWED,
	PDP_MASKED_ONLY				/* masked for the purpose, but the statement
								 * uses stored values no mask stands in for */
} PdpDecision;

/*
 * Columns of one relation that a statement reads.  Attribute numbers are
 * stored offset by FirstLowInvalidHeapAttributeNumber, as in RTE
 * selectedCols; attribute 0 (whole row) means every column.
 */
typedef struct PdpRelRead
{
	Oid			relid;
	Bitmapset  *cols;
	Bitmapset  *wrapped;		/* of cols, those read through pdp._mask() */
	Bitmapset  *evaluated;		/* of cols, those the executor evaluates over
								 * stored rows: triggers, constraints, ON
								 * CONFLICT (no mask can stand in) */
} PdpRelRead;

/* One tagged column of a relation, as cached (reltags.c) */
typedef struct PdpColumnTag
{
	AttrNumber	attnum;
	char	   *category;
	char	   *attname;
	/* decide.c's memo: decision, valid while stamp is the current context */
	uint64		stamp;
	PdpDecision decision;
	PdpMaskKind mask;			/* PDP_MASKED: which */
	bool		sensitive;
} PdpColumnTag;

/* A relation's tags, name and row protection, as cached (reltags.c) */
typedef struct PdpRelInfo
{
	Oid			relid;
	uint64		version;		/* unique per build in this backend: what a
								 * cache built from it was built from */
	const char *name;			/* schema-qualified, quoted as needed */
	bool		protected;		/* has pdp's row filter policy */
	bool		unprotected_partition;	/* no policy, under an ancestor with one */
	int			ntags;
	PdpColumnTag *tags;
} PdpRelInfo;

/* What a purpose's legal basis means for row-level consent checks */
typedef enum PdpBasis
{
	PDP_BASIS_UNKNOWN,			/* no such purpose */
	PDP_BASIS_CONSENT,			/* rows need the subject's consent */
	PDP_BASIS_LEGAL_OBLIGATION, /* sees restricted subjects too */
	PDP_BASIS_OTHER
} PdpBasis;

/* pdp.c: settings */
extern int	pdp_mode;
extern char *pdp_purpose;
extern int	pdp_purpose_scope;
extern int	pdp_bulk_read_threshold;
extern int	pdp_quota_max_entries;
extern const char *pdp_server_name(void);

/* columns.c: columns of pdp's own tables, by name and type */
struct RelationData;
typedef struct PdpColumnSpec
{
	const char *name;
	Oid			type;
} PdpColumnSpec;
extern void pdp_map_columns(struct RelationData *rel, const PdpColumnSpec *spec,
							int n, AttrNumber *attnums);
struct TupleDescData;
extern Oid	pdp_attribute_type(struct TupleDescData *desc, const char *name);

/* config.c: configuration cache */
extern void pdp_config_init(void);
extern bool pdp_extension_present(void);
extern Oid	pdp_extension_relid(const char *name);
extern void pdp_config_ensure(void);
extern uint64 pdp_config_generation(void);
extern bool pdp_category_known(const char *category, bool *sensitive);
extern bool pdp_purpose_known(const char *purpose);
extern PdpBasis pdp_purpose_basis(const char *purpose);
extern bool pdp_purpose_granted(const char *purpose, Oid roleid);
extern bool pdp_category_allowed(const char *purpose, const char *category);
extern bool pdp_category_access(const char *purpose, const char *category,
								PdpMaskKind *mask, char *function, Size fsize);
extern bool pdp_config_has_masks(void);
extern bool pdp_purpose_limits(const char *purpose, Oid role, int64 *max_rows,
							   int64 *max_day);

/* reltags.c: tags of each relation */
extern void pdp_reltags_init(void);
extern PdpRelInfo *pdp_relinfo_pin(Oid relid);
extern void pdp_relinfo_unpin(PdpRelInfo *info);
extern bool pdp_relation_has_tags(Oid relid, bool *protected);
extern bool pdp_relation_protected(Oid relid);
extern bool pdp_relation_unprotected_partition(Oid relid);
extern char *pdp_relation_name(Oid relid);
extern List *pdp_column_labels(Oid relid, const char *provider);

/* analyze.c: which columns of which relations a plan reads */
extern List *pdp_plan_reads(PlannedStmt *pstmt);
extern bool pdp_function_may_keep_values(Node *node);
extern bool pdp_runs_user_code(Node *expr);

/* A statement's bulk-disclosure limits (-1: none), for its row guard */
typedef struct PdpLimitSpec
{
	int64		max_rows;
	int64		max_day;
	bool		enforce;		/* stop, or only record */
	bool		sensitive;
	const char *relation;		/* pinned by the statement */
} PdpLimitSpec;

/* limits.c: daily quotas in shared memory */
extern Size pdp_limits_shmem_size(void);
extern void pdp_limits_shmem_request(void);
extern void pdp_limits_shmem_init(void);

/* limits.c: the counts of one (database, role, purpose), outside the table */
#define PDP_QUOTA_BUCKETS	96	/* of 15 minutes: a rolling 24 hours */
#define PDP_QUOTA_COUNT_MAX (PG_INT64_MAX / (4 * PDP_QUOTA_BUCKETS))	/* a bucket */
typedef struct PdpQuotaCounts
{
	Oid			dbid;
	Oid			role;
	char		purpose[NAMEDATALEN];
	int64		last_bucket;	/* absolute number of the newest bucket */
	int64		counts[PDP_QUOTA_BUCKETS];	/* bucket b at [b % PDP_QUOTA_BUCKETS] */
} PdpQuotaCounts;
extern int64 pdp_quota_bucket_now(void);
extern void pdp_quota_advance(PdpQuotaCounts *c, int64 now_bucket);
extern int	pdp_quota_own(PdpQuotaCounts **out, uint64 *changes);
extern uint64 pdp_quota_changes(void);
extern int	pdp_quota_set_remote(const PdpQuotaCounts *sums, int n);
extern bool pdp_quota_seed_pending(void);
extern bool pdp_quota_seed(const PdpQuotaCounts *own, int n);

/* quota_cluster.c: daily quotas for a primary and its hot standbys */
extern bytea *pdp_quota_export(void);
extern void pdp_quota_load_remote(void);
extern void pdp_quota_writer_cycle(void);
extern bool pdp_quota_standby_load(void);

/* audit_hash.c: SHA-256 of a then b (b may be empty) */
extern void pdp_sha256_2(const uint8 *a, size_t alen, const uint8 *b, size_t blen,
						 uint8 *out);

/* audit_event.c */
extern char *pdp_clip_query(const char *query, MemoryContext cxt);

/* label.c */
struct TriggerData;
extern void pdp_label_init(void);
extern struct TriggerData *pdp_trigger_data(FunctionCallInfo fcinfo, const char *name);
extern void pdp_require_admin(const char *what);
extern void pdp_require_user_relation(Oid relid);
extern void pdp_record_label_event(Oid relid, AttrNumber attnum, const char *what,
								   const char *category);
extern void pdp_tag_column_with(Oid relid, AttrNumber attnum, const char *category,
								const char *detail);
extern void pdp_require_purpose_holder(const char *purpose, const char *what);
extern Oid	pdp_relation_arg(FunctionCallInfo fcinfo, int argno);
extern AttrNumber pdp_column_arg(FunctionCallInfo fcinfo, int argno, Oid relid);

/* binary_upgrade.c: what pdp does in a server pg_upgrade started */
struct ObjectAddress;
extern void pdp_binary_upgrade_relabel(const struct ObjectAddress *object,
									   const char *seclabel);

/* subject.c: the "pdp_subject" label provider */
#define PDP_SUBJECT_PROVIDER	"pdp_subject"
#define PDP_SUBJECT_LABEL		"subject"
extern void pdp_subject_init(void);

/* consent_changes.c: which subjects' consent or restriction changed */
#define PDP_CHANGE_SUBJECT_MAX	256
typedef struct PdpConsentChange
{
	bool		restriction;	/* a restriction; else consent for purpose */
	char		purpose[NAMEDATALEN];
	int			len;
	char		subject[PDP_CHANGE_SUBJECT_MAX];
} PdpConsentChange;
typedef void (*pdp_change_fn) (const PdpConsentChange *change);
extern Size pdp_consent_changes_shmem_size(void);
extern void pdp_consent_changes_shmem_request(void);
extern void pdp_consent_changes_shmem_init(void);
extern void pdp_consent_changes_init(void);
extern uint64 pdp_consent_generation(void);
extern bool pdp_consent_changes_since(uint64 *seen, pdp_change_fn fn);
extern bool pdp_consent_local_changes(uint64 *seen_local, pdp_change_fn fn);

/* consent.c: consent and restriction cache */
typedef struct SubjectSet SubjectSet;
extern void pdp_consent_init(void);
extern void pdp_consent_sync(void);
extern void pdp_consent_sets(const char *purpose, SubjectSet **consented,
							 SubjectSet **restricted);
extern void pdp_consent_release(SubjectSet *set);

/* subjectset.c: a set of subject ids, freed when its last holder lets go */
extern SubjectSet *subjectset_create(MemoryContext parent);
extern void subjectset_pin(SubjectSet *s);
extern void subjectset_unpin(SubjectSet *s);
extern void subjectset_add(SubjectSet *s, const char *p, int len, TimestampTz expires);
extern void subjectset_finish(SubjectSet *s);
extern bool subjectset_remove(SubjectSet *s, const char *p, int len);
extern bool subjectset_is_empty(SubjectSet *s);
extern bool subjectset_contains(SubjectSet *s, const char *p, int len, TimestampTz now);
extern bool subjectset_contains_int(SubjectSet *s, int64 v, TimestampTz now);

/* rights.c: pdp's own statements on subject tables */
struct QueryDesc;
extern bool pdp_rights_exempt(struct QueryDesc *qd, Oid *relid);
extern Oid	pdp_acting_role(void);
struct SPITupleTable;
typedef void (*PdpOwnerRows) (struct SPITupleTable *rows, uint64 n, void *arg);
extern uint64 pdp_select_as_owner(Oid relid, const char *sql, PdpOwnerRows consume,
								  void *arg);

/* ddl.c: utility statements over existing rows (reads, lineage, DETACH) */
typedef struct PdpDdl PdpDdl;
extern PdpDdl *pdp_ddl_begin(PlannedStmt *pstmt, const char *query, bool decide);
extern void pdp_ddl_end(PdpDdl *ddl);
extern void pdp_ddl_release(PdpDdl *ddl);
extern void pdp_ddl_guard_triggers(Node *parsetree);

/* purpose_scope.c: how long a declared purpose lasts */
extern void pdp_purpose_scope_init(void);
extern void pdp_purpose_scope_utility(Node *parsetree, bool toplevel);

/* hooks.c */
extern void pdp_hooks_init(void);

/* inputs.c: text from outside, checked or made valid (see its header) */
#include "utils/guc.h"
extern bool pdp_check_purpose_value(char **newval, void **extra, GucSource source);
extern const char *pdp_text_clean(const char *s, int len, int *outlen);

#endif							/* PDP_H */
