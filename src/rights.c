/*-------------------------------------------------------------------------
 * rights.c
 *	  The statements pdp.subject_report() and pdp.erase_subject() run on a
 *	  subject table, and how a subject's rows are selected; also the
 *	  sampling reads of pdp.discover() (discover.c), which run the same way.
 *
 * Both functions are SECURITY DEFINER: they must see and change every row
 * of the person, whatever the purpose, consent or restriction.  Nothing a
 * table owner wrote may run with those rights, or outside pdp's checks:
 *
 *   - Each statement on the table runs with the rights of the table's
 *     owner inside a security-restricted operation, as VACUUM does, and
 *     without row-level security for that owner (SECURITY_NOFORCE_RLS, as
 *     referential integrity checks do): the owner's policies do not run,
 *     and pdp's row filter is not needed.  Triggers, defaults, constraints,
 *     index expressions, casts and operators the owner wrote run as the
 *     owner - never as the extension's superuser.
 *   - pdp.mode stays what the session has: only the one statement pdp
 *     planned here is exempt from pdp's read checks, and only for the
 *     subject table (and its partitions).  Every other statement - a
 *     trigger copying rows elsewhere, a function an index expression
 *     calls - is checked, refused and recorded like any other.
 *   - The subject's rows are selected without running the owner's code on
 *     anyone else's row (pdp_subject_predicate): a built-in column type is
 *     compared with its built-in equality (index-friendly; its input and
 *     output functions are built in), any other type through its output
 *     function, which only a superuser can write.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/htup_details.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/resowner.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(pdp_exec_as_owner);
PG_FUNCTION_INFO_V1(pdp_json_as_owner);
PG_FUNCTION_INFO_V1(pdp_subject_predicate);
PG_FUNCTION_INFO_V1(pdp_subject_text);

/*
 * The statement exec_as_owner() is executing: its source text (the pointer
 * SPI hands to ExecutorStart), the command, and the subject table.
 */
static const char *exempt_source = NULL;
static CmdType exempt_cmd = CMD_UNKNOWN;
static Oid	exempt_relid = InvalidOid;

/* the owner whose statement on a subject table is running, if any */
static Oid	acting_owner = InvalidOid;

/*
 * The role at the keyboard, as pdp's checks and its audit trail name it:
 * the login role or the one chosen with SET ROLE (GetOuterUserId(), never
 * a SECURITY DEFINER function's owner) - except while pdp runs a
 * statement on a subject table as its owner: then the code that runs
 * (triggers, casts, defaults the owner wrote) is the owner's, and it is
 * checked, and recorded, as the owner's.  Otherwise an administrator
 * serving an erasure would lend the owner's code their purposes and pdp
 * rights.
 */
Oid
pdp_acting_role(void)
{
	return OidIsValid(acting_owner) ? acting_owner : GetOuterUserId();
}

/*
 * Is qd the statement exec_as_owner() planned?  Then *relid is the table
 * whose reads are pdp's own.  Asked once per statement start; the match is
 * on the very source text pdp prepared, the statement that sets the
 * command tag (not one a rule added), and the command pdp asked for.
 */
bool
pdp_rights_exempt(QueryDesc *qd, Oid *relid)
{
	if (exempt_source == NULL || qd->sourceText != exempt_source ||
		!qd->plannedstmt->canSetTag || qd->operation != exempt_cmd)
		return false;
	*relid = exempt_relid;
	exempt_source = NULL;
	return true;
}

static CmdType
command_of(const char *sql)
{
	while (*sql == ' ')
		sql++;
	if (pg_strncasecmp(sql, "SELECT", 6) == 0)
		return CMD_SELECT;
	if (pg_strncasecmp(sql, "UPDATE", 6) == 0)
		return CMD_UPDATE;
	if (pg_strncasecmp(sql, "DELETE", 6) == 0)
		return CMD_DELETE;
	elog(ERROR, "pdp: unexpected statement for a subject table");
	return CMD_UNKNOWN;
}

/*
 * Run sql (one statement of command cmd on relid) as owner, inside a
 * security-restricted operation, exempt from pdp's read checks for relid
 * only; consume sees the rows before SPI lets go of them.
 */
static uint64
exec_as_owner(Oid relid, Oid owner, const char *sql, CmdType cmd,
			  PdpOwnerRows consume, void *arg)
{
	Oid			save_userid;
	int			save_sec;
	int			save_nestlevel;
	uint64		processed = 0;
	SPIPlanPtr	plan;
	List	   *sources;
	int			rc;

	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(owner, save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION | SECURITY_NOFORCE_RLS);
	save_nestlevel = NewGUCNestLevel();

	/* from planning on (it may run the owner's functions), the owner acts */
	PG_TRY();
	{
		acting_owner = owner;
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		plan = SPI_prepare(sql, 0, NULL);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		sources = SPI_plan_get_plan_sources(plan);
		if (list_length(sources) != 1)
			elog(ERROR, "pdp: a statement run as a table's owner must be one statement");
		exempt_source = ((CachedPlanSource *) linitial(sources))->query_string;
		exempt_cmd = cmd;
		exempt_relid = relid;
		rc = SPI_execute_plan(plan, NULL, NULL, false, 0);
		exempt_source = NULL;
		if (rc < 0)
			elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
		processed = SPI_processed;
		if (consume)
			consume(SPI_tuptable, SPI_processed, arg);
		SPI_finish();
	}
	PG_FINALLY();
	{
		exempt_source = NULL;
		acting_owner = InvalidOid;
	}
	PG_END_TRY();

	AtEOXact_GUC(false, save_nestlevel);
	SetUserIdAndSecContext(save_userid, save_sec);
	return processed;
}

static Oid
relation_owner(Oid relid, bool *hasrules)
{
	HeapTuple	tup;
	Oid			owner;

	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	*hasrules = ((Form_pg_class) GETSTRUCT(tup))->relhasrules;
	ReleaseSysCache(tup);
	return owner;
}

/*
 * A SELECT on relid (a user table) as its owner, for pdp's own reads that
 * return no values to the caller (discover.c); see exec_as_owner().  The
 * caller checks who may ask.
 */
uint64
pdp_select_as_owner(Oid relid, const char *sql, PdpOwnerRows consume, void *arg)
{
	bool		hasrules;
	Oid			owner = relation_owner(relid, &hasrules);

	pdp_require_user_relation(relid);
	return exec_as_owner(relid, owner, sql, CMD_SELECT, consume, arg);
}

typedef struct FirstDatum
{
	Datum	   *result;
	bool	   *isnull;
} FirstDatum;

/* the first column of the first row, copied out of SPI's memory */
static void
first_datum(SPITupleTable *tt, uint64 n, void *arg)
{
	FirstDatum *fd = (FirstDatum *) arg;

	*fd->isnull = true;
	if (fd->result && tt != NULL && n > 0)
	{
		Datum		d = SPI_getbinval(tt->vals[0], tt->tupdesc, 1, fd->isnull);

		if (!*fd->isnull)
			*fd->result = SPI_datumTransfer(d, false, -1);
	}
}

/* Run sql as the owner of rel; *result: first column of the first row */
static uint64
run_as_owner(FunctionCallInfo fcinfo, Datum *result, bool *isnull)
{
	Oid			relid;
	char	   *sql;
	Oid			owner;
	bool		hasrules;
	CmdType		cmd;
	FirstDatum	fd = {result, isnull};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("relation and statement must not be NULL")));
	relid = PG_GETARG_OID(0);
	sql = text_to_cstring(PG_GETARG_TEXT_PP(1));
	cmd = command_of(sql);
	owner = relation_owner(relid, &hasrules);

	/*
	 * The caller must hold the privilege the statement needs, as if they
	 * ran it themselves: running it as the owner is for the owner's code,
	 * not a way to reach tables the caller may not.
	 */
	if (pg_class_aclcheck(relid, GetOuterUserId(),
						  cmd == CMD_SELECT ? ACL_SELECT :
						  cmd == CMD_UPDATE ? ACL_UPDATE : ACL_DELETE) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for table %s", get_rel_name(relid)),
				 errdetail("A subject report needs SELECT, an erasure UPDATE (anonymize) or DELETE on every subject table, as the statement itself would."),
				 errhint("Grant the privilege to the role that serves data-subject requests.")));
	pdp_require_user_relation(relid);

	/* a rule would run the owner's statements in place of, or next to, pdp's */
	if (hasrules && cmd != CMD_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cannot erase from \"%s\": it has rewrite rules", get_rel_name(relid)),
				 errdetail("A rule could replace or add to the erasure, so its result could not be vouched for."),
				 errhint("Drop the table's rules, or erase the rows yourself.  Nothing was erased.")));

	*isnull = true;
	return exec_as_owner(relid, owner, sql, cmd, first_datum, &fd);
}

/* pdp._exec_as_owner(rel regclass, sql text) → rows processed */
Datum
pdp_exec_as_owner(PG_FUNCTION_ARGS)
{
	bool		isnull;

	PG_RETURN_INT64((int64) run_as_owner(fcinfo, NULL, &isnull));
}

/* pdp._json_as_owner(rel regclass, sql text) → the jsonb the query returns */
Datum
pdp_json_as_owner(PG_FUNCTION_ARGS)
{
	Datum		result = (Datum) 0;
	bool		isnull;

	run_as_owner(fcinfo, &result, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/*
 * Does subject read back as itself through type's (built-in) input and
 * output functions?  An input error means no value of the type has that
 * text form.  The input function runs in a subtransaction, as PL/pgSQL's
 * exception blocks do, so its error leaves nothing behind.
 */
static bool
canonical_in_type(Oid type, const char *subject)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	Oid			infunc;
	Oid			ioparam;
	Oid			outfunc;
	bool		isvarlena;
	bool		same = false;

	getTypeInputInfo(type, &infunc, &ioparam);
	getTypeOutputInfo(type, &outfunc, &isvarlena);
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(oldcxt);
	PG_TRY();
	{
		Datum		d = OidInputFunctionCall(infunc, (char *) subject, ioparam, -1);
		char	   *back = OidOutputFunctionCall(outfunc, d);

		same = strcmp(back, subject) == 0;
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcxt);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(oldcxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcxt);
		CurrentResourceOwner = oldowner;
		/* only "this is not a value of the type" means no match */
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_DATA_EXCEPTION)
			ReThrowError(edata);
		FreeErrorData(edata);
		same = false;
	}
	PG_END_TRY();
	return same;
}

/*
 * pdp._subject_predicate(rel regclass, col name, subject text) → text:
 * the WHERE clause selecting the subject's rows of rel, or NULL when no
 * value of the column's type has that text form (the table holds none of
 * the person's rows).  No code a table owner wrote runs here, and the
 * clause runs none on other people's rows.
 */
Datum
pdp_subject_predicate(PG_FUNCTION_ARGS)
{
	Oid			relid;
	char	   *col;
	char	   *subject;
	AttrNumber	attnum;
	Oid			type;
	Oid			base;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	relid = PG_GETARG_OID(0);
	col = NameStr(*PG_GETARG_NAME(1));
	subject = text_to_cstring(PG_GETARG_TEXT_PP(2));
	attnum = get_attnum(relid, col);
	if (attnum == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						col, get_rel_name(relid))));
	type = get_atttype(relid, attnum);
	base = getBaseType(type);	/* a domain's checks are the owner's code */

	if (base < FirstNormalObjectId)
	{
		/*
		 * Built-in type: its input, output and (pg_catalog, the only schema
		 * on the caller's search_path) equality are built in.
		 */
		Oid			collid;
		int32		typmod;

		if (!canonical_in_type(base, subject))
			PG_RETURN_NULL();
		get_atttypetypmodcoll(relid, attnum, &type, &typmod, &collid);

		/*
		 * A nondeterministic collation would match other people's ids
		 * ('ann@x' and 'ANN@x'): compare bytes, as the subject's text is.
		 */
		PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s = %s::%s%s",
												  quote_identifier(col),
												  quote_literal_cstr(subject),
												  format_type_be_qualified(base),
												  (OidIsValid(collid) && !get_collation_isdeterministic(collid)) ?
												  " COLLATE \"C\"" : "")));
	}
	/* any other type: compared in its text form, by its output function */
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("pdp._subject_text(%s) = %s",
											  quote_identifier(col),
											  quote_literal_cstr(subject))));
}

/*
 * pdp._subject_text(anyelement) → text: a value's text form through its
 * type's output function (never a cast, which a type's owner may write).
 */
Datum
pdp_subject_text(PG_FUNCTION_ARGS)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 0);
	Oid			outfunc;
	bool		isvarlena;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!OidIsValid(type))
		elog(ERROR, "pdp._subject_text: could not determine the argument type");
	getTypeOutputInfo(getBaseType(type), &outfunc, &isvarlena);
	PG_RETURN_TEXT_P(cstring_to_text(OidOutputFunctionCall(outfunc, PG_GETARG_DATUM(0))));
}
