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
 * Per row this is a compare and one or two hash probes: what the statement
 * needs (purpose, mode, the consent and restriction sets of consent.c) is
 * worked out at its first row and kept in fn_extra, stamped with a serial
 * that every ExecutorStart bumps.
 *
 * Rows hidden (or that would have been) are counted per expression; when
 * the statement ends (ExecutorEnd) one audit event per relation says how
 * many: decision "hidden" (enforce) or "violation" (log), reason
 * "no_consent" or "restricted".
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/xact.h"
#include "executor/execdesc.h"
#include "lib/ilist.h"
#include "nodes/execnodes.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/rls.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(pdp_row_visible);
PG_FUNCTION_INFO_V1(pdp_row_visible_int8);

uint64		pdp_statement_serial = 0;

typedef enum FilterHow
{
	FILTER_NONE,				/* every row visible */
	FILTER_RESTRICTED,			/* hide restricted subjects */
	FILTER_CONSENT				/* ... and subjects without consent */
} FilterHow;

typedef struct RowFilter
{
	dlist_node	node;			/* in active_filters */
	MemoryContext cxt;			/* fn_mcxt: the statement's memory */
	Oid			relid;
	uint64		serial;			/* statement the fields below are for */
	FilterHow	how;
	bool		log_only;
	TimestampTz now;
	SubjectSet *consented;
	SubjectSet *restricted;
	int64		hidden_consent;
	int64		hidden_restricted;
} RowFilter;

static dlist_head active_filters = DLIST_STATIC_INIT(active_filters);

static void
filter_forget(void *arg)
{
	dlist_delete(&((RowFilter *) arg)->node);
}

/*
 * The legal basis of the session's declared purpose decides what it sees,
 * whether or not the role holds the purpose: holding it is what the column
 * checks ask (decide.c); the rows are the data set of the declared purpose.
 */
static PdpBasis
effective_basis(void)
{
	if (pdp_purpose == NULL || pdp_purpose[0] == '\0')
		return PDP_BASIS_UNKNOWN;
	return pdp_purpose_basis(pdp_purpose);
}

static RowFilter *
filter_setup(FunctionCallInfo fcinfo)
{
	RowFilter  *f = (RowFilter *) fcinfo->flinfo->fn_extra;
	PdpBasis	basis = PDP_BASIS_UNKNOWN;

	if (f == NULL)
	{
		MemoryContextCallback *cb;

		if (PG_ARGISNULL(0))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("relation must not be NULL")));
		f = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RowFilter));
		f->cxt = fcinfo->flinfo->fn_mcxt;
		f->relid = PG_GETARG_OID(0);
		cb = MemoryContextAlloc(f->cxt, sizeof(MemoryContextCallback));
		cb->func = filter_forget;
		cb->arg = f;
		MemoryContextRegisterResetCallback(f->cxt, cb);
		dlist_push_tail(&active_filters, &f->node);
		fcinfo->flinfo->fn_extra = f;
	}
	f->serial = pdp_statement_serial;
	f->how = FILTER_NONE;
	f->consented = f->restricted = NULL;
	f->log_only = (pdp_mode == PDP_MODE_LOG);
	f->now = GetCurrentStatementStartTimestamp();
	if (pdp_mode == PDP_MODE_OFF || !pdp_extension_present())
		return f;

	basis = effective_basis();
	if (basis == PDP_BASIS_LEGAL_OBLIGATION)
		return f;
	pdp_consent_sync();
	f->restricted = pdp_restricted_set();
	if (subjectset_is_empty(f->restricted))
		f->restricted = NULL;
	if (basis == PDP_BASIS_CONSENT)
	{
		f->consented = pdp_consented_set(pdp_purpose);
		f->how = FILTER_CONSENT;
	}
	else if (f->restricted != NULL)
		f->how = FILTER_RESTRICTED;
	return f;
}

/* subj/len: the subject's text; NULL: the integer ival */
static inline bool
row_visible(FunctionCallInfo fcinfo, const char *subj, int len, int64 ival, bool isnull)
{
	RowFilter  *f = (RowFilter *) fcinfo->flinfo->fn_extra;

	if (unlikely(f == NULL || f->serial != pdp_statement_serial))
		f = filter_setup(fcinfo);
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

static bool
context_within(MemoryContext cxt, MemoryContext ancestor)
{
	for (; cxt != NULL; cxt = cxt->parent)
		if (cxt == ancestor)
			return true;
	return false;
}

/* The statement of qd ends: record the rows its filters hid */
void
pdp_rowfilter_executor_end(QueryDesc *qd, const char *command)
{
	dlist_iter	it;

	if (dlist_is_empty(&active_filters) || qd->estate == NULL)
		return;
	dlist_foreach(it, &active_filters)
	{
		RowFilter  *f = dlist_container(RowFilter, node, it.cur);
		PdpEvent   *ev;
		int64		no_consent = f->hidden_consent;
		int64		restricted = f->hidden_restricted;
		int64		hidden = no_consent + restricted;

		if (hidden == 0 || !context_within(f->cxt, qd->estate->es_query_cxt))
			continue;
		f->hidden_consent = f->hidden_restricted = 0;
		ev = pdp_event_new("access", f->log_only ? "violation" : "hidden",
						   no_consent > 0 ? "no_consent" : "restricted");
		pdp_event_statement(ev, qd, qd->sourceText, command);
		pdp_event_set(ev, RS_RELATION, pdp_relation_name(f->relid));
		pdp_event_rows(ev, hidden);
		pdp_event_set(ev, RS_DETAIL,
					  psprintf("{\"rows_hidden\": " INT64_FORMAT ", \"no_consent\": " INT64_FORMAT
							   ", \"restricted\": " INT64_FORMAT ", \"hidden\": %s}",
							   hidden, no_consent, restricted,
							   f->log_only ? "false" : "true"));
		pdp_event_now(ev);
	}
}

/*
 * Row-level security is not applied at all to superusers, to roles with
 * BYPASSRLS, and to the owner of a table without FORCE; and it is decided
 * by the role whose rights a view or a SECURITY DEFINER function runs with.
 * A view owned by a superuser over a protected table would hand every row
 * to anyone allowed to read the view.  So before a statement reads a
 * protected table whose filter would hide something under the session's
 * purpose, check that row-level security applies to it; if not, refuse
 * (enforce) or record (log), unless the role at the keyboard is itself a
 * superuser.
 */
void
pdp_check_row_protection(QueryDesc *qd, const char *command)
{
	ListCell   *lc;
	PdpBasis	basis = PDP_BASIS_UNKNOWN;
	bool		would_filter = false;
	bool		decided = false;

	if (superuser_arg(GetOuterUserId()))
		return;
	foreach(lc, qd->plannedstmt->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		Oid			as;
		PdpEvent   *ev;

		if (rte->rtekind != RTE_RELATION ||
			(rte->requiredPerms & (ACL_SELECT | ACL_UPDATE | ACL_DELETE)) == 0 ||
			!pdp_relation_protected(rte->relid))
			continue;
		if (!decided)
		{
			basis = effective_basis();
			pdp_consent_sync();
			would_filter = basis == PDP_BASIS_CONSENT ||
				(basis != PDP_BASIS_LEGAL_OBLIGATION &&
				 !subjectset_is_empty(pdp_restricted_set()));
			decided = true;
		}
		if (!would_filter)
			return;
		as = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
		if (check_enable_rls(rte->relid, as, true) == RLS_ENABLED)
			continue;

		ev = pdp_event_new("access", pdp_mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
						   "row_security_bypassed");
		pdp_event_statement(ev, qd, qd->sourceText, command);
		pdp_event_set(ev, RS_RELATION, pdp_relation_name(rte->relid));
		{
			StringInfoData d;

			initStringInfo(&d);
			appendStringInfoString(&d, "{\"rls_role\": ");
			escape_json(&d, GetUserNameFromId(as, false));
			appendStringInfoChar(&d, '}');
			pdp_event_set(ev, RS_DETAIL, d.data);
		}
		pdp_event_now(ev);
		if (pdp_mode == PDP_MODE_ENFORCE)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to read \"%s\": its row protection would be bypassed",
							pdp_relation_name(rte->relid)),
					 errdetail("The statement reads it with the rights of role \"%s\", to which row-level security does not apply (superuser, BYPASSRLS, or owner without FORCE), so rows of subjects without consent or under restriction would be visible.",
							   GetUserNameFromId(as, false)),
					 errhint("Read it through a view with security_invoker = true, or a function that is not SECURITY DEFINER.")));
	}
}
