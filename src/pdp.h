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

#define PDP_PROVIDER		"pdp"
#define PDP_SCHEMA			"pdp"
#define PDP_EXTENSION_NAME	"pdp"
#define PDP_ADMIN_ROLE		"pdp_admin"
#define PDP_ROW_POLICY		"pdp_consent"	/* see pdp.protect_rows() */

/* pdp.mode */
typedef enum PdpMode
{
	PDP_MODE_OFF,
	PDP_MODE_LOG,
	PDP_MODE_ENFORCE
} PdpMode;

/* Outcome of the check of one column read; order matters, see decide.c */
typedef enum PdpDecision
{
	PDP_ALLOWED,
	PDP_BYPASS,
	PDP_NO_PURPOSE,
	PDP_UNKNOWN_PURPOSE,
	PDP_PURPOSE_NOT_GRANTED,
	PDP_CATEGORY_NOT_ALLOWED
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
} PdpRelRead;

/* One tagged column of a relation, as cached */
typedef struct PdpColumnTag
{
	AttrNumber	attnum;
	char	   *category;
	char	   *attname;
	/* decide.c's memo: decision, valid while stamp is the current context */
	uint64		stamp;
	PdpDecision decision;
	bool		sensitive;
} PdpColumnTag;

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
extern int	pdp_bulk_read_threshold;
extern int	pdp_quota_max_entries;

/* cache.c: metadata cache */
extern void pdp_cache_init(void);
extern bool pdp_extension_present(void);
extern Oid	pdp_extension_relid(const char *name);
extern PdpColumnTag *pdp_relation_tags(Oid relid, int *ntags);
extern PdpColumnTag *pdp_relation_info(Oid relid, int *ntags, bool *protected);
extern uint64 pdp_config_generation(void);
extern const char *pdp_relation_name(Oid relid);
extern bool pdp_relation_protected(Oid relid);
extern List *pdp_column_labels(Oid relid, const char *provider);
extern bool pdp_category_known(const char *category, bool *sensitive);
extern bool pdp_purpose_known(const char *purpose);
extern PdpBasis pdp_purpose_basis(const char *purpose);
extern bool pdp_purpose_granted(const char *purpose, Oid roleid);
extern bool pdp_category_allowed(const char *purpose, const char *category);
extern bool pdp_purpose_limits(const char *purpose, Oid role, int64 *max_rows,
							   int64 *max_day);

/* analyze.c: which columns of which relations a plan reads */
extern List *pdp_plan_reads(PlannedStmt *pstmt);

/* A statement's bulk-disclosure limits; -1: none */
typedef struct PdpLimitSpec
{
	int64		max_rows;
	int64		max_day;
	bool		enforce;		/* stop, or only record */
	bool		sensitive;
	Oid			role;
	char	   *purpose;
	char	   *relation;
	const char *command;
	char	   *query;
} PdpLimitSpec;

/* decide.c: decisions, enforcement and audit events */
struct QueryDesc;
extern bool pdp_check_reads(List *reads, struct QueryDesc *qd,
							const char *command, const char *query,
							PdpLimitSpec *limit);

/* limits.c */
extern void pdp_limits_init(void);
extern void pdp_guard_install(struct QueryDesc *qd, const PdpLimitSpec *spec);
extern void pdp_guard_end(struct QueryDesc *qd);

/* label.c */
struct TriggerData;
extern void pdp_label_init(void);
extern struct TriggerData *pdp_trigger_data(FunctionCallInfo fcinfo, const char *name);
extern void pdp_require_admin(const char *what);
extern void pdp_record_label_event(Oid relid, AttrNumber attnum, const char *what,
								   const char *category);
extern void pdp_require_purpose_holder(const char *purpose, const char *what);
extern Oid	pdp_relation_arg(FunctionCallInfo fcinfo, int argno);
extern AttrNumber pdp_column_arg(FunctionCallInfo fcinfo, int argno, Oid relid);

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
extern void pdp_consent_changes_init(void);
extern uint64 pdp_consent_generation(void);
extern bool pdp_consent_changes_since(uint64 *seen, pdp_change_fn fn);
extern bool pdp_consent_local_changes(pdp_change_fn fn);

/* consent.c: consent and restriction cache */
extern void pdp_consent_init(void);
extern void pdp_consent_sync(void);
typedef struct SubjectSet SubjectSet;
extern SubjectSet *pdp_consented_set(const char *purpose);
extern SubjectSet *pdp_restricted_set(void);

/* subjectset.c: a set of subject ids */
extern SubjectSet *subjectset_create(MemoryContext cxt);
extern void subjectset_add(SubjectSet *s, const char *p, int len, TimestampTz expires);
extern void subjectset_finish(SubjectSet *s);
extern bool subjectset_remove(SubjectSet *s, const char *p, int len);
extern bool subjectset_is_empty(SubjectSet *s);
extern bool subjectset_contains(SubjectSet *s, const char *p, int len, TimestampTz now);
extern bool subjectset_contains_int(SubjectSet *s, int64 v, TimestampTz now);

/* rowfilter.c */
extern void pdp_rowfilter_executor_end(struct QueryDesc *qd, const char *command);
extern void pdp_check_row_protection(struct QueryDesc *qd, const char *command);
extern uint64 pdp_statement_serial;

/* hooks.c */
extern void pdp_hooks_init(void);

#endif							/* PDP_H */
