/*-------------------------------------------------------------------------
 * rights.c
 *	  Statements of pdp.subject_report() and pdp.erase_subject() on a
 *	  subject table, run with the rights of the table's owner.
 *
 * Both functions are SECURITY DEFINER (they must see and change every row
 * of the person, whatever the consent).  Running their UPDATE or DELETE as
 * the extension's owner, a superuser, would run the table's triggers, index
 * expressions, constraints and rules as that superuser too: any table
 * owner could plant code and have the next erasure run it with superuser
 * rights.  So, as VACUUM and ANALYZE do, the statement runs as the table's
 * owner inside a security-restricted operation.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(pdp_exec_as_owner);
PG_FUNCTION_INFO_V1(pdp_json_as_owner);

/* Run sql as the owner of rel; *result: first column of the first row */
static uint64
run_as_owner(FunctionCallInfo fcinfo, Datum *result, bool *isnull)
{
	Oid			relid;
	char	   *sql;
	HeapTuple	tup;
	Oid			owner;
	Oid			save_userid;
	int			save_sec;
	int			save_nestlevel;
	uint64		processed;
	int			rc;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("relation and statement must not be NULL")));
	relid = PG_GETARG_OID(0);
	sql = text_to_cstring(PG_GETARG_TEXT_PP(1));
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);

	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(owner, save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	save_nestlevel = NewGUCNestLevel();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute(sql, false, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(rc));
	processed = SPI_processed;
	*isnull = true;
	if (result && SPI_tuptable != NULL && SPI_processed > 0)
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, isnull);

		if (!*isnull)
			*result = SPI_datumTransfer(d, false, -1);
	}
	SPI_finish();

	AtEOXact_GUC(false, save_nestlevel);
	SetUserIdAndSecContext(save_userid, save_sec);
	return processed;
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
