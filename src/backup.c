/*-------------------------------------------------------------------------
 * backup.c
 *	  Backups by a non-superuser: which statements are backup reads.
 *
 * A backup must hold every row, those of subjects without consent and
 * under restriction included, and every tagged column, whatever the
 * purposes allow.  Members of the predefined NOLOGIN role pdp_backup
 * (created by the extension; only a superuser can grant it) get that, and
 * only in the shape a dump has: a statement is a backup read when
 *   - the role at the keyboard (pdp_acting_role(): not a view's or a
 *     SECURITY DEFINER function's owner) has the privileges of pdp_backup
 *     and is not a superuser (superusers are recorded as such);
 *   - it only reads: a SELECT without data-modifying WITH, or COPY ... TO
 *     (run as such a SELECT); SELECT ... FOR UPDATE/SHARE is not a read;
 *   - its transaction is READ ONLY, as pg_dump's always is, so nothing
 *     read can be stored in the database in the same transaction.
 * Anything else a member runs is checked like any other role's statement.
 *
 * A backup read sees every row (rowfilter.c) and every column; each
 * relation with tagged columns or row protection it reads is recorded
 * unconditionally (pdp.log_allowed does not apply) as decision "bypass",
 * reason "backup", with the role and the rows read.  No purpose is needed
 * and the declared one, if any, changes nothing: limits do not apply.
 *
 * The membership test is PostgreSQL's (has_privs_of_role, cached by
 * PostgreSQL and reset when memberships change); the role's oid is looked
 * up in the syscache: no query per statement.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "statement.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "nodes/plannodes.h"
#include "utils/acl.h"

/*
 * Is statement qd, run by role (superuser or not), a backup read?
 */
bool
pdp_backup_read(QueryDesc *qd, Oid role, bool superuser)
{
	PlannedStmt *pstmt = qd->plannedstmt;
	Oid			backup;

	if (superuser || !XactReadOnly)
		return false;
	if (qd->operation != CMD_SELECT || pstmt->hasModifyingCTE ||
		pstmt->rowMarks != NIL)
		return false;
	backup = get_role_oid(PDP_BACKUP_ROLE, true);
	if (!OidIsValid(backup))
		return false;
	return has_privs_of_role(role, backup);
}
