package dev.parley.synth;

/** National Provider Identifiers: nine digits and a Luhn check digit computed with the card issuer prefix 80840. */
public final class Npi {

    private Npi() {
    }

    /** The ten-digit NPI of a nine-digit base (individuals start with 1, organizations with 2). */
    public static String of(long base) {
        if (base < 100_000_000L || base > 999_999_999L) {
            throw new IllegalArgumentException("NPI base must have nine digits: " + base);
        }
        String digits = Long.toString(base);
        return digits + checkDigit(digits);
    }

    /** Luhn check digit of "80840" + the nine digits. */
    static int checkDigit(String nineDigits) {
        String payload = "80840" + nineDigits;
        int sum = 0;
        // the check digit goes to the right, so the rightmost payload digit is doubled
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    public static boolean isValid(String npi) {
        if (npi == null || npi.length() != 10 || !npi.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }
}
