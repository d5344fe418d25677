/*-------------------------------------------------------------------------
 * binary_upgrade.c
 *	  What pdp does in a server pg_upgrade started (binary-upgrade mode,
 *	  postgres -b; IsBinaryUpgrade).
 *
 * pg_upgrade starts the old and the new cluster with -b, dumps every
 * database's schema with pg_dump --binary-upgrade, restores it into the
 * new cluster, and then copies every relation's files over: pdp's own
 * tables (configuration, consents, the audit trail, its chain row and
 * sequences) arrive as they were, byte for byte, after the schema.
 *
 * The restore recreates pdp's members one by one
 * (binary_upgrade_create_empty_extension, then each object and ALTER
 * EXTENSION ADD), so while it replays a SECURITY LABEL of provider pdp or
 * pdp_subject the extension may be half there and its tables are empty.
 * The label providers hand such a label here: it is the old cluster's
 * catalog being replayed, not a change of policy, so
 *	- it is stored as it was: no check that the extension or the category
 *	  exists (the rows come with the files), that the table is protected
 *	  (the policy is restored later), and no lineage tags derived for
 *	  generated columns (their labels, or their absence, are replayed too);
 *	- it is not an audit event: the change it replays was recorded when it
 *	  was made, in the trail pg_upgrade carries over.  It is logged (LOG)
 *	  in the upgrade's server log.
 * Everything else pdp records in such a server goes to the server log
 * (pdp_audit_log_only()); the audit writer does not start there
 * (pdp_writer_register()): pg_upgrade drops and recreates databases, and
 * nothing may be written to pdp.audit_log before its file is copied.
 *
 * IsBinaryUpgrade is set only by the -b switch on the postmaster's command
 * line (or a standalone backend's); a client's -b in PGOPTIONS is ignored
 * (PostgreSQL accepts it only from the secure, command-line switches), and
 * in such a server only superusers may connect.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "catalog/objectaddress.h"
#include "miscadmin.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"

/*
 * A label of provider pdp or pdp_subject replayed by pg_upgrade's restore.
 * The caller checked the privileges and the target column.
 */
void
pdp_binary_upgrade_relabel(const ObjectAddress *object, const char *seclabel)
{
	char	   *attname = get_attname(object->objectId, object->objectSubId, true);

	Assert(IsBinaryUpgrade);
	CacheInvalidateRelcacheByRelid(object->objectId);
	ereport(LOG,
			(errmsg("pdp: binary upgrade restores label %s%s%s on column \"%s\" of %s",
					seclabel ? "\"" : "", seclabel ? seclabel : "(none)",
					seclabel ? "\"" : "", attname ? attname : "?",
					pdp_relation_name(object->objectId)),
			 errdetail("Labels restored by pg_upgrade are not audit events: the changes they replay are in the audit trail pg_upgrade carries over.")));
}
