/*-------------------------------------------------------------------------
 * rowfilter.c
 *	  The row filter of protected tables: pdp._row_visible(rel, subject).
 *
 * pdp.protect_rows() puts a RESTRICTIVE row-level security policy on a
 * table whose expression calls pdp._row_visible with the table and the
 * row's subject.  Under a purpose with legal basis consent a row is
 * visible when its subject has a grant in force for the purpose; under
 * every purpose but legal_obligation (and under none) a row of a
 * restricted subject is hidden.  In log mode nothing is hidden and the
 * rows that would have been are counted.
 *
 * Per row this is a compare and one or two set probes.  What the filter
 * needs is worked out at its first row and kept in fn_extra, which lives
 * in the statement's memory: the purpose and mode of the statement's
 * snapshot (statement.h), and the consent sets the statement has pinned,
 * so no consent change processed during the statement (a has_consent()
 * call in the same query, say) can free them under the filter.
 *
 * Rows hidden (or that would have been) are counted per filter; when the
 * statement ends one audit event per relation says how many: decision
 * "hidden" (enforce) or "violation" (log), reason "no_consent" or
 * "restricted".  The event is prepared at the first row, so a statement
 * ended by an error can still write it without reading catalogs.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/xact.h"
#include "catalog/pg_class.h"
#include "executor/execdesc.h"
#include "nodes/execnodes.h"
#include "miscadmin.h"
#include "parser/parsetree.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/rls.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(pdp_row_visible);
PG_FUNCTION_INFO_V1(pdp_row_visible_int8);

typedef enum FilterHow
{
	FILTER_NONE,				/* every row visible */
	FILTER_RESTRICTED,			/* hide restricted subjects */
	FILTER_CONSENT				/* ... and subjects without consent */
} FilterHow;

typedef struct RowFilter
{
	PdpStatement *st;			/* the statement it filters for */
	Oid			relid;
	FilterHow	how;
	bool		log_only;
	TimestampTz now;
	SubjectSet *consented;		/* pinned by the statement */
	SubjectSet *restricted;
	int64		hidden_consent;
	int64		hidden_restricted;
	PdpEvent   *ev;				/* the hidden-rows event, prepared */
} RowFilter;

/* room the event keeps for what is only known at the end */
#define EVENT_TAIL_BYTES 256

/*
 * The legal basis of the statement's declared purpose decides what it
 * sees, whether or not the role holds it: holding it is what the column
 * checks ask (decide.c); the rows are the data set of the declared purpose.
 */
static PdpBasis
basis_of(const char *purpose)
{
	if (purpose == NULL)
		return PDP_BASIS_UNKNOWN;
	return pdp_purpose_basis(purpose);
}

/* Does the statement's range table read relid (its RLS quals come from there)? */
static bool
statement_reads(PdpStatement *st, Oid relid)
{
	ListCell   *lc;

	foreach(lc, st->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);

		if (rte->rtekind == RTE_RELATION && rte->relid == relid)
			return true;
	}
	return false;
}

/*
 * Called as a plain function rather than by a policy of a table the
 * statement reads, the filter would tell anyone who consented to what:
 * then the caller must be allowed to read the table itself.
 */
static void
check_direct_call(Oid relid)
{
	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for table %s", get_rel_name(relid)),
				 errdetail("pdp._row_visible() is the row filter of protected tables; called directly, it needs SELECT on the table.")));
}

static RowFilter *
filter_setup(FunctionCallInfo fcinfo)
{
	MemoryContext cxt = fcinfo->flinfo->fn_mcxt;
	PdpStatement *st = pdp_statement_around(cxt);
	RowFilter  *f;
	PdpBasis	basis;
	MemoryContext old;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("relation must not be NULL")));
	if (st == NULL || !statement_reads(st, PG_GETARG_OID(0)))
		check_direct_call(PG_GETARG_OID(0));
	if (st == NULL)
		return NULL;			/* not a statement pdp watches: decided per call */

	old = MemoryContextSwitchTo(cxt);
	f = palloc0(sizeof(RowFilter));
	f->st = st;
	f->relid = PG_GETARG_OID(0);
	f->how = FILTER_NONE;
	f->log_only = (st->mode == PDP_MODE_LOG);
	f->now = st->start_time;
	if (st->mode != PDP_MODE_OFF && !pdp_statement_exempt(st, f->relid))
	{
		basis = basis_of(st->purpose);
		if (basis != PDP_BASIS_LEGAL_OBLIGATION)
		{
			pdp_statement_consent(st);
			f->restricted = subjectset_is_empty(st->restricted) ? NULL : st->restricted;
			if (basis == PDP_BASIS_CONSENT)
			{
				f->consented = st->consented;
				f->how = FILTER_CONSENT;
			}
			else if (f->restricted != NULL)
				f->how = FILTER_RESTRICTED;
		}
	}
	if (f->how != FILTER_NONE)
	{
		f->ev = pdp_event_new("access", f->log_only ? "violation" : "hidden", NULL);
		pdp_event_statement(f->ev, st);
		pdp_event_set(f->ev, RS_RELATION, pdp_relation_name(f->relid));
		pdp_event_reserve(f->ev, EVENT_TAIL_BYTES);
		st->filters = lappend(st->filters, f);
	}
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = f;
	return f;
}

/*
 * Outside a watched statement (pdp.mode off, or a direct call): decide
 * this one row with the session's settings as they are now.
 */
static bool
visible_now(const char *subj, int len, int64 ival, bool isnull)
{
	PdpBasis	basis;
	SubjectSet *consented = NULL;
	SubjectSet *restricted = NULL;
	const char *purpose = (pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL;
	TimestampTz now = GetCurrentStatementStartTimestamp();
	bool		visible = true;

	if (pdp_mode != PDP_MODE_ENFORCE || !pdp_extension_present())
		return true;
	basis = basis_of(purpose);
	if (basis == PDP_BASIS_LEGAL_OBLIGATION)
		return true;
	pdp_consent_sync();
	pdp_consent_sets(basis == PDP_BASIS_CONSENT ? purpose : NULL, &consented, &restricted);
	if (isnull)
		visible = (basis != PDP_BASIS_CONSENT);
	else if (subj ? subjectset_contains(restricted, subj, len, now) :
			 subjectset_contains_int(restricted, ival, now))
		visible = false;
	else if (basis == PDP_BASIS_CONSENT)
		visible = subj ? subjectset_contains(consented, subj, len, now) :
			subjectset_contains_int(consented, ival, now);
	pdp_consent_release(consented);
	pdp_consent_release(restricted);
	return visible;
}

/* subj/len: the subject's text; NULL: the integer ival */
static inline bool
row_visible(FunctionCallInfo fcinfo, const char *subj, int len, int64 ival, bool isnull)
{
	RowFilter  *f = (RowFilter *) fcinfo->flinfo->fn_extra;

	if (unlikely(f == NULL))
	{
		f = filter_setup(fcinfo);
		if (f == NULL)
			return visible_now(subj, len, ival, isnull);
	}
	if (f->how == FILTER_NONE)
		return true;
	if (isnull)
	{
		if (f->how != FILTER_CONSENT)
			return true;
		f->hidden_consent++;	/* nobody to have consented */
		return f->log_only;
	}
	if (f->restricted &&
		(subj ? subjectset_contains(f->restricted, subj, len, f->now) :
		 subjectset_contains_int(f->restricted, ival, f->now)))
	{
		f->hidden_restricted++;
		return f->log_only;
	}
	if (f->how == FILTER_CONSENT &&
		!(subj ? subjectset_contains(f->consented, subj, len, f->now) :
		  subjectset_contains_int(f->consented, ival, f->now)))
	{
		f->hidden_consent++;
		return f->log_only;
	}
	return true;
}

/* pdp._row_visible(rel regclass, subject text) */
Datum
pdp_row_visible(PG_FUNCTION_ARGS)
{
	text	   *subject;

	if (PG_ARGISNULL(1))
		PG_RETURN_BOOL(row_visible(fcinfo, NULL, 0, 0, true));
	subject = PG_GETARG_TEXT_PP(1);
	PG_RETURN_BOOL(row_visible(fcinfo, VARDATA_ANY(subject),
							   VARSIZE_ANY_EXHDR(subject), 0, false));
}

/* pdp._row_visible(rel regclass, subject bigint): integer subject columns */
Datum
pdp_row_visible_int8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		PG_RETURN_BOOL(row_visible(fcinfo, NULL, 0, 0, true));
	PG_RETURN_BOOL(row_visible(fcinfo, NULL, 0, PG_GETARG_INT64(1), false));
}

/*
 * The statement ends, or its memory goes away after an error (then during
 * abort: no catalog access here, the events were prepared): record the
 * rows its filters hid, one event per filter.
 */
void
pdp_rowfilter_statement_end(PdpStatement *st, bool may_wait)
{
	ListCell   *lc;

	foreach(lc, st->filters)
	{
		RowFilter  *f = lfirst(lc);
		int64		no_consent = f->hidden_consent;
		int64		restricted = f->hidden_restricted;
		int64		hidden = no_consent + restricted;
		char		detail[EVENT_TAIL_BYTES];

		if (hidden == 0 || f->ev == NULL)
			continue;
		f->hidden_consent = f->hidden_restricted = 0;
		pdp_event_set(f->ev, RS_REASON, no_consent > 0 ? "no_consent" : "restricted");
		pdp_event_rows(f->ev, hidden);
		snprintf(detail, sizeof(detail),
				 "{\"rows_hidden\": " INT64_FORMAT ", \"no_consent\": " INT64_FORMAT
				 ", \"restricted\": " INT64_FORMAT ", \"hidden\": %s}",
				 hidden, no_consent, restricted, f->log_only ? "false" : "true");
		pdp_event_set(f->ev, RS_DETAIL, detail);
		pdp_event_record(f->ev, may_wait);
		f->ev = NULL;
	}
}

/*
 * A partition of a protected table created without pdp's policy (while
 * the event trigger that adds it could not see it): read directly, it
 * would show every row of subjects without consent.  Refused (enforce) or
 * recorded (log) like a bypass of row security.
 */
static void
refuse_unprotected(PdpStatement *st, QueryDesc *qd, Oid relid)
{
	char	   *relname = pdp_relation_name(relid);
	PdpEvent   *ev;

	ev = pdp_event_new("access", st->mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
					   "unprotected_partition");
	pdp_event_statement(ev, st);
	pdp_event_set(ev, RS_RELATION, relname);
	pdp_event_now(ev);
	if (st->mode == PDP_MODE_ENFORCE)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to read \"%s\": it is a partition of a protected table without row protection",
						relname),
				 errdetail("Rows of subjects without consent or under restriction would be visible."),
				 errhint("Ask a pdp administrator to run pdp.protect_rows() on the partitioned table again: it protects the partitions that lack it.")));
}

/*
 * Row-level security is not applied at all to superusers, to roles with
 * BYPASSRLS, and to the owner of a table without FORCE; and it is decided
 * by the role whose rights a view or a SECURITY DEFINER function runs with.
 * A view owned by a superuser over a protected table would hand every row
 * to anyone allowed to read the view.  So before a statement reads a
 * protected table whose filter would hide something under the statement's
 * purpose, check that row-level security applies to it; if not, refuse
 * (enforce) or record (log), unless the role at the keyboard is itself a
 * superuser.
 */
void
pdp_check_row_protection(PdpStatement *st, QueryDesc *qd)
{
	ListCell   *lc;
	PdpBasis	basis = PDP_BASIS_UNKNOWN;
	bool		would_filter = false;
	bool		decided = false;

	if (st->superuser)
		return;
	foreach(lc, qd->plannedstmt->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		Oid			as;
		PdpEvent   *ev;
		char	   *relname;
		bool		gap;

		if (rte->rtekind != RTE_RELATION ||
			(rte->requiredPerms & (ACL_SELECT | ACL_UPDATE | ACL_DELETE)) == 0 ||
			pdp_statement_exempt(st, rte->relid))
			continue;
		gap = pdp_relation_unprotected_partition(rte->relid);
		if (!gap && !pdp_relation_protected(rte->relid))
			continue;
		if (!decided)
		{
			basis = basis_of(st->purpose);
			if (basis != PDP_BASIS_LEGAL_OBLIGATION)
				pdp_statement_consent(st);
			would_filter = basis == PDP_BASIS_CONSENT ||
				(basis != PDP_BASIS_LEGAL_OBLIGATION &&
				 !subjectset_is_empty(st->restricted));
			decided = true;
		}
		if (!would_filter)
			return;
		as = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
		if (gap)
		{
			refuse_unprotected(st, qd, rte->relid);
			continue;
		}
		if (check_enable_rls(rte->relid, as, true) == RLS_ENABLED)
			continue;

		relname = pdp_relation_name(rte->relid);
		ev = pdp_event_new("access", st->mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
						   "row_security_bypassed");
		pdp_event_statement(ev, st);
		pdp_event_set(ev, RS_RELATION, relname);
		{
			StringInfoData d;

			initStringInfo(&d);
			appendStringInfoString(&d, "{\"rls_role\": ");
			escape_json(&d, GetUserNameFromId(as, false));
			appendStringInfoChar(&d, '}');
			pdp_event_set(ev, RS_DETAIL, d.data);
		}
		pdp_event_now(ev);
		if (st->mode == PDP_MODE_ENFORCE)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to read \"%s\": its row protection would be bypassed",
							relname),
					 errdetail("The statement reads it with the rights of role \"%s\", to which row-level security does not apply (superuser, BYPASSRLS, or owner without FORCE), so rows of subjects without consent or under restriction would be visible.",
							   GetUserNameFromId(as, false)),
					 errhint("Read it through a view with security_invoker = true, or a function that is not SECURITY DEFINER.")));
	}
}
