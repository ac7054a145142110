package dev.parley.pii.detect;

/**
 * The check-digit algorithms that turn a format match into a confident one: Luhn (payment cards, NPI), ISO 13616
 * mod-97 (IBAN), the ABA 3-7-1 weighting (routing numbers), the DEA registration check and the ISO 3779 VIN check
 * character. Each takes the bare value (no separators) and rejects characters outside its alphabet instead of
 * throwing, since detectors feed it unvalidated text.
 */
final class Checksums {

    private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    /** ISO 3779 transliteration of A..Z; 0 marks the letters a VIN never contains (I, O, Q). */
    private static final int[] VIN_LETTER_VALUES = {
        1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9};

    private Checksums() {}

    /** The Luhn (mod 10) check over a string of digits, check digit last. */
    static boolean luhn(String digits) {
        return !digits.isEmpty() && luhnSum(digits, 0, digits.length(), 0) % 10 == 0;
    }

    /**
     * An NPI's check over the ten digits at {@code from}: the Luhn check of those digits prefixed with {@code 80840},
     * the ISO health-card issuer prefix the NPI standard assumes. The caller has checked there are ten characters.
     */
    static boolean npi(String text, int from) {
        // Luhn over "80840" + the ten digits: the prefix's digits sit at even distances 10..14 from the check
        // digit, so "0" and "8" count as they are and the "4" at distance 11 is doubled: 8 + 0 + 8 + 8 + 0 = 24
        return luhnSum(text, from, from + 10, 24) % 10 == 0;
    }

    /**
     * The Luhn sum of {@code text[from, to)} (check digit last) added to {@code start}; -1 when a character is not
     * a digit, which no valid sum is congruent to.
     */
    private static int luhnSum(String text, int from, int to, int start) {
        int sum = start;
        boolean doubled = false;
        for (int i = to - 1; i >= from; i--) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum;
    }

    /** The mod-97 check of an IBAN (ISO 13616). */
    static boolean iban(String iban) {
        int length = iban.length();
        if (length < 5) {
            return false;
        }
        int remainder = 0;
        for (int k = 0; k < length; k++) {
            char c = iban.charAt((k + 4) % length);
            int value;
            if (TextScan.isDigit(c)) {
                value = c - '0';
                remainder = (remainder * 10 + value) % 97;
            } else if (TextScan.isAsciiLetter(c)) {
                value = Character.toUpperCase(c) - 'A' + 10;
                remainder = (remainder * 100 + value) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    private static final int[] ABA_WEIGHTS = {3, 7, 1, 3, 7, 1, 3, 7, 1};

    /**
     * An ABA routing number's check over the nine digits at {@code from}: weights 3, 7 and 1 repeated sum to a
     * multiple of 10. The caller has checked there are nine characters.
     */
    static boolean aba(String text, int from) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int digit = text.charAt(from + i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            sum += ABA_WEIGHTS[i] * digit;
        }
        return sum % 10 == 0;
    }

    /**
     * A DEA number's check over its seven digits: the last digit of (d1 + d3 + d5) + 2 * (d2 + d4 + d6) is d7.
     */
    static boolean dea(CharSequence sevenDigits) {
        if (sevenDigits.length() != 7) {
            return false;
        }
        int[] d = new int[7];
        for (int i = 0; i < 7; i++) {
            d[i] = sevenDigits.charAt(i) - '0';
            if (d[i] < 0 || d[i] > 9) {
                return false;
            }
        }
        int sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
        return sum % 10 == d[6];
    }

    /**
     * The ISO 3779 check character of a 17-character VIN ({@code 0}-{@code 9} or {@code X}), or {@code 0} (NUL)
     * when the VIN has a character outside its alphabet. The ninth character has weight 0, so it never affects
     * the result.
     */
    static char vinCheckCharacter(CharSequence vin) {
        if (vin.length() != 17) {
            return 0;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = vinValue(vin.charAt(i));
            if (value < 0) {
                return 0;
            }
            sum += value * VIN_WEIGHTS[i];
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** The VIN's ninth character is its check character. */
    static boolean vin(CharSequence vin) {
        char check = vinCheckCharacter(vin);
        return check != 0 && Character.toUpperCase(vin.charAt(8)) == check;
    }

    private static int vinValue(char c) {
        if (TextScan.isDigit(c)) {
            return c - '0';
        }
        if (!TextScan.isAsciiLetter(c)) {
            return -1;
        }
        int value = VIN_LETTER_VALUES[Character.toUpperCase(c) - 'A'];
        return value == 0 ? -1 : value;
    }
}
