/*-------------------------------------------------------------------------
 * discover_values.c
 *	  Recognizers of values for pdp.discover(): what a single value looks
 *	  like (phone number, identification number, e-mail, ...).  See
 *	  discover.h.
 *
 * Each recognizer is a pattern a person can check by eye; none is proof.
 * Digit patterns are tried on text only when the text consists of digits
 * and the separators people type (spaces, dots, dashes, parentheses, a
 * leading +).  Numbers held in integer columns lose leading zeros; the
 * rules (discover_rules.c) give those weight only next to a name hint.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <time.h>

#include "discover.h"

static const char *const kind_names[] = {
	"Vietnamese phone numbers",
	"12-digit personal identification numbers",
	"9-digit identity card numbers",
	"passport numbers",
	"e-mail addresses",
	"tax codes with a valid check digit",
	"payment card numbers (issuer prefix, Luhn check)",
	"Vietnamese personal names",
	"addresses",
	"vehicle licence plates",
	"gender words",
	"IP addresses",
	"dates",
	"plausible dates of birth",
	"plausible birth years",
	"numeric identifiers",
	"browser or app user agents",
	"identity document numbers (personal ID, old ID card or passport)",
	"masked payment card numbers",
	"family relation words",
	"Vietnamese family names",
	"health insurance card numbers",
	"international phone numbers",
	"@handles of online accounts",
};

StaticAssertDecl(lengthof(kind_names) == PDP_VK_COUNT,
				 "a name for every value kind");
StaticAssertDecl(PDP_VK_COUNT <= 32, "value kinds are bits of a uint32");

const char *
pdp_value_kind_name(PdpValueKind kind)
{
	return kind_names[kind];
}

/* ---------- folding Vietnamese text to plain lower-case ASCII ---------- */

/*
 * Vietnamese letters with their base letter.  Precomposed letters live in
 * U+00C0..U+01B0 and U+1EA0..U+1EF9; combining marks (U+0300..U+036F) are
 * dropped, so decomposed text folds the same way.
 */
static const char *const vn_letters[] = {
	"aàáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
	"eèéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ",
	"iìíỉĩịÌÍỈĨỊ",
	"oòóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
	"uùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ",
	"yỳýỷỹỵỲÝỶỸỴ",
	"dđĐ",
};

#define LOW_FIRST	0x00C0
#define LOW_LAST	0x01B0
#define HIGH_FIRST	0x1EA0
#define HIGH_LAST	0x1EF9

static char low_map[LOW_LAST - LOW_FIRST + 1];
static char high_map[HIGH_LAST - HIGH_FIRST + 1];
static bool maps_built = false;

/* decode one UTF-8 character at s (n bytes left); *used: its length */
static uint32
utf8_char(const unsigned char *s, int n, int *used)
{
	if (s[0] < 0x80 || n < 2)
	{
		*used = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0)
	{
		*used = 2;
		return ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0 && n >= 3)
	{
		*used = 3;
		return ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	if ((s[0] & 0xF8) == 0xF0 && n >= 4)
	{
		*used = 4;
		return ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
			((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	}
	*used = 1;
	return 0xFFFD;
}

static void
build_maps(void)
{
	int			i;

	for (i = 0; i < lengthof(vn_letters); i++)
	{
		const unsigned char *p = (const unsigned char *) vn_letters[i];
		char		base = (char) p[0];
		int			n = strlen(vn_letters[i]);

		while (n > 0)
		{
			int			used;
			uint32		cp = utf8_char(p, n, &used);

			if (cp >= LOW_FIRST && cp <= LOW_LAST)
				low_map[cp - LOW_FIRST] = base;
			else if (cp >= HIGH_FIRST && cp <= HIGH_LAST)
				high_map[cp - HIGH_FIRST] = base;
			p += used;
			n -= used;
		}
	}
	maps_built = true;
}

/*
 * Fold in[0..len) to lower-case ASCII in out (outsize bytes, terminated):
 * Vietnamese letters lose their marks, other non-ASCII characters become
 * '?'.  Returns the folded length.
 */
int
pdp_fold_vn(const char *in, int len, char *out, int outsize)
{
	const unsigned char *p = (const unsigned char *) in;
	int			o = 0;

	if (!maps_built)
		build_maps();
	while (len > 0 && o < outsize - 1)
	{
		int			used;
		uint32		cp = utf8_char(p, len, &used);
		char		c;

		if (cp < 0x80)
			c = (char) tolower((int) cp);
		else if (cp >= 0x0300 && cp <= 0x036F)
			c = 0;				/* combining mark */
		else if (cp >= LOW_FIRST && cp <= LOW_LAST && low_map[cp - LOW_FIRST])
			c = low_map[cp - LOW_FIRST];
		else if (cp >= HIGH_FIRST && cp <= HIGH_LAST && high_map[cp - HIGH_FIRST])
			c = high_map[cp - HIGH_FIRST];
		else
			c = '?';
		if (c)
			out[o++] = c;
		p += used;
		len -= used;
	}
	out[o] = '\0';
	return o;
}

/* ---------- digit patterns ---------- */

/*
 * The digits of s if it is a number as people write it: digits with
 * spaces, dots, dashes, parentheses, and at most a leading '+'.  Returns
 * the digit count (0: not such a number); *plus: it had a leading '+'.
 */
static int
digits_of(const char *s, int len, char *d, int dsize, bool *plus)
{
	int			n = 0;
	int			i;

	*plus = false;
	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c >= '0' && c <= '9')
		{
			if (n >= dsize - 1)
				return 0;
			d[n++] = c;
		}
		else if (c == '+' && n == 0 && !*plus)
			*plus = true;
		else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')')
			return 0;
	}
	d[n] = '\0';
	return n;
}

static bool
prefix_in(const char *d, const char *const *list)
{
	for (; *list; list++)
		if (strncmp(d, *list, strlen(*list)) == 0)
			return true;
	return false;
}

/* Mobile prefixes of the national numbering plan (10 digits with the 0) */
static const char *const mobile_prefixes[] = {
	"032", "033", "034", "035", "036", "037", "038", "039",
	"052", "055", "056", "058", "059",
	"070", "076", "077", "078", "079",
	"081", "082", "083", "084", "085", "086", "087", "088", "089",
	"090", "091", "092", "093", "094", "096", "097", "098", "099",
	NULL
};

/*
 * A phone number in national form after +84/84 is replaced by 0: mobile,
 * 10 digits; fixed line, 11 digits starting 02 (area code 02x or 02xx).
 * An integer column holds the number without its 0 (9 or 10 digits) or
 * with 84 (11 or 12 digits); text that lost the 0 too, but only from 5 up:
 * 9 digits starting 3 are as likely an old identity card number.
 */
static bool
is_phone(const char *d, int n, bool plus, bool is_text)
{
	char		nat[16];

	/* 00 84: the international prefix dialled from abroad */
	if (n >= 13 && n <= 14 && !plus && strncmp(d, "0084", 4) == 0)
	{
		d += 2;
		n -= 2;
	}
	/* no phone number has more than 12 digits (nat must hold them) */
	if (n > 12)
		return false;
	if (n >= 11 && n <= 12 && d[0] == '8' && d[1] == '4')
	{
		nat[0] = '0';
		memcpy(nat + 1, d + 2, n - 2);
		n -= 1;
	}
	else if (plus)
		return false;			/* another country */
	else if (((n == 9 && (!is_text || d[0] >= '5')) || (!is_text && n == 10)) && d[0] != '0')
	{
		nat[0] = '0';
		memcpy(nat + 1, d, n);
		n += 1;
	}
	else
		memcpy(nat, d, n);
	nat[n] = '\0';
	if (n == 10)
		return prefix_in(nat, mobile_prefixes);
	if (n == 11)
		return nat[0] == '0' && nat[1] == '2';
	return false;
}

/* Province and country codes that begin a personal identification number */
static const char *const id_province_codes[] = {
	"001", "002", "004", "006", "008", "010", "011", "012", "014", "015",
	"017", "019", "020", "022", "024", "025", "026", "027", "030", "031",
	"033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
	"046", "048", "049", "051", "052", "054", "056", "058", "060", "062",
	"064", "066", "067", "068", "070", "072", "074", "075", "077", "079",
	"080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
	"094", "095", "096", NULL
};

static int
current_year(void)
{
	time_t		now = time(NULL);
	struct tm	tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/*
 * 12 digits: a province code, the gender/century digit (0/1: born in the
 * 1900s, 2/3: 2000s), two digits of the birth year, six more.  The layout
 * is a hint, not proof: the law only guarantees twelve digits.
 */
static bool
is_personal_id(const char *d, int n)
{
	int			century;
	int			year;

	if (n != 12 || !prefix_in(d, id_province_codes))
		return false;
	century = d[3] - '0';
	if (century > 3)
		return false;
	year = (century < 2 ? 1900 : 2000) + (d[4] - '0') * 10 + (d[5] - '0');
	return year <= current_year();
}

/* 9 digits, starting with a two-digit province code of the old cards */
static bool
is_old_id(const char *d, int n)
{
	int			p;

	if (n != 9)
		return false;
	p = (d[0] - '0') * 10 + (d[1] - '0');
	return p >= 1 && p <= 38;
}

/*
 * Tax code: ten digits, the tenth a check digit over the first nine
 * (weights 31 29 23 19 17 13 7 5 3); a branch adds three digits.
 */
static bool
is_tax_code(const char *d, int n)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	int			sum = 0;
	int			i;
	int			check;

	if (n != 10 && n != 13)
		return false;
	if (n == 13 && strcmp(d + 10, "000") == 0)
		return false;
	for (i = 0; i < 9; i++)
		sum += (d[i] - '0') * w[i];
	check = 10 - sum % 11;
	return check < 10 && check == d[9] - '0';
}

static bool
luhn(const char *d, int n)
{
	int			sum = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		int			v = d[n - 1 - i] - '0';

		if (i % 2 == 1)
		{
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* Visa, Mastercard, American Express, JCB, UnionPay, NAPAS (9704) */
static bool
is_card(const char *d, int n)
{
	int			p2 = (d[0] - '0') * 10 + (d[1] - '0');
	int			p4 = p2 * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	bool		issuer;

	if (n < 13 || n > 19)
		return false;
	issuer = (d[0] == '4' && (n == 13 || n == 16 || n == 19)) ||
		(n == 16 && ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))) ||
		(n == 15 && (p2 == 34 || p2 == 37)) ||
		(n >= 16 && p2 == 35) ||
		(n >= 16 && p2 == 62) ||
		(n >= 16 && p4 == 9704);
	return issuer && luhn(d, n);
}

/* ---------- text patterns ---------- */

static bool
is_email(const char *s, int len)
{
	int			at = -1;
	int			i;
	int			dot = -1;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '@')
		{
			if (at >= 0)
				return false;
			at = i;
		}
		else if (c == '.' && at >= 0)
			dot = i;
		else if (!(isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'))
			return false;
	}
	if (at < 1 || dot < at + 2 || len - dot - 1 < 2)
		return false;
	for (i = dot + 1; i < len; i++)
		if (!isalpha((unsigned char) s[i]))
			return false;
	return true;
}

/* one letter and seven digits (the current Vietnamese passport) */
static bool
is_passport(const char *s, int len)
{
	int			i;

	if (len != 8 || !isalpha((unsigned char) s[0]) || !isupper((unsigned char) s[0]))
		return false;
	for (i = 1; i < 8; i++)
		if (!isdigit((unsigned char) s[i]))
			return false;
	return true;
}

/*
 * Licence plate: two digits (province), one or two letters (series),
 * maybe a digit, then four or five digits; dashes, dots and spaces as
 * written ("51F-123.45", "29-B1 123.45").
 */
static bool
is_plate(const char *s, int len)
{
	char		c[16];
	int			n = 0;
	int			i;
	int			letters = 0;

	for (i = 0; i < len; i++)
	{
		if (s[i] == '-' || s[i] == '.' || s[i] == ' ')
			continue;
		if (n >= (int) sizeof(c) - 1 || !isalnum((unsigned char) s[i]))
			return false;
		c[n++] = toupper((unsigned char) s[i]);
	}
	if (n < 7 || n > 10 || !isdigit((unsigned char) c[0]) || !isdigit((unsigned char) c[1]))
		return false;
	for (i = 2; i < n && isalpha((unsigned char) c[i]); i++)
		letters++;
	if (letters < 1 || letters > 2)
		return false;
	for (; i < n; i++)
		if (!isdigit((unsigned char) c[i]))
			return false;
	i = n - 2 - letters;		/* digits after the series */
	return i >= 4 && i <= 6;
}

static bool
is_ip(const char *s, int len)
{
	int			parts = 0;
	int			v = -1;
	int			i;
	int			colons = 0;
	bool		hex = true;

	for (i = 0; i < len; i++)
	{
		if (isdigit((unsigned char) s[i]))
		{
			v = (v < 0 ? 0 : v * 10) + (s[i] - '0');
			if (v > 255)
				break;
		}
		else if (s[i] == '.' && v >= 0)
		{
			parts++;
			v = -1;
		}
		else
			break;
	}
	if (i == len && parts == 3 && v >= 0)
		return true;
	/* IPv6: hex groups and colons, at least two colons */
	for (i = 0; i < len; i++)
	{
		if (s[i] == ':')
			colons++;
		else if (!isxdigit((unsigned char) s[i]))
			hex = false;
	}
	return hex && colons >= 2 && colons <= 7 && len >= 3;
}

/* Vietnamese family names, folded; they open a name in Vietnamese order */
static const char *const family_names[] = {
	"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo",
	"dang", "bui", "do", "ho", "ngo", "duong", "ly", "dinh", "truong",
	"mai", "trinh", "lam", "cao", "luong", "luu", "ha", "ta", "tong",
	"chu", "la", "thai", "quach", "kieu", "doan", "trieu", "phung",
	"vuong", "thach", "nghiem", "to", "giang", "khuc", "kha", "tang",
	"lai", "mac", "au", "diep", "hua", "than", "ung", "la", "van",
	"quan", "tieu", "lo", "nong", "au", "khong", "banh", "bach", "dam",
	"doan", "han", "hong", "khuat", "lac", "lieu", "tao", "thieu",
	"thuong", "tu", "uong", "vi", "yen", NULL
};

static bool
in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(w, *list) == 0)
			return true;
	return false;
}

/*
 * The words of s (len bytes; folded: the same, folded) if each starts with
 * a capital and all are letters: their count, or -1.  The capitals are
 * checked on the raw text (a Vietnamese capital is two or three bytes);
 * any other character folds to '?', which fails the letters test.
 */
static int
capitalised_words(const char *s, int len, const char *folded)
{
	int			words = 0;
	int			i;
	bool		start = true;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == ' ')
		{
			start = true;
			continue;
		}
		if (start)
		{
			words++;
			if (c < 0x80 && !isupper(c))
				return -1;
			if (c >= 0x80 && (c & 0xE0) != 0xC0 && (c & 0xF0) != 0xE0)
				return -1;
			start = false;
		}
		if (c < 0x80 && !isalpha(c))
			return -1;
	}
	for (i = 0; folded[i]; i++)
		if (folded[i] != ' ' && !(folded[i] >= 'a' && folded[i] <= 'z'))
			return -1;
	return words;
}

/*
 * A personal name: two to six capitalised words of letters (or the whole
 * name in capitals), the first a Vietnamese family name - or the last, in
 * Western order.
 */
static bool
is_person_name(const char *s, int len, const char *folded)
{
	int			words = capitalised_words(s, len, folded);
	char		first[16];
	int			fl = 0;
	const char *last;

	if (words < 2 || words > 6)
		return false;
	for (; folded[fl] && folded[fl] != ' '; fl++)
	{
		if (fl >= (int) sizeof(first) - 1)
			return false;
		first[fl] = folded[fl];
	}
	first[fl] = '\0';
	if (in_list(first, family_names))
		return true;
	last = strrchr(folded, ' ');
	return last != NULL && in_list(last + 1, family_names);
}

/*
 * After a title ("Anh Hùng", "BS. Trần Văn An"): one to five capitalised
 * words of letters - the title says it is a person.
 */
static bool
after_title(const char *s, int len, const char *folded)
{
	int			words = capitalised_words(s, len, folded);

	return words >= 1 && words <= 5;
}

/* words (folded) that mark a Vietnamese address */
static const char *const address_words[] = {
	"duong", "pho", "phuong", "xa", "quan", "huyen", "tinh", "thanh pho",
	"tp", "thi xa", "thi tran", "ap", "thon", "ngo", "hem", "kiet",
	"ngach", "khu pho", "kp", "so nha", "to dan pho", "khom", "ban",
	"street", "road", "ward", "district", "province", "city", "lane",
	"alley", "chung cu", "can ho", "toa", "lo", "khu", "p", "q", "h", "tx",
	"tt", "d", NULL
};

static const char *const province_words[] = {
	"ha noi", "hanoi", "ho chi minh", "hcm", "hcmc", "sai gon", "da nang",
	"hai phong", "can tho", "hue", "an giang", "bac ninh", "ca mau",
	"cao bang", "dak lak", "dien bien", "dong nai", "dong thap", "gia lai",
	"ha tinh", "hung yen", "khanh hoa", "lai chau", "lam dong", "lang son",
	"lao cai", "nghe an", "ninh binh", "phu tho", "quang ngai", "quang ninh",
	"quang tri", "son la", "tay ninh", "thai nguyen", "thanh hoa",
	"tuyen quang", "vinh long", "binh duong", "vung tau", "nha trang",
	"quang nam", "binh dinh", "long an", "kien giang", "bac giang",
	"thai binh", "nam dinh", "ha nam", "vinh phuc", "ben tre", "tien giang",
	"soc trang", "bac lieu", "tra vinh", "hau giang", "binh thuan",
	"ninh thuan", "phu yen", "kon tum", "dak nong", "binh phuoc",
	"ha giang", "yen bai", "hoa binh", "bac kan", "hai duong", NULL
};

/* does folded text contain word w as whole words (w may have spaces)? */
static bool
has_word(const char *text, const char *w)
{
	int			wl = strlen(w);
	const char *p = text;

	while ((p = strstr(p, w)) != NULL)
	{
		bool		left = (p == text || !isalnum((unsigned char) p[-1]));
		bool		right = !isalnum((unsigned char) p[wl]);

		if (left && right)
			return true;
		p++;
	}
	return false;
}

/*
 * An address: two or more address words (street, ward, district,
 * province...), or one with a house number or a province name; at least
 * three words in all.
 */
static bool
is_address(const char *folded)
{
	int			markers = 0;
	int			words = 0;
	bool		number = false;
	bool		province = false;
	const char *const *w;
	const char *p;

	for (p = folded; *p; p++)
		if ((p == folded || !isalnum((unsigned char) p[-1])) && isalnum((unsigned char) *p))
		{
			words++;
			if (isdigit((unsigned char) *p))
				number = true;
		}
	if (words < 3)
		return false;
	for (w = address_words; *w && markers < 2; w++)
		if (has_word(folded, *w))
			markers++;
	for (w = province_words; *w && !province; w++)
		if (has_word(folded, *w))
			province = true;
	return markers >= 2 || (markers == 1 && (number || province));
}

/* Titles written before a name (folded), longest first */
static const char *const titles[] = {
	"bs.ckii ", "bs.cki ", "bs. ", "bs ", "ths. ", "ts. ", "pgs. ", "gs. ",
	"ong ", "ba ", "anh ", "chi ", "co ", "thay ", "mr. ", "mrs. ", "ms. ",
	"dr. ", "mr ", "mrs ", "ms ", "dr ", NULL
};

/* bytes of folded that are a title and the blank after it, or 0 */
static int
title_length(const char *folded)
{
	const char *const *t;

	for (t = titles; *t; t++)
		if (strncmp(folded, *t, strlen(*t)) == 0)
			return strlen(*t);
	return 0;
}

/*
 * The byte offset in value (raw UTF-8) where its folded text reaches
 * folded_offset: titles are ASCII after folding, so count characters.
 */
static int
raw_offset(const char *value, int len, int folded_offset)
{
	int			i = 0;
	int			chars = 0;

	while (i < len && chars < folded_offset)
	{
		unsigned char c = (unsigned char) value[i];

		i += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
		chars++;
	}
	return i <= len ? i : 0;
}

/* words (folded) for a family relation, as forms and apps record them */
static const char *const relation_words[] = {
	"vo", "chong", "con", "con trai", "con gai", "bo", "me", "cha", "ba",
	"ong", "anh", "chi", "em", "chau", "chu ho", "vo/chong", "bo/me",
	"cha/me", "anh/chi/em", "ong/ba", "nguoi than", "wife", "husband",
	"spouse", "son", "daughter", "child", "father", "mother", "parent",
	"brother", "sister", "sibling", "grandparent", "grandchild", "relative",
	NULL
};

/*
 * A card number with its middle hidden: 13 to 19 characters of digits and
 * masking characters (*, x, X, #), at least four digits at each end... or
 * at the end only ("**** **** **** 1234"), spaces and dashes allowed.
 */
static bool
is_masked_card(const char *s, int len)
{
	int			digits = 0;
	int			masks = 0;
	int			trailing = 0;
	int			i;

	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c >= '0' && c <= '9')
		{
			digits++;
			trailing++;
		}
		else if (c == '*' || c == 'x' || c == 'X' || c == '#')
		{
			masks++;
			trailing = 0;
		}
		else if (c != ' ' && c != '-')
			return false;
	}
	return masks >= 4 && trailing >= 4 && digits + masks >= 13 && digits + masks <= 19;
}

/* @handle: '@' then 2 to 30 letters, digits, dots or underscores */
static bool
is_handle(const char *s, int len)
{
	int			i;

	if (len < 3 || len > 31 || s[0] != '@')
		return false;
	for (i = 1; i < len; i++)
		if (!isalnum((unsigned char) s[i]) && s[i] != '.' && s[i] != '_')
			return false;
	return true;
}

/* health insurance card: two letters (the beneficiary group), 13 digits */
static bool
is_insurance_card(const char *s, int len)
{
	int			i;

	if (len != 15 || !isupper((unsigned char) s[0]) || !isupper((unsigned char) s[1]))
		return false;
	for (i = 2; i < 15; i++)
		if (!isdigit((unsigned char) s[i]))
			return false;
	return true;
}

static const char *const gender_words[] = {
	"nam", "nu", "male", "female", "khac", "other", "mr", "mrs", "ms",
	"miss", "mstr", NULL
};

/* ---------- dates ---------- */

/* a day that exists (31/02 does not) */
static bool
valid_date(int y, int m, int d)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/*
 * A date as text: yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy
 * (time of day may follow).  Returns false or fills y, m, d.
 */
static bool
text_date(const char *s, int len, int *y, int *m, int *d)
{
	int			a,
				b,
				c;
	char		s1,
				s2;
	int			used = 0;
	char		buf[32];

	if (len < 8 || len >= (int) sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* yyyymmdd, as exports from older systems write it */
	if (len == 8 && strspn(buf, "0123456789") == 8)
	{
		*y = atoi(buf) / 10000;
		*m = atoi(buf) / 100 % 100;
		*d = atoi(buf) % 100;
		return *y >= 1900 && *y <= current_year() && valid_date(*y, *m, *d);
	}
	if (sscanf(buf, "%d%c%d%c%d%n", &a, &s1, &b, &s2, &c, &used) != 5 || s1 != s2)
		return false;
	if (used < len && buf[used] != ' ' && buf[used] != 'T')
		return false;
	if (s1 == '-' && a >= 1000)
	{
		*y = a;
		*m = b;
		*d = c;
	}
	else if ((s1 == '/' || s1 == '-' || s1 == '.') && c >= 1000)
	{
		*d = a;
		*m = b;
		*y = c;
	}
	else
		return false;
	return valid_date(*y, *m, *d);
}

/* the year of a date written as text, if value is one */
bool
pdp_text_date_year(const char *value, int len, int *year)
{
	int			m,
				d;

	return text_date(value, len, year, &m, &d);
}

/* kinds of a calendar date: a plausible date of birth (age 0 to 120) */
uint32
pdp_date_kinds(int year, int month, int day)
{
	int			now = current_year();
	uint32		k = 1u << PDP_VK_DATE;

	if (year >= now - 120 && year <= now && month >= 1 && month <= 12 && day >= 1)
		k |= 1u << PDP_VK_BIRTH_DATE;
	return k;
}

/* ---------- entry point ---------- */

/*
 * The kinds value (len bytes, not terminated) has.  is_text: it came from
 * a text column (false: from an integer or numeric column).
 */
uint32
pdp_value_kinds(const char *value, int len, bool is_text)
{
	uint32		k = 0;
	char		d[24];
	bool		plus;
	int			n;
	char		folded[256];
	int			y,
				m,
				dd;

	while (len > 0 && (value[0] == ' ' || value[0] == '\t'))
	{
		value++;
		len--;
	}
	while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
		len--;
	if (len == 0 || len > 200)
		return 0;

	n = digits_of(value, len, d, sizeof(d), &plus);
	if (n > 0)
	{
		if (is_phone(d, n, plus, is_text))
			k |= 1u << PDP_VK_PHONE;
		else if (plus && n >= 8 && n <= 15)
			k |= 1u << PDP_VK_INTL_PHONE;
		if (!plus)
		{
			if (is_text && is_personal_id(d, n))
				k |= 1u << PDP_VK_PERSONAL_ID;
			if (is_text && is_old_id(d, n))
				k |= 1u << PDP_VK_OLD_ID;
			if (is_text && is_tax_code(d, n))
				k |= 1u << PDP_VK_TAX_CODE;
			if (is_card(d, n))
				k |= 1u << PDP_VK_CARD;
			if (n >= 6 && n <= 19)
				k |= 1u << PDP_VK_DIGITS;
			if (n == 4 && len == 4)
			{
				int			yr = atoi(d);

				if (yr >= current_year() - 120 && yr <= current_year())
					k |= 1u << PDP_VK_BIRTH_YEAR;
			}
		}
	}
	if (!is_text)
		return k;
	if (text_date(value, len, &y, &m, &dd))
		k |= pdp_date_kinds(y, m, dd);
	if (is_email(value, len))
		k |= 1u << PDP_VK_EMAIL;
	if (is_passport(value, len))
		k |= 1u << PDP_VK_PASSPORT;
	if (k & ((1u << PDP_VK_PERSONAL_ID) | (1u << PDP_VK_OLD_ID) | (1u << PDP_VK_PASSPORT)))
		k |= 1u << PDP_VK_ID_DOCUMENT;
	if (is_plate(value, len))
		k |= 1u << PDP_VK_PLATE;
	if (is_ip(value, len))
		k |= 1u << PDP_VK_IP;
	if ((len > 8 && strncmp(value, "Mozilla/", 8) == 0) ||
		(len > 7 && strncmp(value, "Dalvik/", 7) == 0) ||
		(len > 7 && strncmp(value, "okhttp/", 7) == 0))
		k |= 1u << PDP_VK_USER_AGENT;
	pdp_fold_vn(value, len, folded, sizeof(folded));
	if (in_list(folded, gender_words))
		k |= 1u << PDP_VK_GENDER;
	if (in_list(folded, relation_words))
		k |= 1u << PDP_VK_RELATION;
	/* a family name alone, capitalised: a column of surnames */
	if (in_list(folded, family_names) &&
		(isupper((unsigned char) value[0]) || (unsigned char) value[0] >= 0x80))
		k |= 1u << PDP_VK_FAMILY_NAME;
	if (is_masked_card(value, len))
		k |= 1u << PDP_VK_MASKED_CARD;
	if (is_insurance_card(value, len))
		k |= 1u << PDP_VK_INSURANCE_CARD;
	if (is_handle(value, len))
		k |= 1u << PDP_VK_HANDLE;
	if (n == 0)
	{
		int			skip = title_length(folded);

		/* "BS. Nguyễn Văn A", "Ông Trần B": the name after the title */
		if (skip > 0)
		{
			int			raw = raw_offset(value, len, skip);

			if (raw > 0 && after_title(value + raw, len - raw, folded + skip))
				k |= 1u << PDP_VK_PERSON_NAME;
		}
		else if (is_person_name(value, len, folded))
			k |= 1u << PDP_VK_PERSON_NAME;
		if (is_address(folded))
			k |= 1u << PDP_VK_ADDRESS;
	}
	return k;
}
