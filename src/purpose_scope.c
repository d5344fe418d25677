/*-------------------------------------------------------------------------
 * purpose_scope.c
 *	  How long a declared purpose lasts: pdp.purpose_scope.
 *
 * Interface:
 *	  pdp_purpose_scope_init()	registers the transaction callback.  Called
 *								first in _PG_init: transaction callbacks run
 *								latest-registered first, so pdp's other
 *								pre-commit work (audit_commit.c) still sees
 *								the purpose of the transaction.
 *	  pdp_purpose_scope_utility()	called by pdp_ProcessUtility for every
 *								utility statement: warns of a top-level
 *								session SET pdp.purpose outside a transaction
 *								block, which with scope "transaction" lasts
 *								for no statement; while scope "transaction"
 *								is in use (this session, or any stored role
 *								or database setting), refuses a
 *								non-superuser's ALTER ROLE / DATABASE ...
 *								SET pdp.purpose (a stored default is a
 *								purpose that outlives its transaction too).
 *
 * Behind a transaction-pooling connection pooler, the clients of one role
 * take turns on one server connection: a session-level SET pdp.purpose of
 * one client would stay for the next.  With pdp.purpose_scope =
 * transaction, a purpose a session sets lasts until the end of the
 * transaction that set it, however it was set (SET, SET LOCAL, set_config
 * with is_local false, a SET in a function, a procedure that commits).
 *
 * How: at pre-commit (and pre-prepare), if pdp.purpose differs from its
 * reset value - what the session started with: postgresql.conf, ALTER
 * DATABASE / ROLE SET, the startup packet - it is set back to that value
 * with a session-level change, which the commit then keeps (AtEOXact_GUC
 * runs after the callbacks and keeps a GUC_SET at nest level 1).  Deferred
 * triggers and holdable cursors run before the callbacks (CommitTransaction
 * loops over AfterTriggerFireDeferred and PreCommit_Portals first), so
 * they still run under the transaction's purpose.  A transaction that
 * aborts undoes its own SETs; a purpose still in force from before the
 * scope became "transaction" (a reload of postgresql.conf, a superuser's
 * SET) lasts until the next commit.
 *
 * pdp.purpose is GUC_REPORT: the reset is reported to the client in a
 * ParameterStatus message like any other change.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_db_role_setting.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/rel.h"

#define PURPOSE_GUC		"pdp.purpose"
#define SCOPE_GUC		"pdp.purpose_scope"

/*
 * Set the purpose back to its reset value when it is not that value.
 * An ERROR here (none is expected: the reset value passed its check when it
 * was set) aborts the commit rather than let the purpose outlive it.
 */
static void
scope_xact_callback(XactEvent event, void *arg)
{
	const char *reset;

	if (event != XACT_EVENT_PRE_COMMIT && event != XACT_EVENT_PRE_PREPARE)
		return;
	if (pdp_purpose_scope != PDP_SCOPE_TRANSACTION)
		return;
	reset = GetConfigOptionResetString(PURPOSE_GUC);
	if (strcmp(pdp_purpose ? pdp_purpose : "", reset ? reset : "") == 0)
		return;
	/* value NULL: the reset value, with its own source and context */
	(void) set_config_option(PURPOSE_GUC, NULL, PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SET, true, ERROR, false);
}

/*
 * Does any role or database setting (pg_db_role_setting) give sessions
 * pdp.purpose_scope = transaction?  Read only for the rare statements that
 * store a default purpose.
 */
static bool
transaction_scope_stored(void)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	bool		found = false;

	rel = table_open(DbRoleSettingRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (!found && HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d = heap_getattr(tup, Anum_pg_db_role_setting_setconfig,
									 RelationGetDescr(rel), &isnull);
		Datum	   *items;
		bool	   *nulls;
		int			n;

		if (isnull)
			continue;
		deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
						  &items, &nulls, &n);
		for (int i = 0; i < n && !found; i++)
		{
			char	   *item;

			if (nulls[i])
				continue;
			item = TextDatumGetCString(items[i]);
			found = (pg_strncasecmp(item, SCOPE_GUC "=", strlen(SCOPE_GUC) + 1) == 0 &&
					 pg_strcasecmp(item + strlen(SCOPE_GUC) + 1, "transaction") == 0);
			pfree(item);
		}
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return found;
}

/*
 * A default purpose stored for a role or database (ALTER ROLE / DATABASE
 * ... SET pdp.purpose) becomes the reset value of every later session of
 * it: behind a pooler, of the server connections every client of the role
 * shares.  A role may store settings for itself; where sessions run in
 * scope "transaction" that would be a purpose outliving its transaction by
 * other means.  So while this session, or any role or database setting,
 * has scope "transaction", only superusers may store one (a check of the
 * issuing session alone would let a role store, from a database in scope
 * "session", the default of its sessions in a database in scope
 * "transaction").  postgresql.conf counts through the session's own reset
 * value.
 */
static void
check_stored_default(VariableSetStmt *setstmt, const char *what)
{
	const char *reset_scope;

	if (setstmt == NULL || setstmt->name == NULL ||
		pg_strcasecmp(setstmt->name, PURPOSE_GUC) != 0 ||
		(setstmt->kind != VAR_SET_VALUE && setstmt->kind != VAR_SET_CURRENT))
		return;
	if (superuser())
		return;
	reset_scope = GetConfigOptionResetString(SCOPE_GUC);
	if (pdp_purpose_scope != PDP_SCOPE_TRANSACTION &&
		!(reset_scope && pg_strcasecmp(reset_scope, "transaction") == 0) &&
		!transaction_scope_stored())
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to store a default pdp.purpose with %s", what),
			 errdetail("pdp.purpose_scope \"transaction\" is in use: a stored default would be the purpose of every later session of the role or database, and of every client sharing them through a connection pooler."),
			 errhint("Declare the purpose in each transaction with SET LOCAL pdp.purpose, or ask a superuser to store the default.")));
}

void
pdp_purpose_scope_utility(Node *parsetree, bool toplevel)
{
	VariableSetStmt *stmt;

	if (IsA(parsetree, AlterRoleSetStmt))
	{
		check_stored_default(((AlterRoleSetStmt *) parsetree)->setstmt, "ALTER ROLE");
		return;
	}
	if (IsA(parsetree, AlterDatabaseSetStmt))
	{
		check_stored_default(((AlterDatabaseSetStmt *) parsetree)->setstmt, "ALTER DATABASE");
		return;
	}
	if (!IsA(parsetree, VariableSetStmt))
		return;
	stmt = (VariableSetStmt *) parsetree;
	if (stmt->kind != VAR_SET_VALUE || stmt->is_local || stmt->name == NULL ||
		pg_strcasecmp(stmt->name, PURPOSE_GUC) != 0)
		return;
	if (pdp_purpose_scope != PDP_SCOPE_TRANSACTION || !toplevel ||
		IsTransactionBlock())
		return;
	ereport(WARNING,
			(errcode(ERRCODE_NO_ACTIVE_SQL_TRANSACTION),
			 errmsg("SET pdp.purpose outside a transaction block lasts for no statement"),
			 errdetail("pdp.purpose_scope is \"transaction\": a purpose ends with the transaction that set it, and this SET was a transaction of its own."),
			 errhint("Use BEGIN; SET LOCAL pdp.purpose = ...; before the statements it is for, or set it in the same transaction as them.")));
}

void
pdp_purpose_scope_init(void)
{
	RegisterXactCallback(scope_xact_callback, NULL);
}
