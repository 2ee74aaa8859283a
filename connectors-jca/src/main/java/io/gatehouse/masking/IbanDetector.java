package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;
import static io.gatehouse.masking.Ascii.isDigit;
import static io.gatehouse.masking.Ascii.isUpper;
import static io.gatehouse.masking.Ascii.isUpperAlnum;

/**
 * IBANs: country code, two check digits and the BBAN, of the registered length for the country,
 * mod-97 verified. Written contiguously or in groups of four separated by single spaces.
 */
final class IbanDetector implements Detector {
  private static final Prefilter PREFILTER = new Prefilter(TextProfile.UPPER, 0, 2, 0);
  private static final int MAX_LENGTH = 34;
  private static final int[] LENGTHS = new int[26 * 26];

  static {
    String registry =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18"
            + " DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22"
            + " IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22"
            + " MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24"
            + " SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
    for (String entry : registry.split(" ")) {
      LENGTHS[countryIndex(entry.charAt(0), entry.charAt(1))] =
          Integer.parseInt(entry.substring(2));
    }
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.IBAN;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    char[] iban = new char[MAX_LENGTH];
    int i = 0;
    int last = text.length() - 15;
    while (i <= last) {
      int end = ibanEnd(text, i, iban);
      if (end > 0) {
        sink.match(i, end);
        i = end;
      } else {
        i++;
      }
    }
  }

  private static int ibanEnd(CharSequence t, int i, char[] iban) {
    char a = t.charAt(i);
    char b = t.charAt(i + 1);
    if (!isUpper(a) || !isUpper(b) || !isDigit(t.charAt(i + 2)) || !isDigit(t.charAt(i + 3))) {
      return -1;
    }
    int length = LENGTHS[countryIndex(a, b)];
    if (length == 0 || isAlnum(at(t, i - 1))) {
      return -1;
    }
    int count = 0;
    int j = i;
    while (count < length && j < t.length()) {
      char c = t.charAt(j);
      if (isUpperAlnum(c)) {
        iban[count++] = c;
        j++;
      } else if (c == ' ' && count % 4 == 0 && isUpperAlnum(at(t, j + 1))) {
        j++;
      } else {
        break;
      }
    }
    if (count != length || isAlnum(at(t, j)) || !mod97(iban, length)) {
      return -1;
    }
    return j;
  }

  static boolean mod97(char[] iban, int length) {
    int rem = 0;
    for (int k = 4; k < length + 4; k++) {
      char c = iban[k % length];
      rem = isDigit(c) ? (rem * 10 + (c - '0')) % 97 : (rem * 100 + (c - 'A' + 10)) % 97;
    }
    return rem == 1;
  }

  private static int countryIndex(char a, char b) {
    return (a - 'A') * 26 + (b - 'A');
  }
}
