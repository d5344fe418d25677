/*-------------------------------------------------------------------------
 * inputs.c
 *	  Text that reaches pdp from outside, made safe before it is kept.
 *
 * Interface (pdp.h):
 *	  pdp_check_purpose_value()	GUC check hook of pdp.purpose: refuses a
 *								value that is not valid in the database's
 *								encoding, or longer than a purpose name can
 *								be (63 bytes: pdp.purpose is GUC_REPORT, and
 *								libpq drops a connection whose ParameterStatus
 *								message passes 30000 bytes), whichever way it
 *								arrives (SET, set_config, the startup packet,
 *								ALTER ROLE / DATABASE SET, postgresql.conf).
 *	  pdp_text_clean()			the bytes of a string made valid in the
 *								database's encoding: every byte of an invalid
 *								sequence becomes '?'.  Used on every string
 *								of an audit event (by the backend, in its
 *								database's encoding, and by the writer, in the
 *								audit database's), so no reader of the audit
 *								trail meets bytes its encoding cannot convert.
 *
 * The startup packet's options are applied after the backend has attached
 * to its database (InitPostgres: CheckMyDatabase sets the encoding before
 * process_startup_options and process_settings run), so the check knows
 * the encoding there.  Only the postmaster, reading postgresql.conf before
 * any database exists for it, does not: there only ASCII is accepted, which
 * is valid in every server encoding, since every backend inherits what the
 * postmaster accepted without checking it again.  A backend re-reading the
 * file after SIGHUP applies the same rule, so the file means the same to
 * the postmaster and to every backend.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/guc.h"

/* longest purpose name (pdp._valid_name in pdp--1.0.sql) */
#define PURPOSE_NAME_MAX	63

/* Is the database's encoding known to this process? */
static bool
encoding_known(void)
{
	return OidIsValid(MyDatabaseId);
}

/*
 * Bytes at the start of s valid in encoding enc.  In SQL_ASCII any byte
 * goes for the database, but not for a reader elsewhere: ASCII only.
 */
static int
valid_prefix(int enc, const char *s, int len)
{
	int			i;

	if (enc != PG_SQL_ASCII)
		return pg_encoding_verifymbstr(enc, s, len);
	for (i = 0; i < len; i++)
		if (IS_HIGHBIT_SET(s[i]) || s[i] == '\0')
			break;
	return i;
}

bool
pdp_check_purpose_value(char **newval, void **extra, GucSource source)
{
	const char *v = *newval;
	bool		file = (source == PGC_S_FILE);
	int			enc = (encoding_known() && !file) ? GetDatabaseEncoding() : PG_SQL_ASCII;
	int			len;

	if (v == NULL)
		return true;
	len = strlen(v);
	if (len > PURPOSE_NAME_MAX)
	{
		GUC_check_errcode(ERRCODE_NAME_TOO_LONG);
		GUC_check_errdetail("Purpose names are at most %d bytes long; this value has %d.",
							PURPOSE_NAME_MAX, len);
		GUC_check_errhint("Declare the name of a defined purpose, as table pdp.purpose lists it.");
		return false;
	}
	if (valid_prefix(enc, v, len) == len)
		return true;
	GUC_check_errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE);
	if (!encoding_known() || file)
		GUC_check_errdetail("In the configuration file, pdp.purpose accepts ASCII characters only.");
	else if (enc == PG_SQL_ASCII)
		GUC_check_errdetail("In a database with encoding SQL_ASCII, pdp.purpose accepts ASCII characters only.");
	else
		GUC_check_errdetail("The value is not valid in the database encoding \"%s\".",
							GetDatabaseEncodingName());
	GUC_check_errhint("Declare the name of a defined purpose, as table pdp.purpose lists it.");
	return false;
}

/*
 * s/len made valid in the database's encoding (ASCII when it is not known).
 * Returns s itself when it is valid already (the common case: one scan);
 * else a palloc'd copy in which each byte that starts no valid character
 * is replaced by '?', its length in *outlen.
 */
const char *
pdp_text_clean(const char *s, int len, int *outlen)
{
	int			enc = encoding_known() ? GetDatabaseEncoding() : PG_SQL_ASCII;
	char	   *out;
	int			n = 0;

	*outlen = len;
	if (valid_prefix(enc, s, len) == len)
		return s;

	out = palloc(len + 1);
	while (len > 0)
	{
		int			ok = valid_prefix(enc, s, len);

		memcpy(out + n, s, ok);
		n += ok;
		s += ok;
		len -= ok;
		if (len > 0)
		{
			/* the byte at s starts no valid character */
			out[n++] = '?';
			s++;
			len--;
		}
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}
