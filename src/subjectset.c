/*-------------------------------------------------------------------------
 * subjectset.c
 *	  A set of subject ids, built once and probed once per row by the row
 *	  filter: it must cost a few nanoseconds, not a cache miss per row.
 *
 * Subject ids are text.  Most are integers (customer ids), and tables are
 * usually stored in id order, so ids whose text is a canonical integer and
 * whose consent does not expire go into a bitmap over [min, max] when that
 * range is dense enough (at most 64 bits per member), else into a hash of
 * int64.  Everything else - non-integer ids and every entry with an expiry,
 * which must be compared with the statement's time - goes into a hash of
 * strings.  An integer id is looked up in the integer part first, and in
 * the string hash only when that holds integer ids (with an expiry).
 *
 * Once built, a set is kept current subject by subject (consent.c removes
 * a changed subject and adds it back as the table now says): integer ids
 * outside the bitmap's range then go to the int64 hash.
 *
 * A set has its own memory and a pin count: the consent cache holds one
 * pin while it keeps the set, each statement that filters rows by it one
 * more, and the set is freed when the last lets go.
 *
 * String ids are also kept in a sorted array.  A sequential scan meets
 * them in the order the table holds them, usually sorted too, so a probe
 * first looks right after where the previous one ended (a "finger": one or
 * two comparisons, in memory the previous probe touched) and falls back to
 * the hash when the order breaks.  This is what makes text ids nearly as
 * cheap as integers in a scan.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

typedef struct SubjKey
{
	const char *p;
	uint32		len;
} SubjKey;

typedef struct SubjEntry
{
	SubjKey		key;
	uint32		hash;
	char		status;
	int32		idx;			/* in the sorted array; -1: added later */
	TimestampTz expires;		/* DT_NOEND: never */
} SubjEntry;

/* The string ids in byte order, for scans that meet them in that order */
typedef struct SortedId
{
	SubjKey		key;
	bool		present;		/* removed since: false */
	TimestampTz expires;
} SortedId;

#define SH_PREFIX strset
#define SH_ELEMENT_TYPE SubjEntry
#define SH_KEY_TYPE SubjKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) hash_bytes((const unsigned char *) (k).p, (k).len)
#define SH_EQUAL(tb, a, b) ((a).len == (b).len && memcmp((a).p, (b).p, (a).len) == 0)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->hash)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

typedef struct IntEntry
{
	int64		key;
	char		status;
} IntEntry;

#define SH_PREFIX intset
#define SH_ELEMENT_TYPE IntEntry
#define SH_KEY_TYPE int64
#define SH_KEY key
#define SH_HASH_KEY(tb, k) ((uint32) hash_bytes_uint32((uint32) (k) ^ (uint32) ((uint64) (k) >> 32)))
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

#define BITMAP_MAX_BITS_PER_MEMBER	64

static inline int
key_cmp(const char *p, int len, const SubjKey *k)
{
	int			c = memcmp(p, k->p, Min((uint32) len, k->len));

	if (c != 0)
		return c;
	return (len > (int) k->len) - (len < (int) k->len);
}

struct SubjectSet
{
	MemoryContext cxt;			/* the set's own memory, all of it */
	int			pins;			/* holders; the set goes with the last */
	strset_hash *strings;		/* non-integer ids, and ids with an expiry */
	/* integer ids without expiry: while building, a plain array */
	int64	   *ints;
	int64		nints;
	int64		maxints;
	/* ... then a bitmap over [base, base + nbits) or a hash */
	uint64	   *bits;
	int64		base;
	uint64		nbits;
	intset_hash *inthash;		/* sparse ids; in bitmap mode, later additions */
	uint64		members;
	uint64		expiring_ints;	/* integer ids in strings (with an expiry) */
	bool		finished;
	/* the string ids of the load, sorted, and where the last probe ended */
	SortedId   *sorted;
	int32		nsorted;
	int32		maxsorted;
	int32		finger;
	uint64		nadded;			/* string ids added after the load */
};

#define ST_SORT sort_ids
#define ST_ELEMENT_TYPE SortedId
#define ST_COMPARE(a, b) key_cmp((a)->key.p, (a)->key.len, &(b)->key)
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/* Is p[0..len) the canonical text of an int64 (as int8out writes it)? */
static bool
canonical_int(const char *p, int len, int64 *out)
{
	int			i = 0;
	bool		neg = false;
	uint64		v = 0;

	if (len <= 0 || len > 20)
		return false;
	if (p[0] == '-')
	{
		neg = true;
		i = 1;
		if (len == 1 || p[1] == '0')
			return false;		/* "-", "-0", "-01" */
	}
	if (p[i] == '0' && len > i + 1)
		return false;			/* leading zero */
	for (; i < len; i++)
	{
		int			d = p[i] - '0';

		if (d < 0 || d > 9)
			return false;
		if (v > (PG_UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (neg)
	{
		if (v > (uint64) PG_INT64_MAX + 1)
			return false;
		*out = (int64) (0 - v);
	}
	else
	{
		if (v > (uint64) PG_INT64_MAX)
			return false;
		*out = (int64) v;
	}
	return true;
}

/*
 * A new, empty set in a memory context of its own under parent, pinned
 * once by its creator.
 */
SubjectSet *
subjectset_create(MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "pdp subject set",
											  ALLOCSET_DEFAULT_SIZES);
	SubjectSet *s = MemoryContextAllocZero(cxt, sizeof(SubjectSet));

	s->cxt = cxt;
	s->pins = 1;
	s->strings = strset_create(cxt, 64, NULL);
	return s;
}

void
subjectset_pin(SubjectSet *s)
{
	s->pins++;
}

/* Let go of s; its memory goes with the last holder */
void
subjectset_unpin(SubjectSet *s)
{
	Assert(s->pins > 0);
	if (--s->pins == 0)
		MemoryContextDelete(s->cxt);
}

/* Index of p in the sorted array, -1 if not there */
static int32
sorted_find(SubjectSet *s, const char *p, int len)
{
	int32		lo = 0;
	int32		hi = s->nsorted - 1;

	while (lo <= hi)
	{
		int32		mid = lo + (hi - lo) / 2;
		int			c = key_cmp(p, len, &s->sorted[mid].key);

		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

static void
add_string(SubjectSet *s, const char *p, int len, TimestampTz expires)
{
	SubjKey		key;
	SubjEntry  *e;
	bool		found;
	char	   *copy;

	copy = MemoryContextAlloc(s->cxt, len + 1);
	memcpy(copy, p, len);
	copy[len] = '\0';
	key.p = copy;
	key.len = len;
	if (!s->finished)
	{
		/* loading: in load order (often already sorted); hashed at finish */
		if (s->nsorted == s->maxsorted)
		{
			s->maxsorted = s->maxsorted ? s->maxsorted * 2 : 1024;
			s->sorted = s->sorted ?
				repalloc_huge(s->sorted, s->maxsorted * sizeof(SortedId)) :
				MemoryContextAllocHuge(s->cxt, s->maxsorted * sizeof(SortedId));
		}
		s->sorted[s->nsorted].key = key;
		s->sorted[s->nsorted].present = true;
		s->sorted[s->nsorted].expires = expires;
		s->nsorted++;
		return;
	}
	e = strset_insert(s->strings, key, &found);
	e->expires = expires;
	e->idx = -1;
	if (s->nsorted > 0)
	{
		/* back in the sorted array if it was there */
		int32		i = sorted_find(s, p, len);

		if (i >= 0)
		{
			s->sorted[i].present = true;
			s->sorted[i].expires = expires;
			e->idx = i;
		}
	}
	if (e->idx < 0)
		s->nadded++;
}

/*
 * Add a subject known not to be in the set (ids are unique in the tables
 * sets are loaded from; a refresh removes before it adds).
 */
void
subjectset_add(SubjectSet *s, const char *p, int len, TimestampTz expires)
{
	int64		v;

	s->members++;
	if (canonical_int(p, len, &v))
	{
		if (expires != DT_NOEND)
		{
			s->expiring_ints++;
			add_string(s, p, len, expires);
			return;
		}
		if (s->finished)
		{
			uint64		off = (uint64) v - (uint64) s->base;
			bool		found;

			if (s->bits && off < s->nbits)
				s->bits[off / 64] |= UINT64CONST(1) << (off % 64);
			else
			{
				if (s->inthash == NULL)
					s->inthash = intset_create(s->cxt, 64, NULL);
				intset_insert(s->inthash, v, &found);
			}
			return;
		}
		if (s->nints == s->maxints)
		{
			s->maxints = s->maxints ? s->maxints * 2 : 1024;
			s->ints = s->ints ?
				repalloc_huge(s->ints, s->maxints * sizeof(int64)) :
				MemoryContextAllocHuge(s->cxt, s->maxints * sizeof(int64));
		}
		s->ints[s->nints++] = v;
		return;
	}
	add_string(s, p, len, expires);
}

/* Remove a subject; false if it was not there */
bool
subjectset_remove(SubjectSet *s, const char *p, int len)
{
	int64		v;
	bool		is_int = canonical_int(p, len, &v);
	SubjKey		key;

	Assert(s->finished);
	if (is_int)
	{
		uint64		off = (uint64) v - (uint64) s->base;

		if (s->bits && off < s->nbits &&
			(s->bits[off / 64] & (UINT64CONST(1) << (off % 64))))
		{
			s->bits[off / 64] &= ~(UINT64CONST(1) << (off % 64));
			s->members--;
			return true;
		}
		if (s->inthash && intset_delete(s->inthash, v))
		{
			s->members--;
			return true;
		}
	}
	key.p = p;
	key.len = len;
	{
		SubjEntry  *e = strset_lookup(s->strings, key);

		if (e && e->idx >= 0)
			s->sorted[e->idx].present = false;
		else if (e)
			s->nadded--;
	}
	if (strset_delete(s->strings, key))
	{
		s->members--;
		if (is_int)
			s->expiring_ints--;
		return true;
	}
	return false;
}

/* Done adding: lay the integer ids out for probing */
void
subjectset_finish(SubjectSet *s)
{
	int64		min = PG_INT64_MAX;
	int64		max = PG_INT64_MIN;
	int64		i;
	uint64		range;

	s->finished = true;
	if (s->nsorted > 0)
	{
		int32		j;

		/* the sort's presorted check makes a table read in id order cheap */
		sort_ids(s->sorted, s->nsorted);
		if (s->strings->size < (uint64) s->nsorted * 2)
			strset_grow(s->strings, (uint64) s->nsorted * 2);
		for (j = 0; j < s->nsorted; j++)
		{
			bool		found;
			SubjEntry  *e = strset_insert(s->strings, s->sorted[j].key, &found);

			e->expires = s->sorted[j].expires;
			e->idx = j;
		}
	}
	if (s->nints == 0)
		return;
	for (i = 0; i < s->nints; i++)
	{
		min = Min(min, s->ints[i]);
		max = Max(max, s->ints[i]);
	}
	range = (uint64) max - (uint64) min + 1;
	if (range / BITMAP_MAX_BITS_PER_MEMBER <= (uint64) s->nints)
	{
		s->base = min;
		s->nbits = range;
		s->bits = MemoryContextAllocHuge(s->cxt, ((range + 63) / 64) * sizeof(uint64));
		memset(s->bits, 0, ((range + 63) / 64) * sizeof(uint64));
		for (i = 0; i < s->nints; i++)
		{
			uint64		off = (uint64) s->ints[i] - (uint64) min;

			s->bits[off / 64] |= UINT64CONST(1) << (off % 64);
		}
	}
	else
	{
		bool		found;

		s->inthash = intset_create(s->cxt, s->nints, NULL);
		for (i = 0; i < s->nints; i++)
			intset_insert(s->inthash, s->ints[i], &found);
	}
	pfree(s->ints);
	s->ints = NULL;
}

bool
subjectset_is_empty(SubjectSet *s)
{
	return s == NULL || s->members == 0;
}

/*
 * Is p in the string part?  A scan usually meets ids in the order they were
 * loaded and sorted in: first look where the last probe ended (one or two
 * comparisons, memory next to the last), and only then in the hash.
 */
static inline bool
in_strings(SubjectSet *s, const char *p, int len, TimestampTz now)
{
	SubjKey		key;
	SubjEntry  *e;
	int32		f = s->finger;

	if (s->strings->members == 0)
		return false;
	if (f < s->nsorted)
	{
		int			c = key_cmp(p, len, &s->sorted[f].key);

		if (c == 0)
		{
			s->finger = f + 1;
			return s->sorted[f].present && s->sorted[f].expires > now;
		}
		if (c < 0 && (f == 0 || key_cmp(p, len, &s->sorted[f - 1].key) > 0))
			goto not_sorted;	/* between f - 1 and f: not in the array */
		if (c > 0 && f + 1 < s->nsorted)
		{
			c = key_cmp(p, len, &s->sorted[f + 1].key);
			if (c == 0)
			{
				s->finger = f + 2;
				return s->sorted[f + 1].present && s->sorted[f + 1].expires > now;
			}
			if (c < 0)
			{
				s->finger = f + 1;
				goto not_sorted;
			}
		}
	}
	key.p = p;
	key.len = len;
	e = strset_lookup(s->strings, key);
	if (e != NULL && e->idx >= 0)
		s->finger = e->idx + 1;
	return e != NULL && e->expires > now;

not_sorted:
	/* ids added after the load are in the hash only */
	if (s->nadded == 0)
		return false;
	key.p = p;
	key.len = len;
	e = strset_lookup(s->strings, key);
	return e != NULL && e->idx < 0 && e->expires > now;
}

bool
subjectset_contains_int(SubjectSet *s, int64 v, TimestampTz now)
{
	if (s == NULL || s->members == 0)
		return false;
	if (s->bits)
	{
		uint64		off = (uint64) v - (uint64) s->base;

		if (off < s->nbits && (s->bits[off / 64] & (UINT64CONST(1) << (off % 64))))
			return true;
	}
	if (s->inthash && intset_lookup(s->inthash, v) != NULL)
		return true;
	if (s->expiring_ints > 0)
	{
		char		buf[MAXINT8LEN + 1];
		int			len = pg_lltoa(v, buf);

		return in_strings(s, buf, len, now);
	}
	return false;
}

bool
subjectset_contains(SubjectSet *s, const char *p, int len, TimestampTz now)
{
	int64		v;

	if (s == NULL || s->members == 0)
		return false;
	if (canonical_int(p, len, &v))
		return subjectset_contains_int(s, v, now);
	return in_strings(s, p, len, now);
}
