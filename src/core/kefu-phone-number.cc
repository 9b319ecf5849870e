/* kefu-phone-number.cc: phone numbers to E.164, through libphonenumber.
 *
 * libphonenumber is C++; this file is the only place that knows it, so the
 * rest of Kefu stays C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string>

#include <phonenumbers/phonenumberutil.h>

#include "kefu-phone-number.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

/* Returns a newly allocated E.164 number ("+8613812345678"), or NULL when
 * @number is not a possible number in @default_region (or international).
 * Thread-safe: PhoneNumberUtil is a read-only singleton. */
char *
_kefu_phone_number_to_e164 (const char *number,
                            const char *default_region)
{
  const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance ();
  PhoneNumber parsed;
  std::string formatted;

  if (number == NULL || *number == '\0')
    return NULL;

  if (util->Parse (number, default_region ? default_region : "ZZ", &parsed) != PhoneNumberUtil::NO_PARSING_ERROR)
    return NULL;
  if (!util->IsPossibleNumber (parsed))
    return NULL;

  util->Format (parsed, PhoneNumberUtil::E164, &formatted);

  return g_strdup (formatted.c_str ());
}
