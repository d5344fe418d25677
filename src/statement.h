/*-------------------------------------------------------------------------
 * statement.h
 *	  One record per executed statement that pdp watches: what it decided
 *	  when the statement started, and what it still has to do when it ends.
 *
 * The record lives in the statement's own memory (the executor's
 * es_query_cxt), is found through the statement's EState, and goes away
 * with it; a callback on that memory finishes what ExecutorEnd did not
 * (a statement ended by an error).  A cursor is one statement, from
 * DECLARE to CLOSE.  Nothing here is kept in backend-global lists.
 *
 * The snapshot fields are set once, when the statement starts, and are
 * what every later check of the statement uses: the purpose and the role
 * in force at its start, whatever the session does meanwhile.
 *-------------------------------------------------------------------------
 */
#ifndef PDP_STATEMENT_H
#define PDP_STATEMENT_H

#include "pdp.h"

#include "executor/execdesc.h"
#include "nodes/execnodes.h"

struct PdpStmtEvents;			/* audit_event.c */
struct PdpFlow;					/* flow.h */
struct RowGuard;				/* limits.c */
struct PdpDetails;				/* details.c */

typedef struct PdpStatement
{
	/* snapshot, set by statement.c when the statement starts */
	MemoryContext cxt;			/* the statement's memory (es_query_cxt) */
	const char *command;		/* SELECT, UPDATE, ..., COPY */
	const char *query;			/* source text, clipped, in cxt */
	const char *source;			/* source text as the executor has it */
	List	   *rtable;			/* the plan's range table */
	PlannedStmt *pstmt;			/* the plan (rowfilter.c: who calls the filter) */
	uint64		query_id;
	Oid			role;			/* the role that counts: pdp_acting_role() */
	const char *role_name;		/* its name, as the statement's events give it */
	bool		superuser;
	PdpMode		mode;			/* pdp.mode */
	const char *purpose;		/* pdp.purpose; NULL when none is declared */
	TimestampTz start_time;
	Oid			exempt_relid;	/* pdp's own statement on this relation (rights.c) */
	bool		ended;			/* ExecutorEnd has run */
	bool		backup;			/* a backup read (backup.c): every row, recorded */
	bool		whole_copy;		/* COPY table TO: must not lack rows (rowfilter.c) */

	/* parts, each owned by the file named */
	List	   *relinfos;		/* decide.c: PdpRelInfo pinned for the statement */
	struct PdpStmtEvents *events;	/* audit_event.c: events waiting for the end */
	struct RowGuard *guard;		/* limits.c: the row guard */
	List	   *filters;		/* rowfilter.c: row filters of protected tables */
	bool		consent_pinned; /* consent.c: sets below are pinned */
	struct SubjectSet *consented;	/* subjects consenting to purpose */
	struct SubjectSet *restricted;	/* restricted subjects */
	struct PdpDetails *details; /* details.c: columns error details withhold */
	List	   *masks;			/* decide.c: PdpStatementMask, each tagged
								 * column it reads and its mask (none for a
								 * full read), as decided when it started */
} PdpStatement;

/* a column a statement reads masked, and through which mask (mask_exec.c) */
typedef struct PdpStatementMask
{
	Oid			relid;
	AttrNumber	attnum;
	char	   *attname;
	PdpMaskKind kind;			/* PDP_MASK_NONE: read in full */
	char	   *function;		/* PDP_MASK_CUSTOM: its signature */
} PdpStatementMask;

/* statement.c */
extern PdpStatement *pdp_statement_begin(QueryDesc *qd, const char *command);
extern PdpStatement *pdp_statement_begin_utility(MemoryContext cxt, const char *command,
												 const char *source);
extern PdpStatement *pdp_statement_of(EState *estate);
extern PdpStatement *pdp_statement_around(MemoryContext cxt);
extern void pdp_statement_end(PdpStatement *st, QueryDesc *qd);
extern void pdp_statement_consent(PdpStatement *st);
extern bool pdp_statement_exempt(PdpStatement *st, Oid relid);

/*
 * decide.c's memory of one plan (hooks.c keeps it with the plan, in the
 * plan's own memory context cxt): the events it built for the plan's last
 * execution, reused while nothing they say has changed.
 */
typedef struct PdpPlanCache
{
	MemoryContext cxt;			/* the plan's */
	struct PlanEvent *events;	/* decide.c */
} PdpPlanCache;

/*
 * decide.c; flow, qd and cache are NULL for a utility statement (no plan,
 * no limits)
 */
extern void pdp_decide(PdpStatement *st, List *reads, const struct PdpFlow *flow,
					   QueryDesc *qd, PdpPlanCache *cache);
extern PdpDecision pdp_decide_column(const PdpStatement *st, PdpColumnTag *t,
									   PdpMaskKind *mask);
extern const char *pdp_decision_label(PdpDecision d);
extern void pdp_refuse_masked_fill(PdpStatement *st);

/* details.c: error details withhold what the statement may not read */
extern void pdp_details_init(void);
extern void pdp_details_prepare(PdpStatement *st, PlannedStmt *pstmt);
extern bool pdp_details_push(PdpStatement *st, ErrorContextCallback *cb);
extern void pdp_details_pop(ErrorContextCallback *cb);
extern bool pdp_details_utility(Oid relid, const char *command, const char *query,
								MemoryContext cxt, ErrorContextCallback *cb);
extern bool pdp_details_set_constraints(ErrorContextCallback *cb);

/* audit_event.c: the statement's events */
extern void pdp_audit_statement_rows(PdpStatement *st, uint64 rows);
extern void pdp_audit_statement_end(PdpStatement *st, QueryDesc *qd);
extern void pdp_audit_top_statement_start(void);
extern Index pdp_scan_relid(const Plan *plan);
extern void pdp_audit_statement_abort(PdpStatement *st);
extern bool pdp_audit_statement_pending(PdpStatement *st);

/* limits.c: the row guard */
extern void pdp_guard_install(PdpStatement *st, QueryDesc *qd, const PdpLimitSpec *spec,
							  List *plan_node_ids);
extern void pdp_guard_end(PdpStatement *st);
extern void pdp_guard_uncountable(PdpStatement *st, const PdpLimitSpec *spec);

/* backup.c */
extern bool pdp_backup_read(QueryDesc *qd, Oid role, bool superuser);
extern bool pdp_statement_top_level(QueryDesc *qd);	/* hooks.c */
extern void pdp_backup_check_policies(QueryDesc *qd);

/* rowfilter.c */
extern void pdp_rowfilter_statement_end(PdpStatement *st, bool may_wait);
extern void pdp_check_row_protection(PdpStatement *st, QueryDesc *qd);

#endif							/* PDP_STATEMENT_H */
