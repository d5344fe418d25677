/*-------------------------------------------------------------------------
 * mask_builtin.c
 *	  The built-in masks of masked reads (see mask.h), and
 *	  pdp.mask_preview(value, mask) for DBAs to try them.
 *
 * Each mask is a pure function of one value and its base type: no catalog
 * access, no SPI, no locale machinery, one palloc for the result (plus a
 * detoasted copy of a toasted input, freed before returning).  No mask
 * raises an error on any value: the reader may not see the raw value, so
 * an error (its message, or merely whether it happens) would leak it.
 * Text is scanned byte by byte for ASCII; a non-ASCII character is taken
 * whole (pg_mblen, clamped to the end of the value), never split.  In
 * every server encoding an ASCII byte is never part of a multibyte
 * character, so digits, '@', ',' and blanks are found by their bytes.
 * bpchar values lose their trailing blanks first (they carry no meaning).
 *
 * Text-like means text, varchar and bpchar; the result is a text varlena
 * for all three (the same representation; typmods are not applied, so a
 * mask may be longer than a varchar(n)/char(n) column allows).
 *
 *	phone		text-like.  Digits (ASCII 0-9) are counted.  Exactly ten digits
 *				and nothing else: "09** *** 678".  Otherwise the last 3 digits
 *				stay when there are at least 6, and the first 2 too when there
 *				are at least 9; every other digit becomes '*'.  The separators
 *				' ', '+', '-', '.', '(' and ')' stay; any other character
 *				(letters, non-ASCII digits, notes) becomes one '*'.
 *	id_number	text-like.  Letters and digits (ASCII letters and digits and any
 *				non-ASCII character) are counted; the last 4 stay when there
 *				are at least 8, every other one becomes '*' (one per
 *				character); ASCII punctuation and blanks stay.
 *	email		text-like, blanks at both ends ignored.  First character of
 *				the local part, "***@", the domain after the last '@'.  No
 *				'@', empty local part or empty domain: "***".
 *	initials	text-like.  First character of each word (split on ASCII
 *				blanks), as it is, followed by '.', joined by single spaces.
 *				Nothing but blanks: NULL.
 *	year		date: January 1 of its year; timestamp and timestamptz:
 *				January 1 00:00 of its year, for timestamptz in UTC (never the
 *				session's TimeZone: a reader could otherwise move the year's
 *				boundary to learn how near it the value is); infinities stay;
 *				January 1 before the first valid date: NULL.  Text-like: the
 *				first run of exactly 4 digits between 1900 and 2099 (a run
 *				inside a longer number does not count), as text, else NULL.
 *				int2/int4/int8: the value when 1900..2099, else NULL.
 *	province	text-like.  The part after the last ',', trimmed of blanks.  No
 *				comma, or an empty last part: NULL.
 *	range		int2/int4/int8/numeric/float4/float8: the first significant
 *				digit, the rest zero, same sign and type (numeric keeps its
 *				scale).  NaN stays NaN; infinities: NULL.
 *	null		NULL for every type.
 *	hash		HMAC-SHA256 keyed with the database's secret over the value's
 *				stable bytes: text-like, its bytes; int2/int4/int8, the decimal
 *				text (so 42::int2, 42::int4, 42::int8 and '42' hash alike);
 *				uuid, its 16 bytes.  Text-like: the first 8 digest bytes as 16
 *				lower-case hex digits; int8: those 8 bytes big-endian with the
 *				sign bit cleared; int4 and int2: the low 31 and 15 bits of
 *				that int8 (a narrower hash is the wider one modulo 2^31 or
 *				2^15, so columns of different widths still join); uuid: the
 *				first 16 digest bytes.  Other types, or no secret: NULL.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "mask.h"

#include <limits.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/sha2.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"
#include "utils/uuid.h"

PG_FUNCTION_INFO_V1(pdp_mask_preview);

static const char *const mask_names[] = {
	[PDP_MASK_NONE] = "none",
	[PDP_MASK_PHONE] = "phone",
	[PDP_MASK_ID] = "id_number",
	[PDP_MASK_EMAIL] = "email",
	[PDP_MASK_INITIALS] = "initials",
	[PDP_MASK_YEAR] = "year",
	[PDP_MASK_PROVINCE] = "province",
	[PDP_MASK_RANGE] = "range",
	[PDP_MASK_NULL] = "null",
	[PDP_MASK_HASH] = "hash",
	[PDP_MASK_CUSTOM] = "custom"
};

StaticAssertDecl(lengthof(mask_names) == PDP_MASK_CUSTOM + 1,
				 "one name per mask kind");

PdpMaskKind
pdp_mask_kind(const char *name)
{
	if (name == NULL)
		return PDP_MASK_NONE;
	for (int k = PDP_MASK_PHONE; k < PDP_MASK_CUSTOM; k++)
		if (strcmp(name, mask_names[k]) == 0)
			return (PdpMaskKind) k;
	return PDP_MASK_NONE;
}

const char *
pdp_mask_name(PdpMaskKind kind)
{
	if ((int) kind < 0 || (int) kind > PDP_MASK_CUSTOM)
		return "none";
	return mask_names[kind];
}

const char *
pdp_mask_builtin_names(void)
{
	return "phone, id_number, email, initials, year, province, range, null, hash";
}

static inline bool
is_textlike(Oid typid)
{
	return typid == TEXTOID || typid == VARCHAROID || typid == BPCHAROID;
}

static inline bool
is_int(Oid typid)
{
	return typid == INT2OID || typid == INT4OID || typid == INT8OID;
}

bool
pdp_mask_fits_type(PdpMaskKind kind, Oid typid)
{
	switch (kind)
	{
		case PDP_MASK_PHONE:
		case PDP_MASK_ID:
		case PDP_MASK_EMAIL:
		case PDP_MASK_INITIALS:
		case PDP_MASK_PROVINCE:
			return is_textlike(typid);
		case PDP_MASK_YEAR:
			return is_textlike(typid) || is_int(typid) || typid == DATEOID ||
				typid == TIMESTAMPOID || typid == TIMESTAMPTZOID;
		case PDP_MASK_RANGE:
			return is_int(typid) || typid == NUMERICOID ||
				typid == FLOAT4OID || typid == FLOAT8OID;
		case PDP_MASK_HASH:
			return is_textlike(typid) || is_int(typid) || typid == UUIDOID;
		default:
			return false;
	}
}

/* ---------------------------------------------------------------------
 * Text helpers
 * ---------------------------------------------------------------------
 */

#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define IS_ALPHA(c)	(((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define IS_BLANK(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || \
					 (c) == '\v' || (c) == '\f')

/*
 * Length in bytes of the character at p, never past end: a non-ASCII lead
 * byte asks pg_mblen (database encoding); a truncated or invalid sequence
 * is clamped, so a bad value is copied or masked whole, never read past.
 */
static inline int
char_len(const unsigned char *p, const unsigned char *end)
{
	int			l;

	if (*p < 0x80)
		return 1;
	l = pg_mblen((const char *) p);
	if (l < 1)
		l = 1;
	if (l > end - p)
		l = end - p;
	return l;
}

/* a new text of room bytes of payload; the caller sets its size */
static inline text *
text_alloc(Size room)
{
	return (text *) palloc(VARHDRSZ + room);
}

static inline Datum
text_finish(text *t, const unsigned char *start, const unsigned char *w)
{
	SET_VARSIZE(t, VARHDRSZ + (w - start));
	return PointerGetDatum(t);
}

static Datum
text_from(const unsigned char *s, Size len)
{
	text	   *t = text_alloc(len);

	memcpy(VARDATA(t), s, len);
	SET_VARSIZE(t, VARHDRSZ + len);
	return PointerGetDatum(t);
}

static Datum
mask_phone(const unsigned char *s, const unsigned char *end, bool *isnull)
{
	int			ndigits = 0;
	bool		only_digits = true;
	int			first;
	int			last;
	int			i;
	text	   *t;
	unsigned char *w;
	unsigned char *start;

	for (const unsigned char *p = s; p < end; p++)
	{
		if (IS_DIGIT(*p))
			ndigits++;
		else
			only_digits = false;
	}

	if (only_digits && ndigits == 10)
	{
		t = text_alloc(12);
		w = (unsigned char *) VARDATA(t);
		memcpy(w, s, 2);
		memcpy(w + 2, "** *** ", 7);
		memcpy(w + 9, s + 7, 3);
		SET_VARSIZE(t, VARHDRSZ + 12);
		return PointerGetDatum(t);
	}

	first = ndigits >= 9 ? 2 : 0;
	last = ndigits >= 6 ? ndigits - 3 : ndigits;	/* digits from here stay */
	t = text_alloc(end - s);
	start = w = (unsigned char *) VARDATA(t);
	i = 0;
	for (const unsigned char *p = s; p < end;)
	{
		unsigned char c = *p;

		if (IS_DIGIT(c))
		{
			*w++ = (i < first || i >= last) ? c : '*';
			i++;
			p++;
		}
		else if (c == ' ' || c == '+' || c == '-' || c == '.' || c == '(' || c == ')')
		{
			*w++ = c;
			p++;
		}
		else
		{
			*w++ = '*';
			p += char_len(p, end);
		}
	}
	return text_finish(t, start, w);
}

static Datum
mask_id(const unsigned char *s, const unsigned char *end, bool *isnull)
{
	int			n = 0;
	int			keep_from;
	int			i;
	text	   *t;
	unsigned char *w;
	unsigned char *start;

	for (const unsigned char *p = s; p < end;)
	{
		if (*p >= 0x80 || IS_DIGIT(*p) || IS_ALPHA(*p))
			n++;
		p += char_len(p, end);
	}
	keep_from = n >= 8 ? n - 4 : n;

	t = text_alloc(end - s);
	start = w = (unsigned char *) VARDATA(t);
	i = 0;
	for (const unsigned char *p = s; p < end;)
	{
		int			l = char_len(p, end);

		if (*p >= 0x80 || IS_DIGIT(*p) || IS_ALPHA(*p))
		{
			if (i >= keep_from)
			{
				memcpy(w, p, l);
				w += l;
			}
			else
				*w++ = '*';
			i++;
		}
		else
			*w++ = *p;
		p += l;
	}
	return text_finish(t, start, w);
}

static Datum
mask_email(const unsigned char *s, const unsigned char *end, bool *isnull)
{
	const unsigned char *at = NULL;
	text	   *t;
	unsigned char *w;
	unsigned char *start;
	int			l;

	while (s < end && IS_BLANK(*s))
		s++;
	while (end > s && IS_BLANK(end[-1]))
		end--;
	for (const unsigned char *p = end; p > s; p--)
		if (p[-1] == '@')
		{
			at = p - 1;
			break;
		}
	if (at == NULL || at == s || at + 1 == end)
		return text_from((const unsigned char *) "***", 3);

	l = char_len(s, at);
	if ((Size) (l + 4 + (end - at - 1)) > MaxAllocSize - VARHDRSZ)
	{
		*isnull = true;
		return (Datum) 0;
	}
	t = text_alloc(l + 4 + (end - at - 1));
	start = w = (unsigned char *) VARDATA(t);
	memcpy(w, s, l);
	w += l;
	memcpy(w, "***@", 4);
	w += 4;
	memcpy(w, at + 1, end - at - 1);
	w += end - at - 1;
	return text_finish(t, start, w);
}

static Datum
mask_initials(const unsigned char *s, const unsigned char *end, bool *isnull)
{
	text	   *t;
	unsigned char *w;
	unsigned char *start;
	const unsigned char *p = s;
	Size		room = 0;

	/* the result's exact size first: a value near 1 GB must not fail to allocate */
	while (p < end)
	{
		while (p < end && IS_BLANK(*p))
			p++;
		if (p >= end)
			break;
		room += char_len(p, end) + 2;
		while (p < end && !IS_BLANK(*p))
			p += char_len(p, end);
	}
	if (room == 0 || room > MaxAllocSize - VARHDRSZ)
	{
		*isnull = true;
		return (Datum) 0;
	}
	t = text_alloc(room);
	start = w = (unsigned char *) VARDATA(t);
	p = s;
	while (p < end)
	{
		int			l;

		while (p < end && IS_BLANK(*p))
			p++;
		if (p >= end)
			break;
		if (w > start)
			*w++ = ' ';
		l = char_len(p, end);
		memcpy(w, p, l);
		w += l;
		*w++ = '.';
		p += l;
		while (p < end && !IS_BLANK(*p))
			p += char_len(p, end);
	}
	return text_finish(t, start, w);
}

static Datum
mask_year_text(const unsigned char *s, const unsigned char *end, bool *isnull)
{
	const unsigned char *p = s;

	while (p < end)
	{
		const unsigned char *run;

		if (!IS_DIGIT(*p))
		{
			p++;
			continue;
		}
		run = p;
		while (p < end && IS_DIGIT(*p))
			p++;
		if (p - run == 4)
		{
			int			y = (run[0] - '0') * 1000 + (run[1] - '0') * 100 +
				(run[2] - '0') * 10 + (run[3] - '0');

			if (y >= 1900 && y <= 2099)
				return text_from(run, 4);
		}
	}
	*isnull = true;
	return (Datum) 0;
}

static Datum
mask_province(const unsigned char *s, const unsigned char *end, bool *isnull)
{
	const unsigned char *comma = NULL;

	for (const unsigned char *p = end; p > s; p--)
		if (p[-1] == ',')
		{
			comma = p - 1;
			break;
		}
	if (comma != NULL)
	{
		s = comma + 1;
		while (s < end && IS_BLANK(*s))
			s++;
		while (end > s && IS_BLANK(end[-1]))
			end--;
		if (s < end)
			return text_from(s, end - s);
	}
	*isnull = true;
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * Dates: January 1 of the value's year
 * ---------------------------------------------------------------------
 */

/* days since 2000-01-01 of January 1 of the year of day d; false if out of range */
static bool
year_start_days(int64 d, int64 *out)
{
	int			y,
				m,
				dd;
	int64		jd = d + POSTGRES_EPOCH_JDATE;

	if (jd < 0 || jd > INT_MAX)
		return false;
	j2date((int) jd, &y, &m, &dd);
	/* January 1 of the first year with valid dates is before Julian day 0 */
	if (!IS_VALID_JULIAN(y, 1, 1))
		return false;
	*out = (int64) date2j(y, 1, 1) - POSTGRES_EPOCH_JDATE;
	return true;
}

static Datum
mask_year_date(DateADT d, bool *isnull)
{
	int64		out;

	if (DATE_NOT_FINITE(d))
		return DateADTGetDatum(d);
	if (!year_start_days(d, &out) || !IS_VALID_DATE(out))
	{
		*isnull = true;
		return (Datum) 0;
	}
	return DateADTGetDatum((DateADT) out);
}

/* timestamp, and timestamptz in UTC: both count microseconds from 2000-01-01 */
static Datum
mask_year_timestamp(Timestamp ts, bool *isnull)
{
	int64		days;
	int64		out;

	if (TIMESTAMP_NOT_FINITE(ts))
		return TimestampGetDatum(ts);
	days = ts / USECS_PER_DAY;
	if (ts % USECS_PER_DAY < 0)
		days--;
	if (!year_start_days(days, &out))
	{
		*isnull = true;
		return (Datum) 0;
	}
	out *= USECS_PER_DAY;
	if (!IS_VALID_TIMESTAMP(out))
	{
		*isnull = true;
		return (Datum) 0;
	}
	return TimestampGetDatum(out);
}

/* ---------------------------------------------------------------------
 * range: first significant digit
 * ---------------------------------------------------------------------
 */

static int64
range_int(int64 v)
{
	uint64		mag = v < 0 ? -(uint64) v : (uint64) v;
	uint64		p = 1;

	while (mag / p >= 10)
		p *= 10;
	mag = (mag / p) * p;
	/* mag <= |v|, so this fits, INT64_MIN included (9 * 10^18) */
	return v < 0 ? -(int64) mag : (int64) mag;
}

static Datum
range_float(double v, bool is_float4, bool *isnull)
{
	char		buf[64];
	char		num[16];
	const char *e;
	int			exp;
	double		r;

	if (isnan(v))
		return is_float4 ? Float4GetDatum((float4) v) : Float8GetDatum(v);
	if (isinf(v))
	{
		*isnull = true;
		return (Datum) 0;
	}
	if (v == 0)
		return is_float4 ? Float4GetDatum((float4) v) : Float8GetDatum(v);
	/* the backend's LC_NUMERIC is always C */
	snprintf(buf, sizeof(buf), "%.17e", fabs(v));
	e = strchr(buf, 'e');
	exp = e ? atoi(e + 1) : 0;
	snprintf(num, sizeof(num), "%ce%d", buf[0], exp);
	if (is_float4)
	{
		float4		f = strtof(num, NULL);

		return Float4GetDatum(v < 0 ? -f : f);
	}
	r = strtod(num, NULL);
	return Float8GetDatum(v < 0 ? -r : r);
}

static Datum
range_numeric(Numeric n, bool *isnull)
{
	char	   *s;
	bool		seen = false;
	Datum		result;

	if (numeric_is_nan(n))
		return PointerGetDatum(DatumGetNumericCopy(NumericGetDatum(n)));
	if (numeric_is_inf(n))
	{
		*isnull = true;
		return (Datum) 0;
	}
	/* plain notation, never an exponent: zero every digit after the first significant one */
	s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)));
	for (char *p = s; *p; p++)
	{
		if (!IS_DIGIT(*p))
			continue;
		if (seen)
			*p = '0';
		else if (*p != '0')
			seen = true;
	}
	result = DirectFunctionCall3(numeric_in, CStringGetDatum(s),
								 ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	pfree(s);
	return result;
}

/* ---------------------------------------------------------------------
 * hash: HMAC-SHA256 (RFC 2104) over a SHA-256 of two buffers
 * ---------------------------------------------------------------------
 */

/* SHA-256 of a then b: audit_hash.c's, with its reused digest context */
#define sha256_2(a, alen, b, blen, out) pdp_sha256_2(a, alen, b, blen, out)

#define HMAC_BLOCK 64

static void
hmac_sha256(const uint8 *key, size_t keylen, const uint8 *msg, size_t len,
			uint8 *out)
{
	uint8		k[HMAC_BLOCK];
	uint8		pad[HMAC_BLOCK];
	uint8		inner[PG_SHA256_DIGEST_LENGTH];

	memset(k, 0, sizeof(k));
	if (keylen > HMAC_BLOCK)
		sha256_2(key, keylen, NULL, 0, k);
	else
		memcpy(k, key, keylen);

	for (int i = 0; i < HMAC_BLOCK; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_2(pad, HMAC_BLOCK, msg, len, inner);
	for (int i = 0; i < HMAC_BLOCK; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_2(pad, HMAC_BLOCK, inner, sizeof(inner), out);
	explicit_bzero(k, sizeof(k));
	explicit_bzero(pad, sizeof(pad));
}

static Datum
mask_hash(const uint8 *bytes, size_t len, Oid typid,
		  const unsigned char *salt, int saltlen, bool *isnull)
{
	uint8		d[PG_SHA256_DIGEST_LENGTH];
	uint64		h = 0;

	if (salt == NULL || saltlen <= 0)
	{
		*isnull = true;
		return (Datum) 0;
	}
	hmac_sha256(salt, saltlen, bytes, len, d);
	for (int i = 0; i < 8; i++)
		h = (h << 8) | d[i];
	h &= PG_INT64_MAX;

	switch (typid)
	{
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
			{
				static const char hex[] = "0123456789abcdef";
				text	   *t = text_alloc(16);
				char	   *w = VARDATA(t);

				for (int i = 0; i < 8; i++)
				{
					w[2 * i] = hex[d[i] >> 4];
					w[2 * i + 1] = hex[d[i] & 0xf];
				}
				SET_VARSIZE(t, VARHDRSZ + 16);
				return PointerGetDatum(t);
			}
		case INT8OID:
			return Int64GetDatum((int64) h);
		case INT4OID:
			return Int32GetDatum((int32) (h & PG_INT32_MAX));
		case INT2OID:
			return Int16GetDatum((int16) (h & PG_INT16_MAX));
		case UUIDOID:
			{
				pg_uuid_t  *u = palloc(sizeof(pg_uuid_t));

				memcpy(u->data, d, UUID_LEN);
				return UUIDPGetDatum(u);
			}
	}
	*isnull = true;
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * Dispatch
 * ---------------------------------------------------------------------
 */

static Datum
mask_text(PdpMaskKind kind, Datum value, Oid typid,
		  const unsigned char *salt, int saltlen, bool *isnull)
{
	struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(value));
	const unsigned char *s = (const unsigned char *) VARDATA_ANY(v);
	const unsigned char *end = s + VARSIZE_ANY_EXHDR(v);
	Datum		result = (Datum) 0;

	if (typid == BPCHAROID)
		while (end > s && end[-1] == ' ')
			end--;

	switch (kind)
	{
		case PDP_MASK_PHONE:
			result = mask_phone(s, end, isnull);
			break;
		case PDP_MASK_ID:
			result = mask_id(s, end, isnull);
			break;
		case PDP_MASK_EMAIL:
			result = mask_email(s, end, isnull);
			break;
		case PDP_MASK_INITIALS:
			result = mask_initials(s, end, isnull);
			break;
		case PDP_MASK_YEAR:
			result = mask_year_text(s, end, isnull);
			break;
		case PDP_MASK_PROVINCE:
			result = mask_province(s, end, isnull);
			break;
		case PDP_MASK_HASH:
			result = mask_hash(s, end - s, typid, salt, saltlen, isnull);
			break;
		default:
			*isnull = true;
			break;
	}
	if ((Pointer) v != DatumGetPointer(value))
		pfree(v);
	return result;
}

static int64
int_value(Datum value, Oid typid)
{
	switch (typid)
	{
		case INT2OID:
			return DatumGetInt16(value);
		case INT4OID:
			return DatumGetInt32(value);
		default:
			return DatumGetInt64(value);
	}
}

static Datum
int_datum(int64 v, Oid typid)
{
	switch (typid)
	{
		case INT2OID:
			return Int16GetDatum((int16) v);
		case INT4OID:
			return Int32GetDatum((int32) v);
		default:
			return Int64GetDatum(v);
	}
}

Datum
pdp_mask_builtin(PdpMaskKind kind, Datum value, Oid typid,
				 const unsigned char *salt, int saltlen, bool *isnull)
{
	*isnull = false;

	if (!pdp_mask_fits_type(kind, typid))
	{
		*isnull = true;
		return (Datum) 0;
	}
	if (is_textlike(typid))
		return mask_text(kind, value, typid, salt, saltlen, isnull);

	switch (kind)
	{
		case PDP_MASK_YEAR:
			if (typid == DATEOID)
				return mask_year_date(DatumGetDateADT(value), isnull);
			if (typid == TIMESTAMPOID || typid == TIMESTAMPTZOID)
				return mask_year_timestamp(DatumGetTimestamp(value), isnull);
			{
				int64		v = int_value(value, typid);

				if (v >= 1900 && v <= 2099)
					return int_datum(v, typid);
			}
			break;
		case PDP_MASK_RANGE:
			if (is_int(typid))
				return int_datum(range_int(int_value(value, typid)), typid);
			if (typid == FLOAT4OID)
				return range_float(DatumGetFloat4(value), true, isnull);
			if (typid == FLOAT8OID)
				return range_float(DatumGetFloat8(value), false, isnull);
			{
				Numeric		n = DatumGetNumeric(value);
				Datum		result = range_numeric(n, isnull);

				if ((Pointer) n != DatumGetPointer(value))
					pfree(n);
				return result;
			}
		case PDP_MASK_HASH:
			if (is_int(typid))
			{
				char		buf[MAXINT8LEN + 1];
				int			len = pg_lltoa(int_value(value, typid), buf);

				return mask_hash((const uint8 *) buf, len, typid, salt, saltlen, isnull);
			}
			return mask_hash(DatumGetUUIDP(value)->data, UUID_LEN, typid,
							 salt, saltlen, isnull);
		default:
			break;
	}
	*isnull = true;
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * pdp.mask_preview(value anyelement, mask text) RETURNS anyelement
 * ---------------------------------------------------------------------
 */

/*
 * The hash mask is previewed by pdp_admin only: anyone else could hash
 * candidate values and match them against a masked column.  The value's
 * base type is looked up once per call site (fn_extra).
 */
Datum
pdp_mask_preview(PG_FUNCTION_ARGS)
{
	char	   *name;
	PdpMaskKind kind;
	Oid		   *basetype;
	const unsigned char *salt = NULL;
	int			saltlen = 0;
	Datum		result;
	bool		isnull;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mask must not be NULL"),
				 errhint("Built-in masks: %s.", pdp_mask_builtin_names())));
	name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	kind = pdp_mask_kind(name);
	if (kind == PDP_MASK_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"%s\" is not a built-in mask", name),
				 errhint("Built-in masks: %s.", pdp_mask_builtin_names())));
	if (kind == PDP_MASK_HASH)
		pdp_require_admin("preview the hash mask");

	basetype = (Oid *) fcinfo->flinfo->fn_extra;
	if (basetype == NULL)
	{
		Oid			argtype = get_fn_expr_argtype(fcinfo->flinfo, 0);

		if (!OidIsValid(argtype))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("could not determine the type of the value to mask")));
		basetype = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));
		*basetype = getBaseType(argtype);
		fcinfo->flinfo->fn_extra = basetype;
	}

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();

	if (kind == PDP_MASK_HASH)
		salt = pdp_mask_salt(&saltlen);
	result = pdp_mask_builtin(kind, PG_GETARG_DATUM(0), *basetype, salt, saltlen,
							  &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
