/*-------------------------------------------------------------------------
 * discover_rules.c
 *	  How pdp.discover() weighs what a column's name suggests against what
 *	  its sampled values look like, and says why in words.  See
 *	  discover.h.
 *
 * The rules, in order:
 *   1. A name hint whose category has value patterns is confirmed or
 *      contradicted by the sample: confirmed (30% or more of the values
 *      fit) gives a high confidence; contradicted (under 10% with at least
 *      ten values) a low one.  Too few values to judge: the name alone.
 *   2. A name hint whose category has no value pattern (religion, health,
 *      income ...) counts alone; a generic word ("name", "city") does not
 *      reach the default acceptance by itself.
 *   3. Without a usable name, only values of a text column can suggest a
 *      category: at least ten values, most of them (80%, or 60% at lower confidence) fitting one pattern.
 *      Numbers in integer columns (order numbers, amounts) never do.
 *   4. A table or column that is an organisation's or a product's
 *      ("suppliers", "hotline") keeps contact data (phone, e-mail,
 *      address, tax code) below the default acceptance: a shop's hotline
 *      is not a person's phone.
 *   5. Words that make a column about the data, not the data
 *      (phone_count, email_verified) void the name hint.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "discover.h"

#define K(kind) (1u << (kind))

/* Which value kinds support a category, and on which column types */
typedef struct CategoryRule
{
	const char *category;
	uint32		kinds;			/* 0: no value pattern */
	bool		text_only;		/* values only count in text columns */
	bool		contact;		/* an organisation has one too */
	bool		by_name_elsewhere;	/* in other than text columns the name
									 * alone counts (an income in numeric) */
	bool		confirm_only;	/* many formats: values confirm, never
								 * contradict */
} CategoryRule;

static const CategoryRule categories[] = {
	{"phone_number", K(PDP_VK_PHONE) | K(PDP_VK_INTL_PHONE), false, true},
	{"digital_account", K(PDP_VK_HANDLE), true, false, false, true},
	{"email_address", K(PDP_VK_EMAIL), true, true},
	{"full_name", K(PDP_VK_PERSON_NAME) | K(PDP_VK_FAMILY_NAME), true, false, false, true},
	{"address", K(PDP_VK_ADDRESS), true, true, false, true},
	{"identity_number", K(PDP_VK_PERSONAL_ID) | K(PDP_VK_OLD_ID) | K(PDP_VK_PASSPORT) |
	K(PDP_VK_ID_DOCUMENT) | K(PDP_VK_DIGITS), false, false},
	{"tax_insurance_number", K(PDP_VK_TAX_CODE) | K(PDP_VK_PERSONAL_ID) |
	K(PDP_VK_INSURANCE_CARD) | K(PDP_VK_DIGITS), false, true, false, true},
	{"vehicle_plate", K(PDP_VK_PLATE), true, false},
	{"gender", K(PDP_VK_GENDER), true, false, true, true},
	{"family_relationship", K(PDP_VK_RELATION), true, false, false, true},
	{"date_of_birth", K(PDP_VK_BIRTH_DATE) | K(PDP_VK_BIRTH_YEAR), false, false},
	{"banking_customer_info", K(PDP_VK_CARD) | K(PDP_VK_MASKED_CARD) | K(PDP_VK_DIGITS),
	true, false, true, true},
	{"location_data", 0, false, true},
	{"online_activity", K(PDP_VK_IP) | K(PDP_VK_USER_AGENT), true, false, true, true},
	{NULL, 0, false, false, false, false}
};

/* Categories values alone may suggest, with the confidence at 90% fit */
typedef struct ValueRule
{
	PdpValueKind kind;
	const char *category;
	double		confidence;
} ValueRule;

static const ValueRule value_rules[] = {
	{PDP_VK_EMAIL, "email_address", 0.95},
	{PDP_VK_PHONE, "phone_number", 0.9},
	{PDP_VK_CARD, "banking_customer_info", 0.9},
	{PDP_VK_PERSON_NAME, "full_name", 0.9},
	{PDP_VK_ADDRESS, "address", 0.9},
	{PDP_VK_PERSONAL_ID, "identity_number", 0.85},
	{PDP_VK_TAX_CODE, "tax_insurance_number", 0.85},
	{PDP_VK_PLATE, "vehicle_plate", 0.85},
	{PDP_VK_IP, "online_activity", 0.7},
	{PDP_VK_USER_AGENT, "online_activity", 0.85},
	{PDP_VK_GENDER, "gender", 0.7},
	{PDP_VK_RELATION, "family_relationship", 0.8},
	{PDP_VK_MASKED_CARD, "banking_customer_info", 0.85},
	{PDP_VK_INSURANCE_CARD, "tax_insurance_number", 0.85},
	{PDP_VK_HANDLE, "digital_account", 0.8},
	{PDP_VK_OLD_ID, "identity_number", 0.6},
	{PDP_VK_PASSPORT, "identity_number", 0.6},
};

static const CategoryRule card_rule =
{"banking_customer_info", K(PDP_VK_CARD) | K(PDP_VK_MASKED_CARD), true, false, false, false};

/* mixed identity numbers, with enough 12-digit ones to tell them from codes */
static const ValueRule id_document_rule = {PDP_VK_ID_DOCUMENT, "identity_number", 0.85};

#define MIN_VALUES 10			/* fewer sampled values say nothing */

/* categories a free-text note in a table about them is likely to hold */
static bool
note_category(const char *category)
{
	static const char *const notes[] = {
		"health_record", "criminal_record", "private_life", "banking_customer_info",
		"political_religious_views", "sex_life_orientation", NULL
	};
	const char *const *c;

	for (c = notes; *c; c++)
		if (strcmp(*c, category) == 0)
			return true;
	return false;
}

/*
 * The category a column takes from its table: any column but a key of a
 * table of one person's activity or care; a free-text column of a table
 * about a category free text carries.  NULL: none.
 */
static const char *
context_category(const PdpNameHint *hint, const PdpColumnEvidence *ev, StringInfo evidence)
{
	const char *what;

	if (hint->whole_table && !hint->negated)
		what = "a column of a table whose rows record a person's %s (by the table's name)";
	else if (hint->note && hint->rel_category && ev->type_class == PDP_TC_TEXT &&
			 note_category(hint->rel_category))
		what = "a free-text column in a table whose name suggests %s";
	else
		return NULL;
	resetStringInfo(evidence);
	appendStringInfo(evidence, what, hint->rel_category);
	return hint->rel_category;
}

static const CategoryRule *
category_rule(const char *category)
{
	const CategoryRule *c;

	for (c = categories; c->category; c++)
		if (strcmp(c->category, category) == 0)
			return c;
	return NULL;
}

/*
 * best-fitting kind among mask (most values; the more specific kind on a
 * tie, and bare digits only when nothing else fits as many); returns its
 * count, sets *kind
 */
static int64
best_kind(const PdpColumnEvidence *ev, uint32 mask, PdpValueKind *kind)
{
	int64		best = 0;
	int			k;

	for (k = 0; k < PDP_VK_COUNT; k++)
		if (k != PDP_VK_DIGITS && (mask & K(k)) && ev->kinds[k] > best)
		{
			best = ev->kinds[k];
			*kind = (PdpValueKind) k;
		}
	if ((mask & K(PDP_VK_DIGITS)) && ev->kinds[PDP_VK_DIGITS] > best)
	{
		best = ev->kinds[PDP_VK_DIGITS];
		*kind = PDP_VK_DIGITS;
	}
	return best;
}

static void
describe_values(StringInfo evidence, const PdpColumnEvidence *ev, int64 n, PdpValueKind kind)
{
	appendStringInfo(evidence, "; values: %lld of %lld sampled look like %s",
					 (long long) n, (long long) ev->sampled, pdp_value_kind_name(kind));
}

void
pdp_weigh_column(const PdpNameHint *hint, const PdpColumnEvidence *ev,
				 PdpSuggestion *out, StringInfo evidence)
{
	const CategoryRule *crule = NULL;
	double		conf = 0;
	const char *category = NULL;
	int64		matched = 0;
	bool		values_usable;
	bool		patterns = false;

	memset(out, 0, sizeof(*out));
	values_usable = ev->type_class != PDP_TC_OTHER && ev->sampled >= MIN_VALUES;

	if (hint->category && !hint->negated)
	{
		PdpValueKind kind = PDP_VK_COUNT;
		int64		n = 0;

		crule = category_rule(hint->category);
		category = hint->category;
		/* a card number must look like one: a loyalty card does not */
		if (crule && strcmp(category, "banking_customer_info") == 0 &&
			(strstr(hint->word, "card") || strcmp(hint->word, "so the") == 0 ||
			 strcmp(hint->word, "pan") == 0))
			crule = &card_rule;
		/* weighed as a category without value patterns? */
		patterns = crule && crule->kinds && !hint->fragment &&
			!(crule->by_name_elsewhere && ev->type_class != PDP_TC_TEXT);
		appendStringInfo(evidence, "name: \"%s\" suggests %s%s", hint->word,
						 hint->category,
						 hint->from_role ? " (a person's role: perhaps a name)" :
						 hint->weak ? " (a generic word)" : "");
		if (patterns)
		{
			uint32		mask = crule->kinds;

			/* street names are people's names */
			if (strcmp(category, "address") == 0)
				mask |= K(PDP_VK_PERSON_NAME);
			if (crule->text_only && ev->type_class != PDP_TC_TEXT)
				mask = 0;
			n = best_kind(ev, mask, &kind);
		}
		if (patterns && (ev->type_class == PDP_TC_BOOL ||
									  (crule->text_only && ev->type_class != PDP_TC_TEXT &&
									   ev->type_class != PDP_TC_OTHER)))
		{
			/* e.g. email_address in a boolean column: not the data itself */
			appendStringInfo(evidence, "; but the column is %s", ev->type_name);
			conf = 0.2;
		}
		else if (patterns && values_usable)
		{
			double		share = (double) n / ev->sampled;

			if (n > 0)
				describe_values(evidence, ev, n, kind);
			else
				appendStringInfo(evidence, "; values: none of %lld sampled fit", (long long) ev->sampled);
			matched = n;
			if (share >= 0.3)
				conf = hint->weak ? (share >= 0.5 ? 0.85 : 0.6) : 0.97;
			else if (crule->confirm_only && !hint->from_role && !hint->boosted)
				conf = hint->weak ? 0.5 : 0.85;
			else if (share >= 0.1)
				conf = hint->weak ? 0.4 : 0.6;
			else
				conf = hint->weak ? 0.2 : 0.3;
			/* DIGITS alone (an account number) is weaker support */
			if (kind == PDP_VK_DIGITS && conf > 0.9)
				conf = 0.9;
		}
		else
		{
			if (patterns && ev->type_class != PDP_TC_OTHER)
				appendStringInfo(evidence, ev->sampled == 0 ? "; no values to sample" : "; only %lld values to sample", (long long) ev->sampled);
			else if (ev->type_class == PDP_TC_OTHER)
				appendStringInfo(evidence, "; values of type %s not sampled", ev->type_name);
			conf = hint->weak ? 0.5 : 0.85;
		}
	}
	else if (hint->category && hint->negated)
		appendStringInfo(evidence, "name: \"%s\" is about %s, not the data itself",
						 hint->word, hint->category);

	/* values alone, or values that contradict the name */
	if (conf < 0.5 && values_usable && ev->type_class == PDP_TC_TEXT && !hint->thing_number)
	{
		int			i;
		double		best = 0;
		const ValueRule *pick = NULL;

		for (i = 0; i < lengthof(value_rules); i++)
		{
			int64		n = ev->kinds[value_rules[i].kind];
			double		share = (double) n / ev->sampled;
			double		c;

			if (n < MIN_VALUES || share < 0.6)
				continue;
			c = value_rules[i].confidence - (share >= 0.8 ? 0 : 0.15);
			/* gender and relation words take few distinct values */
			if ((value_rules[i].kind == PDP_VK_GENDER && ev->distinct > 6) ||
				(value_rules[i].kind == PDP_VK_RELATION && ev->distinct > 16))
				continue;
			if (c > best)
			{
				best = c;
				pick = &value_rules[i];
			}
		}
		/* identity numbers of mixed kinds: ID, old ID card, passport */
		if (ev->kinds[PDP_VK_ID_DOCUMENT] >= MIN_VALUES &&
			ev->kinds[PDP_VK_ID_DOCUMENT] >= ev->sampled * 8 / 10 &&
			ev->kinds[PDP_VK_PERSONAL_ID] * 4 >= ev->sampled && best < 0.85)
		{
			best = 0.85;
			pick = &id_document_rule;
		}
		if (pick)
		{
			int64		n = ev->kinds[pick->kind];

			resetStringInfo(evidence);
			if (hint->category)
				appendStringInfo(evidence, "name: \"%s\" suggests %s, ", hint->word,
								 hint->negated ? "nothing" : hint->category);
			appendStringInfo(evidence, "values: %lld of %lld sampled look like %s",
							 (long long) n, (long long) ev->sampled,
							 pdp_value_kind_name(pick->kind));
			category = pick->category;
			conf = best;
			matched = n;
			crule = category_rule(category);
		}
	}

	/* dates spread over decades, long ago: people's birthdays */
	if (category == NULL && hint->category == NULL && values_usable &&
		ev->kinds[PDP_VK_BIRTH_DATE] >= ev->sampled * 9 / 10 &&
		ev->max_year - ev->min_year >= 30)
	{
		resetStringInfo(evidence);
		appendStringInfo(evidence, "values: %lld of %lld sampled look like %s, spread over %d years (%d to %d)",
						 (long long) ev->kinds[PDP_VK_BIRTH_DATE], (long long) ev->sampled,
						 pdp_value_kind_name(PDP_VK_BIRTH_DATE),
						 ev->max_year - ev->min_year, ev->min_year, ev->max_year);
		category = "date_of_birth";
		conf = 0.8;
		matched = ev->kinds[PDP_VK_BIRTH_DATE];
	}
	/* what the table is about, for columns nothing else suggests */
	if (category == NULL && (category = context_category(hint, ev, evidence)) != NULL)
	{
		conf = 0.8;
		crule = category_rule(category);
	}
	if (category == NULL)
		return;					/* out says: no suggestion */

	/* a table of reference data describes things, not people */
	if (hint->catalogue_word && conf > 0.5)
	{
		appendStringInfo(evidence, "; but \"%s\" names a table of reference data", hint->catalogue_word);
		conf = 0.5;
	}
	/* an organisation's contact data is not a person's */
	if (hint->org_word && conf > 0.5 && crule && crule->contact)
	{
		appendStringInfo(evidence, "; but \"%s\" names an organisation or a product, not a person",
						 hint->org_word);
		conf = 0.5;
	}
	appendStringInfo(evidence, "; type %s", ev->type_name);
	out->category = category;
	out->confidence = conf;
	out->matched = matched;
}
