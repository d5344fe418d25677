/*-------------------------------------------------------------------------
 * discover_names.c
 *	  What a column's name suggests to pdp.discover(): English and
 *	  Vietnamese words, with or without diacritics, run together or not,
 *	  in common abbreviations (ho_ten, hoten, sdt, cccd, mst ...).  See
 *	  discover.h.
 *
 * A name is folded (lower case, no diacritics) and cut into words at
 * anything not a letter or digit and at lower-to-upper case changes
 * (phoneNumber).  A rule matches when its words appear in a row among the
 * name's words, or run together as one of them (so_dien_thoai,
 * sodienthoai, kh_sodienthoai).  The first rule that matches wins, so
 * specific rules come before generic ones.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "discover.h"

typedef struct NameRule
{
	const char *words;			/* space-separated, folded */
	const char *category;		/* NULL: a word that is not personal data */
	bool		weak;
	bool		fragment;		/* a part (a ward, a house number): values
								 * cannot confirm or contradict it */
} NameRule;

static const NameRule rules[] = {
	/* words that contain a rule's word but mean something else */
	{"so luong", NULL, false},	/* quantity */
	{"chat luong", NULL, false},	/* quality */
	{"khoi luong", NULL, false},	/* weight */
	{"trong luong", NULL, false},
	{"dung luong", NULL, false},	/* capacity */
	{"luu luong", NULL, false},	/* traffic volume */
	{"thong tin", NULL, false},	/* information */
	{"ky luong", NULL, false},	/* pay period */
	{"ham luong", NULL, false},	/* a drug's strength */
	{"phan luong", NULL, false},	/* a customs channel */
	{"company tax", NULL, false},	/* an organisation's tax code */
	{"employer tax", NULL, false},
	{"mst cong ty", NULL, false},
	{"mst doanh nghiep", NULL, false},
	{"ma so thue cong ty", NULL, false},
	{"cell id", "location_data", false},	/* a mobile network cell */
	{"last login", "online_activity", false},
	{"last seen", "online_activity", false},
	{"login at", "online_activity", false},
	{"login time", "online_activity", false},
	/* sensitive first: a password hash is credentials, not a "hash" */
	{"password", "account_credentials", false},
	{"otp", "account_credentials", false},
	{"refresh token", "account_credentials", false},
	{"access token", "account_credentials", false},
	{"session token", "account_credentials", false},
	{"token hash", "account_credentials", false},
	{"passwd", "account_credentials", false},
	{"pwd", "account_credentials", false},
	{"mat khau", "account_credentials", false},
	{"pass hash", "account_credentials", false},
	{"pin code", "account_credentials", false},
	{"otp secret", "account_credentials", false},
	{"totp secret", "account_credentials", false},
	{"security answer", "account_credentials", false},
	{"anh cccd", "identity_document_image", false},
	{"anh cmnd", "identity_document_image", false},
	{"anh giay to", "identity_document_image", false},
	{"cccd image", "identity_document_image", false},
	{"cccd front", "identity_document_image", false},
	{"cccd back", "identity_document_image", false},
	{"id card image", "identity_document_image", false},
	{"id image", "identity_document_image", false},
	{"id front", "identity_document_image", false},
	{"id back", "identity_document_image", false},
	{"id scan", "identity_document_image", false},
	{"passport scan", "identity_document_image", false},
	{"passport image", "identity_document_image", false},
	{"mat truoc", "identity_document_image", false},
	{"mat sau", "identity_document_image", false},
	{"ekyc image", "identity_document_image", false},
	{"fingerprint", "biometric_data", false},
	{"van tay", "biometric_data", false},
	{"face template", "biometric_data", false},
	{"face embedding", "biometric_data", false},
	{"faceid", "biometric_data", false},
	{"iris", "biometric_data", false},
	{"voiceprint", "biometric_data", false},
	{"biometric", "biometric_data", false},
	{"sinh trac", "biometric_data", false},
	{"dna", "genetic_data", false},
	{"genetic", "genetic_data", false},
	{"genome", "genetic_data", false},
	{"sexual orientation", "sex_life_orientation", false},
	{"xu huong tinh duc", "sex_life_orientation", false},
	{"criminal", "criminal_record", false},
	{"tien an", "criminal_record", false},
	{"an tich", "criminal_record", false},
	{"conviction", "criminal_record", false},
	{"ly lich tu phap", "criminal_record", false},
	{"ton giao", "political_religious_views", false},
	{"religion", "political_religious_views", false},
	{"tin nguong", "political_religious_views", false},
	{"dang vien", "political_religious_views", false},
	{"political", "political_religious_views", false},
	{"dan toc", "racial_ethnic_origin", false},
	{"ethnicity", "racial_ethnic_origin", false},
	{"ethnic", "racial_ethnic_origin", false},
	{"race", "racial_ethnic_origin", false},
	{"chan doan", "health_record", false},
	{"diagnosis", "health_record", false},
	{"benh an", "health_record", false},
	{"tien su benh", "health_record", false},
	{"benh ly", "health_record", false},
	{"medical", "health_record", false},
	{"blood pressure", "health_record", false},
	{"bmi", "health_record", false},
	{"body fat", "health_record", false},
	{"huyet ap", "health_record", false},
	{"systolic", "health_record", false},
	{"diastolic", "health_record", false},
	{"heart rate", "health_record", false},
	{"nhip tim", "health_record", false},
	{"symptom", "health_record", false},
	{"trieu chung", "health_record", false},
	{"icd", "health_record", false},
	{"icd10", "health_record", false},
	{"lieu dung", "health_record", false},
	{"dosage", "health_record", false},
	{"prescription", "health_record", false},
	{"don thuoc", "health_record", false},
	{"xet nghiem", "health_record", false},
	{"chief complaint", "health_record", false},
	{"xquang", "health_record", false},
	{"x quang", "health_record", false},
	{"xray", "health_record", false},
	{"x ray", "health_record", false},
	{"phac do", "health_record", false},
	{"benh", "health_record", false},
	{"can nang", "health_record", false},
	{"chieu cao", "health_record", false},
	{"health", "health_record", false},
	{"suc khoe", "health_record", false},
	{"allergy", "health_record", false},
	{"allergies", "health_record", false},
	{"di ung", "health_record", false},
	{"disability", "health_record", false},
	{"khuyet tat", "health_record", false},
	{"blood type", "health_record", false},
	{"nhom mau", "health_record", false},
	{"vaccination", "health_record", false},
	{"tiem chung", "health_record", false},
	{"latitude", "location_data", false},
	{"longitude", "location_data", false},
	{"lat", "location_data", false},
	{"lng", "location_data", false},
	{"lon", "location_data", false},
	{"vi do", "location_data", false},
	{"kinh do", "location_data", false},
	{"gps", "location_data", false},
	{"toa do", "location_data", false},
	{"geolocation", "location_data", false},
	{"coordinates", "location_data", false},
	{"last location", "location_data", false},
	{"current location", "location_data", false},
	{"ip address", "online_activity", false},
	{"ip addr", "online_activity", false},
	{"client ip", "online_activity", false},
	{"ip", "online_activity", false},
	{"user agent", "online_activity", false},
	{"useragent", "online_activity", false},
	{"device id", "online_activity", true},	/* a phone's, or a kiosk's */
	{"device fingerprint", "online_activity", false},
	{"cookie id", "online_activity", false},
	{"page url", "online_activity", false},
	{"visited url", "online_activity", false},
	{"referrer", "online_activity", false},
	{"search query", "online_activity", false},
	{"search term", "online_activity", false},
	{"lich su truy cap", "online_activity", false},
	{"browsing", "online_activity", false},
	/* identification */
	{"so bhxh", "tax_insurance_number", false},
	{"bhxh", "tax_insurance_number", false},
	{"the bhyt", "tax_insurance_number", false},
	{"bhyt", "tax_insurance_number", false},
	{"social insurance", "tax_insurance_number", false},
	{"health insurance", "tax_insurance_number", false},
	{"ma so thue", "tax_insurance_number", false},
	{"mst", "tax_insurance_number", false},
	{"tax code", "tax_insurance_number", false},
	{"tax id", "tax_insurance_number", false},
	{"tax number", "tax_insurance_number", false},
	{"ngay cap cccd", "identity_number", false, true},	/* an ID's date of issue */
	{"noi cap cccd", "identity_number", false, true},	/* and place of issue */
	{"ngay cap cmnd", "identity_number", false, true},
	{"noi cap cmnd", "identity_number", false, true},
	{"ngay cap ho chieu", "identity_number", false, true},
	{"passport expiry", "identity_number", false, true},
	{"ho khau", "other_identifying", false},	/* household registration book */
	{"cccd", "identity_number", false},
	{"cmnd", "identity_number", false},
	{"cmt", "identity_number", false},
	{"can cuoc", "identity_number", false},
	{"dinh danh", "identity_number", false},
	{"national id", "identity_number", false},
	{"citizen id", "identity_number", false},
	{"id card", "identity_number", false},
	{"id number", "identity_number", false},
	{"id no", "identity_number", false},
	{"identity number", "identity_number", false},
	{"identity no", "identity_number", false},
	{"personal id", "identity_number", false},
	{"passport", "identity_number", false},
	{"giay to", "identity_number", false},
	{"document number", "identity_number", false},
	{"document no", "identity_number", false},
	{"ho chieu", "identity_number", false},
	{"driver license", "identity_number", false},
	{"license no", "identity_number", false},
	{"licence no", "identity_number", false},
	{"license number", "identity_number", false},
	{"driving licence", "identity_number", false},
	{"driving license", "identity_number", false},
	{"gplx", "identity_number", false},
	{"bang lai", "identity_number", false},
	{"bien so", "vehicle_plate", false},
	{"license plate", "vehicle_plate", false},
	{"licence plate", "vehicle_plate", false},
	{"plate number", "vehicle_plate", false},
	{"number plate", "vehicle_plate", false},
	{"plate", "vehicle_plate", false},
	/* financial */
	{"so tai khoan", "banking_customer_info", false},
	{"stk", "banking_customer_info", false},
	{"acct", "banking_customer_info", true},
	{"so tk", "banking_customer_info", false},
	{"tk ngan hang", "banking_customer_info", false},
	{"tai khoan ngan hang", "banking_customer_info", false},
	{"bank acc", "banking_customer_info", false},
	{"acc no", "banking_customer_info", false},
	{"tk", "banking_customer_info", true},
	{"bank account", "banking_customer_info", false},
	{"account number", "banking_customer_info", false},
	{"account no", "banking_customer_info", false},
	{"acct no", "banking_customer_info", false},
	{"iban", "banking_customer_info", false},
	{"card number", "banking_customer_info", false},
	{"card no", "banking_customer_info", false},
	{"so the", "banking_customer_info", false},
	{"so tien vay", "banking_customer_info", false},
	{"khoan vay", "banking_customer_info", false},
	{"loan amount", "banking_customer_info", false},
	{"du no", "banking_customer_info", false},
	{"pan", "banking_customer_info", false},
	{"cvv", "banking_customer_info", false},
	{"card expiry", "banking_customer_info", false},
	{"so du", "banking_customer_info", false},
	{"balance", "banking_customer_info", false},
	{"credit limit", "banking_customer_info", false},
	{"han muc", "banking_customer_info", false},
	{"credit score", "banking_customer_info", false},
	{"diem tin dung", "banking_customer_info", false},
	{"income", "banking_customer_info", false},
	{"thu nhap", "banking_customer_info", false},
	{"salary", "other_identifying", false},
	{"luong", "other_identifying", false},
	/* contact */
	{"so dien thoai", "phone_number", false},
	{"dien thoai", "phone_number", false},
	{"di dong", "phone_number", false},
	{"sdt", "phone_number", false},
	{"so dt", "phone_number", false},
	{"sodt", "phone_number", false},
	{"dt di dong", "phone_number", false},
	{"phone", "phone_number", false},
	{"mobile", "phone_number", false},
	{"telephone", "phone_number", false},
	{"tel", "phone_number", false},
	{"cell", "phone_number", false},
	{"zalo", "phone_number", true},
	{"fax", "phone_number", true},
	{"email", "email_address", false},
	{"e mail", "email_address", false},
	{"mail", "email_address", false},
	{"thu dien tu", "email_address", false},
	/* birth, before the address rules ("noi sinh" is a place) */
	{"ngay sinh", "date_of_birth", false},
	{"ngay mat", "date_of_birth", false},	/* date of death: Art.3(b) too */
	{"date of death", "date_of_birth", false},
	{"death date", "date_of_birth", false},
	{"nam sinh", "date_of_birth", false},
	{"sinh nhat", "date_of_birth", false},
	{"dob", "date_of_birth", false},
	{"birth date", "date_of_birth", false},
	{"birthdate", "date_of_birth", false},
	{"date of birth", "date_of_birth", false},
	{"birthday", "date_of_birth", false},
	{"birth year", "date_of_birth", false},
	{"year of birth", "date_of_birth", false},
	{"born", "date_of_birth", false},
	{"noi sinh", "address", false, true},
	{"place of birth", "address", false, true},
	{"birthplace", "address", false, true},
	{"que quan", "address", false, true},
	{"hometown", "address", false, true},
	{"dia chi", "address", false},
	{"address", "address", false},
	{"addr", "address", false},
	{"thuong tru", "address", false},
	{"tam tru", "address", false},
	{"noi o", "address", false},
	{"cho o", "address", false},
	{"so nha", "address", false, true},
	{"street", "address", false, true},
	{"duong", "address", true, true},
	{"phuong", "address", true, true},
	{"ward", "address", true, true},
	{"district", "address", true, true},
	{"quan huyen", "address", true, true},
	{"province", "address", true, true},
	{"tinh thanh", "address", true, true},
	{"city", "address", true, true},
	{"gioi tinh", "gender", false},
	{"gender", "gender", false},
	{"sex", "gender", false},
	{"quoc tich", "nationality", false},
	{"nationality", "nationality", false},
	{"citizenship", "nationality", false},
	{"hon nhan", "marital_status", false},
	{"marital status", "marital_status", false},
	{"marital", "marital_status", false},
	{"married", "marital_status", false},
	{"moi quan he", "family_relationship", false},
	{"quan he", "family_relationship", false},
	{"relationship", "family_relationship", false},
	{"relation", "family_relationship", true},
	{"vo chong", "family_relationship", false},
	{"spouse", "family_relationship", false},
	{"nguoi than", "family_relationship", false},
	{"avatar", "personal_image", false},
	{"signature img", "personal_image", false},
	{"signature image", "personal_image", false},
	{"anh chu ky", "personal_image", false},
	{"anh the", "personal_image", false},
	{"anh dai dien", "personal_image", false},
	{"anh chan dung", "personal_image", false},
	{"portrait", "personal_image", false},
	{"selfie", "personal_image", false},
	{"profile picture", "personal_image", false},
	{"profile photo", "personal_image", false},
	{"photo", "personal_image", false},
	{"username", "digital_account", false},
	{"user name", "digital_account", false},
	{"login name", "digital_account", false},
	{"login", "digital_account", false},
	{"ten dang nhap", "digital_account", false},
	{"nickname", "digital_account", false},
	{"handle", "digital_account", true},
	{"screen name", "digital_account", false},
	{"facebook", "digital_account", false},
	{"fb uid", "digital_account", false},
	{"linkedin", "digital_account", false},
	{"facebook id", "digital_account", false},
	{"zalo id", "digital_account", false},
	{"imei", "online_activity", false},
	{"nghe nghiep", "other_identifying", false},
	{"occupation", "other_identifying", false},
	{"noi cong tac", "other_identifying", false},
	{"device", "online_activity", true},
	{"url", "online_activity", true},
	{"account", "banking_customer_info", true},
	/* names last: "name" alone is anything's name */
	{"ho va ten", "full_name", false},
	{"ho ten", "full_name", false},
	{"full name", "full_name", false},
	{"fullname", "full_name", false},
	{"first name", "full_name", false},
	{"last name", "full_name", false},
	{"given name", "full_name", false},
	{"family name", "full_name", false},
	{"middle name", "full_name", false},
	{"surname", "full_name", false},
	{"ten khach hang", "full_name", false},
	{"ten kh", "full_name", false},
	{"ten nhan vien", "full_name", false},
	{"ten nv", "full_name", false},
	{"customer name", "full_name", false},
	{"employee name", "full_name", false},
	{"contact name", "full_name", false},
	{"cardholder", "full_name", false},
	{"holder name", "full_name", false},
	{"chu tai khoan", "full_name", false},
	{"chu tk", "full_name", false},
	{"nguoi nhan", "full_name", false},
	{"nguoi gui", "full_name", false},
	{"sender name", "full_name", false},
	{"recipient name", "full_name", false},
	{"receiver name", "full_name", false},
	{"nguoi lien he", "full_name", false},
	{"name", "full_name", true},
	{"ten", "full_name", true},
	{"nm", "full_name", true},
	{NULL, NULL, false}
};

/*
 * Words that make a column about the data rather than the data itself
 * (phone_count, email_verified, address_type), or not a person's.
 */
static const char *const negating_words[] = {
	"count", "cnt", "verified", "confirmed", "flag", "is", "has", "enabled",
	"status", "type", "loai", "template", "format", "valid", "length",
	"len", "domain", "provider", "optin", "opt", "consent", "sent", "total",
	"tong", "sum", "avg", "max", "min", "changed", "updated", "policy",
	"expires", "expiry", "attempts", "reset", "prefix", "country", "failed",
	"miles", "points", "loyalty",
	NULL
};

/*
 * Tables whose name says what their rows are about (used for the table
 * only).  whole: each row records one person's activity or care, so every
 * column but its keys is that data - call records and data sessions are
 * "data tracking activity on telecommunication services" (Decree 356
 * Art.4(l)), a lab result is health data whatever its column is called.
 */
typedef struct TableRule
{
	const char *words;
	const char *category;
	bool		whole;
} TableRule;

static const TableRule table_rules[] = {
	{"page view", "online_activity", true},
	{"clickstream", "online_activity", true},
	{"access log", "online_activity", true},
	{"login event", "online_activity", true},
	{"login history", "online_activity", true},
	{"cdr", "online_activity", true},
	{"call record", "online_activity", true},
	{"call log", "online_activity", true},
	{"data session", "online_activity", true},
	{"location history", "location_data", true},
	{"transaction", "banking_customer_info", false},
	{"giao dich", "banking_customer_info", false},
	{"card", "banking_customer_info", false},
	{"kham benh", "health_record", true},
	{"body metric", "health_record", true},
	{"kham suc khoe", "health_record", true},
	{"health check", "health_record", true},
	{"dieu tri", "health_record", true},
	{"treatment", "health_record", true},
	{"tai nan", "health_record", true},
	{"injury", "health_record", true},
	{"injuries", "health_record", true},
	{"chi so co the", "health_record", true},
	{"benh an", "health_record", true},
	{"xet nghiem", "health_record", true},
	{"lab result", "health_record", true},
	{"don thuoc", "health_record", true},
	{"prescription", "health_record", true},
	{NULL, NULL, false}
};

/*
 * Words of keys and codes, and of what describes the item rather than the
 * person (its unit, its price): not the data of a whole-table rule
 */
static const char *const key_words[] = {
	"id", "key", "ma", "code", "seq", "uuid", "ref", "fk", "pk", "unit",
	"don vi", "don gia", "price", "gia", "currency", "tien te", "chi phi",
	"cost", "amount", "so tien", "phi", "fee", "boi thuong", NULL
};

/* Free-text columns: they hold what their table is about */
static const char *const note_words[] = {
	"ghi chu", "note", "notes", "mo ta", "description", "chi tiet", "details",
	"ly do", "reason", "comment", "comments", "noi dung", "narrative", "memo",
	"dien giai", NULL
};

static const char *const id_words[] = {"id", "key", NULL};

static const char *const image_words[] = {
	"photo", "image", "img", "scan", "picture", "anh", "hinh", "file", "url",
	"path", NULL
};

/*
 * Words of a column that numbers a thing (an order, a ticket): its values
 * alone never make it personal - a 10-digit order number is not a phone
 * number because it has 10 digits
 */
static const char *const thing_number_words[] = {
	"order", "don hang", "invoice", "hoa don", "booking", "ticket", "ve",
	"pnr", "tracking", "van don", "awb", "sku", "serial", "barcode",
	"voucher", "coupon", "reference", "transaction", "giao dich", "code",
	"ma", "contract", "hop dong", "receipt", "bien lai", "shipment",
	"batch", "lot", NULL
};

static const char *const bank_words[] = {
	"bank", "banking", "ebanking", "ngan hang", "internet banking", NULL
};

/* Words of a column that name an organisation's contact point */
static const char *const org_column_words[] = {
	"hotline", "tong dai", "support", "cskh", "cham soc khach hang", "tru so",
	"employer", NULL
};

/* Words of a column that name a person even in an organisation's table */
static const char *const person_words[] = {
	"lien he", "contact", "nguoi", "dai dien", "representative", "owner",
	"chu", "manager", "quan ly", "giam doc", "director", NULL
};

/* Words naming a person's role: "name" next to one is a person's name */
static const char *const person_role_words[] = {
	"customer", "khach hang", "kh", "employee", "nhan vien", "nv", "contact",
	"holder", "recipient", "receiver", "sender", "complainant", "driver",
	"tai xe", "patient", "benh nhan", "student", "hoc sinh", "sinh vien",
	"parent", "phu huynh", "guest", "khach", "rider", "doctor", "bac si",
	"teacher", "giao vien", "user", "member", "thanh vien", "buyer", "owner",
	"beneficiary", "thu huong", "insured", "applicant", "borrower",
	"nguoi vay", "guarantor", "bao lanh", "tenant", "khach thue", "father",
	"mother", "cha", "me", "spouse", "vo", "chong", "nguoi", "learner",
	"hoc vien", "staff", "person", "ca nhan", "citizen", "cong dan",
	"customers", "employees", "patients", "students", "members", "users",
	"guests", "drivers", "riders", "tenants", "borrowers", "applicants",
	"people", "persons", "subscriber", "subscribers", "thue bao", "client",
	"clients", "account holder", "cardholder", "donor", "donors",
	"candidate", "candidates", "ung vien", NULL
};

/* Tables of reference data (codes and their names), nobody's records */
static const char *const catalogue_words[] = {
	"dm", "danh muc", "catalog", "catalogue", "lookup", "reference",
	"dictionary", "tu dien", "code list",
	/* things, not people */
	"product", "products", "san pham", "sp", "item", "items", "sku",
	"zone", "zones", "campaign", "campaigns", "chien dich", "job", "jobs",
	"vacancy", "vacancies",
	"tin tuyen dung", NULL
};

/* Words that make a table an organisation's or a thing's, not a person's */
static const char *const org_words[] = {
	"supplier", "suppliers", "vendor", "vendors", "ncc", "nha cung cap",
	"company", "companies", "cong ty", "store", "stores", "shop", "shops",
	"cua hang", "branch", "branches", "chi nhanh", "warehouse",
	"warehouses", "kho", "hotline", "tong dai", "office", "offices",
	"van phong", "partner", "partners", "doi tac", "merchant", "merchants",
	"hotel", "hotels", "khach san", "don vi", "co quan", "agency",
	"airport", "airports", "san bay", "station", "stations", "api client",
	"carrier", "carriers", "bank", "banks", "ngan hang", "support",
	"organization", "organisation", "to chuc", "doanh nghiep", "toa nha",
	"building", "buildings", "property", "properties",
	/* things, not people */
	"product", "products", "san pham", "sp", "item", "items", "sku",
	"catalog", "catalogue", NULL
};

#define MAX_WORDS 16
#define WORD_LEN 48

typedef struct Words
{
	int			n;
	char		w[MAX_WORDS][WORD_LEN];
} Words;

/* fold and cut a name into words */
static void
split_name(const char *name, Words *out)
{
	char		folded[NAMEDATALEN * 2 + 8];
	char		marked[NAMEDATALEN * 4 + 8];
	int			i,
				o = 0;
	int			len = strlen(name);
	const char *p;

	/*
	 * mark lower-to-upper changes (phoneNumber) and letter-digit changes
	 * (phone1, addr2) before folding
	 */
	for (i = 0; i < len && o < (int) sizeof(marked) - 2; i++)
	{
		unsigned char c = (unsigned char) name[i];
		unsigned char p = i > 0 ? (unsigned char) name[i - 1] : 0;

		if (i > 0 && ((isupper(c) && islower(p)) ||
					  (isdigit(c) && isalpha(p)) || (isalpha(c) && isdigit(p))))
			marked[o++] = ' ';
		marked[o++] = name[i];
	}
	marked[o] = '\0';
	pdp_fold_vn(marked, o, folded, sizeof(folded));
	out->n = 0;
	p = folded;
	while (*p && out->n < MAX_WORDS)
	{
		int			l = 0;

		while (*p && !isalnum((unsigned char) *p))
			p++;
		while (isalnum((unsigned char) *p))
		{
			if (l < WORD_LEN - 1)
				out->w[out->n][l++] = *p;
			p++;
		}
		if (l > 0)
		{
			out->w[out->n][l] = '\0';
			out->n++;
		}
	}
}

/* is w the l bytes at p, or their plural (phones, addresses)? */
static bool
word_is(const char *w, const char *p, int l)
{
	int			wl = strlen(w);

	if (wl == l)
		return strncmp(w, p, l) == 0;
	if (wl == l + 1 && w[l] == 's')
		return strncmp(w, p, l) == 0;
	if (wl == l + 2 && w[l] == 'e' && w[l + 1] == 's')
		return strncmp(w, p, l) == 0;
	return false;
}

/* does rule (space-separated words) match words[]? */
static bool
rule_matches(const char *rule, const Words *ws)
{
	char		joined[WORD_LEN * 2];
	const char *r;
	int			j = 0;
	int			i;

	for (r = rule; *r && j < (int) sizeof(joined) - 1; r++)
		if (*r != ' ')
			joined[j++] = *r;
	joined[j] = '\0';

	for (i = 0; i < ws->n; i++)
	{
		const char *p = rule;
		int			k = i;

		/* the rule's words in a row from word i */
		while (k < ws->n)
		{
			int			l = strcspn(p, " ");

			if (!word_is(ws->w[k], p, l))
				break;
			k++;
			p += l;
			if (*p == '\0')
				return true;
			p++;
		}
		/* or run together as one word (sodienthoai), maybe opening a longer
		 * one (quanhechuho, hotenkh) when the rule has several words */
		if (strcmp(ws->w[i], joined) == 0)
			return true;
		if (strchr(rule, ' ') && j >= 6 && strncmp(ws->w[i], joined, j) == 0)
			return true;
	}
	return false;
}

static const char *
find_word(const Words *ws, const char *const *list)
{
	for (; *list; list++)
		if (rule_matches(*list, ws))
			return *list;
	return NULL;
}

void
pdp_name_hint(const char *relname, const char *colname, PdpNameHint *hint)
{
	Words		col;
	Words		rel;
	const NameRule *r;
	const TableRule *t;
	bool		people;
	const char *role;

	memset(hint, 0, sizeof(*hint));
	split_name(colname, &col);
	split_name(relname, &rel);
	for (r = rules; r->words; r++)
		if (rule_matches(r->words, &col))
		{
			if (r->category == NULL)
			{
				hint->stopped = true;
				break;
			}
			hint->category = r->category;
			hint->word = r->words;
			hint->weak = r->weak;
			hint->fragment = r->fragment;
			break;
		}
	/*
	 * no rule, but a person's role (bac_si_ke_don, khach_xem): perhaps a
	 * name; only values can say (never boosted below)
	 */
	if (hint->category == NULL && !hint->stopped &&
		(role = find_word(&col, person_role_words)) != NULL &&
		!find_word(&col, key_words))
	{
		hint->category = "full_name";
		hint->word = role;
		hint->weak = true;
		hint->from_role = true;
	}
	/* what the table is about: "addresses", "customer_health", "page_views" */
	for (t = table_rules; t->words && !hint->rel_category; t++)
		if (rule_matches(t->words, &rel))
		{
			hint->rel_category = t->category;
			hint->whole_table = t->whole && !hint->stopped && !find_word(&col, key_words);
		}
	for (r = rules; r->words && !hint->rel_category; r++)
		if (rule_matches(r->words, &rel))
		{
			if (r->category == NULL)
				break;
			hint->rel_category = r->category;
		}
	/* account_id, device_id: a key, not the data */
	if (hint->category && hint->weak && find_word(&col, id_words))
		hint->negated = true;
	/* ten_cua_hang, ten_cong_ty: an organisation's name, not a person's */
	if (hint->category && strcmp(hint->category, "full_name") == 0 &&
		find_word(&col, org_words))
		hint->negated = true;
	/* a generic word in a table named for its category: "duong" in addresses */
	if (hint->category && hint->weak && !hint->from_role && hint->rel_category &&
		strcmp(hint->rel_category, hint->category) == 0)
		hint->weak = false;
	/* "name" next to a person's role, or in a table of people */
	if (hint->category && hint->weak && !hint->from_role &&
		strcmp(hint->category, "full_name") == 0 &&
		(find_word(&col, person_role_words) || find_word(&rel, person_role_words)))
		hint->weak = false, hint->boosted = true;
	/* a table of people is neither reference data nor an organisation's */
	people = find_word(&rel, person_role_words) != NULL;
	if (!people && !find_word(&col, person_role_words) && !find_word(&col, person_words))
		hint->catalogue_word = find_word(&rel, catalogue_words);
	if (hint->category == NULL)
		hint->thing_number = find_word(&col, thing_number_words);
	if (hint->category == NULL)
		hint->note = find_word(&col, note_words) != NULL;
	/* a picture of an identity document is sensitive (Art.4(i)) */
	if (hint->category && strcmp(hint->category, "identity_number") == 0 &&
		find_word(&col, image_words))
	{
		hint->category = "identity_document_image";
		hint->fragment = true;
	}
	/* bank login names and passwords are banking data (Decree 356 Art.4(k)) */
	if (hint->category && (strcmp(hint->category, "digital_account") == 0 ||
						   strcmp(hint->category, "account_credentials") == 0) &&
		(find_word(&col, bank_words) || find_word(&rel, bank_words)))
		hint->category = "banking_customer_info";
	if (hint->category)
	{
		const char *neg = find_word(&col, negating_words);

		/* "tax code", "postal code": only words outside the rule negate */
		if (neg && strstr(hint->word, neg) == NULL)
			hint->negated = true;
	}
	hint->org_word = find_word(&col, org_column_words);
	if (hint->org_word == NULL && !people && find_word(&col, person_words) == NULL)
		hint->org_word = find_word(&rel, org_words);
}
