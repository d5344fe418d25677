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
 *								for no statement; in scope "transaction",
 *								refuses a non-superuser's ALTER ROLE /
 *								DATABASE ... SET pdp.purpose (a stored
 *								default is a purpose that outlives its
 *								transaction too).
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

#include "access/xact.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/guc.h"

#define PURPOSE_GUC		"pdp.purpose"

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
 * A default purpose stored for a role or database (ALTER ROLE / DATABASE
 * ... SET pdp.purpose) becomes the reset value of every later session of
 * it: behind a pooler, of the server connections every client of the role
 * shares.  A role may store settings for itself; in scope "transaction"
 * that would be a purpose outliving its transaction by other means, so
 * only superusers may store one then.
 */
static void
check_stored_default(VariableSetStmt *setstmt, const char *what)
{
	if (setstmt == NULL || setstmt->name == NULL ||
		strcmp(setstmt->name, PURPOSE_GUC) != 0 ||
		(setstmt->kind != VAR_SET_VALUE && setstmt->kind != VAR_SET_CURRENT))
		return;
	if (pdp_purpose_scope != PDP_SCOPE_TRANSACTION || superuser())
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to store a default pdp.purpose with %s", what),
			 errdetail("pdp.purpose_scope is \"transaction\": a stored default would be the purpose of every later session of the role or database, and of every client sharing them through a connection pooler."),
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
		strcmp(stmt->name, PURPOSE_GUC) != 0)
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
