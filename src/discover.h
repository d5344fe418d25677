/*-------------------------------------------------------------------------
 * discover.h
 *	  Discovery of personal columns: what pdp.discover() knows about column
 *	  names (discover_names.c) and values (discover_values.c), and how it
 *	  weighs the two (discover_rules.c).  discover.c samples the tables.
 *
 * Every recognizer is explainable: it says which word of a name matched,
 * or which pattern a value has.  None keeps a value: the sampler feeds each
 * value to pdp_value_kinds() and keeps only the counts.
 *-------------------------------------------------------------------------
 */
#ifndef PDP_DISCOVER_H
#define PDP_DISCOVER_H

#include "lib/stringinfo.h"

/* What a value looks like (bits of pdp_value_kinds()) */
typedef enum PdpValueKind
{
	PDP_VK_PHONE,				/* Vietnamese phone number, national plan */
	PDP_VK_PERSONAL_ID,			/* 12-digit personal identification number */
	PDP_VK_OLD_ID,				/* 9-digit old identity card number */
	PDP_VK_PASSPORT,			/* one letter and seven digits */
	PDP_VK_EMAIL,
	PDP_VK_TAX_CODE,			/* 10 digits with check digit [-3-digit branch] */
	PDP_VK_CARD,				/* payment card number: issuer prefix, Luhn */
	PDP_VK_PERSON_NAME,			/* Vietnamese personal name */
	PDP_VK_ADDRESS,				/* street/ward/district/province words */
	PDP_VK_PLATE,				/* vehicle licence plate */
	PDP_VK_GENDER,				/* nam, nữ, male, female */
	PDP_VK_IP,					/* IPv4 or IPv6 address */
	PDP_VK_DATE,				/* a calendar date written as text */
	PDP_VK_BIRTH_DATE,			/* a date a living person was born on */
	PDP_VK_BIRTH_YEAR,			/* a year a living person was born in */
	PDP_VK_DIGITS,				/* an identifier of 6 to 19 digits */
	PDP_VK_USER_AGENT,			/* a browser's or app's User-Agent */
	PDP_VK_ID_DOCUMENT,			/* a personal ID, old ID card or passport number */
	PDP_VK_MASKED_CARD,			/* a card number with its middle hidden */
	PDP_VK_RELATION,			/* a family relation word (vợ, con, father) */
	PDP_VK_FAMILY_NAME,			/* a Vietnamese family name alone */
	PDP_VK_INSURANCE_CARD,		/* health insurance card: 2 letters, 13 digits */
	PDP_VK_INTL_PHONE,			/* +country code and 7 to 13 digits */
	PDP_VK_HANDLE,				/* @handle of an online account */
	PDP_VK_COUNT
} PdpValueKind;

/* discover_values.c */
extern uint32 pdp_value_kinds(const char *value, int len, bool is_text);
extern uint32 pdp_date_kinds(int year, int month, int day);
extern bool pdp_text_date_year(const char *value, int len, int *year);
extern const char *pdp_value_kind_name(PdpValueKind kind);
extern int	pdp_fold_vn(const char *in, int len, char *out, int outsize);

/* discover_names.c: what a column's name (and its table's) suggests */
typedef struct PdpNameHint
{
	const char *category;		/* NULL: the name suggests nothing */
	const char *word;			/* the word of the name that matched */
	bool		weak;			/* a generic word ("name", "city") */
	bool		fragment;		/* part of the data (a ward): the name decides */
	bool		from_role;		/* no rule: a person's role word suggests a
								 * name, which only values can confirm */
	bool		boosted;		/* "name" made a person's by a role word
								 * (client_name): values may still contradict */
	const char *thing_number;	/* the column numbers a thing ("order_code"):
								 * values alone suggest nothing */
	const char *rel_category;	/* what the table's name suggests, or NULL */
	bool		stopped;		/* a word that is not personal data ("so_luong") */
	bool		whole_table;	/* every column of the table but its keys is
								 * rel_category ("cdr", "xet_nghiem") */
	const char *catalogue_word; /* the table is reference data ("dm_thuoc") */
	bool		note;			/* a free-text column (ghi_chu, notes) */
	bool		negated;		/* a word that makes it not the data itself
								 * ("phone_count", "email_verified") */
	const char *org_word;		/* the table or column is an organisation's
								 * ("suppliers", "hotline"), or NULL */
} PdpNameHint;

extern void pdp_name_hint(const char *relname, const char *colname, PdpNameHint *hint);

/* discover_rules.c: a column's evidence, weighed */
typedef enum PdpTypeClass
{
	PDP_TC_TEXT,
	PDP_TC_INTEGER,				/* integers and numeric */
	PDP_TC_DATE,				/* date, timestamp */
	PDP_TC_BOOL,
	PDP_TC_OTHER				/* not sampled: only the name counts */
} PdpTypeClass;

typedef struct PdpColumnEvidence
{
	PdpTypeClass type_class;
	const char *type_name;
	int64		sampled;		/* non-null values looked at */
	int64		kinds[PDP_VK_COUNT];	/* values of each kind */
	int64		distinct;		/* distinct values among those sampled */
	int			min_year;		/* of the dates sampled (0: none) */
	int			max_year;
} PdpColumnEvidence;

typedef struct PdpSuggestion
{
	const char *category;		/* NULL: none */
	double		confidence;		/* 0..1 */
	int64		matched;		/* sampled values supporting it */
} PdpSuggestion;

/* confidence at which a suggestion is accepted by default */
#define PDP_DISCOVER_ACCEPT 0.8

extern void pdp_weigh_column(const PdpNameHint *hint, const PdpColumnEvidence *ev,
							 PdpSuggestion *out, StringInfo evidence);

#endif							/* PDP_DISCOVER_H */
