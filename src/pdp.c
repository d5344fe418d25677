/*-------------------------------------------------------------------------
 * pdp.c
 *	  Library initialisation and settings (GUCs).
 *
 * pdp must be loaded through shared_preload_libraries: its hooks have to be
 * in place in every backend before the first statement runs, otherwise a
 * session could read personal data unchecked.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

int			pdp_mode = PDP_MODE_LOG;
char	   *pdp_purpose = NULL;

static const struct config_enum_entry mode_options[] = {
	{"off", PDP_MODE_OFF, false},
	{"log", PDP_MODE_LOG, false},
	{"enforce", PDP_MODE_ENFORCE, false},
	{NULL, 0, false}
};

void
_PG_init(void)
{
	if (!process_shared_preload_libraries_in_progress)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("pdp must be loaded via shared_preload_libraries"),
				 errhint("Add pdp to shared_preload_libraries in postgresql.conf "
						 "and restart the server.")));

	/*
	 * Any role may declare the purpose of its work: declaring one grants
	 * nothing by itself, the role must have been granted the purpose.
	 */
	DefineCustomStringVariable("pdp.purpose",
							   "Purpose under which this session processes personal data.",
							   "Reads of tagged columns are checked against this purpose.",
							   &pdp_purpose,
							   "",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);

	/* Switching checks off weakens protection: superusers only. */
	DefineCustomEnumVariable("pdp.mode",
							 "What pdp does with reads of personal data: off, log or enforce.",
							 NULL,
							 &pdp_mode,
							 PDP_MODE_LOG,
							 mode_options,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	MarkGUCPrefixReserved("pdp");

	pdp_label_init();
	pdp_cache_init();
	pdp_hooks_init();
}
