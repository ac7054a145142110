package dev.parley.pii.corpus;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Synthetic identifiers that pass their real checksums and format rules, so a detector that validates checksums is
 * measured on values it should accept. Each method returns the canonical, unformatted value; the templates add the
 * separators people write ({@code 123-45-6789}, {@code 4111 1111 ...}).
 *
 * <p>Values are random, not drawn from any real registry; a random value can still coincide with a real one, which
 * is why the corpus lives in test scope and is never written outside {@code target/}.
 */
public final class Checksummed {

    /** Payment card networks, by the prefixes (IIN ranges) and lengths they issue. */
    public enum CardIssuer {
        VISA(16), MASTERCARD(16), AMEX(15), DISCOVER(16);

        private final int length;

        CardIssuer(int length) {
            this.length = length;
        }

        public int length() {
            return length;
        }
    }

    /** An IBAN country: its BBAN as a pattern of {@code n} (digit), {@code a} (upper-case letter). */
    private record IbanCountry(String code, String bban) {}

    private static final List<IbanCountry> IBAN_COUNTRIES = List.of(
            new IbanCountry("DE", "nnnnnnnnnnnnnnnnnn"),
            new IbanCountry("GB", "aaaannnnnnnnnnnnnn"),
            new IbanCountry("NL", "aaaannnnnnnnnn"),
            new IbanCountry("FR", "nnnnnnnnnnnnnnnnnnnnnnn"),
            new IbanCountry("ES", "nnnnnnnnnnnnnnnnnnnn"),
            new IbanCountry("IT", "annnnnnnnnnnnnnnnnnnnnn"),
            new IbanCountry("CH", "nnnnnnnnnnnnnnnnn"));

    /** Federal Reserve routing symbols: the first two digits of a valid ABA number. */
    private static final List<int[]> ABA_PREFIX_RANGES = List.of(
            new int[] {1, 12}, new int[] {21, 32}, new int[] {61, 72}, new int[] {80, 80});

    /** Letters CMS never uses in an MBI (they look like digits or other letters). */
    static final String MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY";

    /** Letters a VIN never contains (I, O, Q look like 1 and 0). */
    static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final String VIN_YEAR_CHARS = "ABCDEFGHJKLMNPRSTVWXY123456789";
    private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    /** World manufacturer identifiers of common makes, so VINs start the way real ones do. */
    private static final List<String> VIN_WMIS = List.of(
            "1HG", "1FT", "1G1", "1C4", "2T1", "3VW", "4T1", "5YJ", "JHM", "JTD", "KMH", "WBA", "WVW", "YV1");

    /** DEA registrant types: practitioners (A, B, F, G), mid-level practitioners (M), distributors (P, R). */
    private static final String DEA_REGISTRANT_TYPES = "ABFGMPR";

    private final RandomDraws draw;

    public Checksummed(Random random) {
        this(new RandomDraws(random));
    }

    Checksummed(RandomDraws draw) {
        this.draw = draw;
    }

    /**
     * Nine digits that the SSA could have issued: area neither 000, 666 nor 900-999, group not 00, serial not 0000.
     */
    public String ssn() {
        int area;
        do {
            area = draw.between(1, 899);
        } while (area == 666);
        int group = draw.between(1, 99);
        int serial = draw.between(1, 9999);
        return "%03d%02d%04d".formatted(area, group, serial);
    }

    /** A Luhn-valid card number in the issuer's prefix range and length. */
    public String cardNumber(CardIssuer issuer) {
        String prefix = switch (issuer) {
            case VISA -> "4";
            case MASTERCARD -> String.valueOf(draw.chance(0.8) ? draw.between(51, 55) : draw.between(2221, 2720));
            case AMEX -> draw.oneOf("34", "37");
            case DISCOVER -> draw.oneOf("6011", "65", String.valueOf(draw.between(644, 649)));
        };
        String payload = prefix + draw.digits(issuer.length() - prefix.length() - 1);
        return payload + luhnCheckDigit(payload);
    }

    /** A compact IBAN (no spaces) whose check digits make it 1 mod 97. */
    public String iban() {
        IbanCountry country = draw.pick(IBAN_COUNTRIES);
        StringBuilder bban = new StringBuilder();
        for (char kind : country.bban().toCharArray()) {
            bban.append(kind == 'a' ? draw.charFrom(RandomDraws.UPPER) : draw.charFrom(RandomDraws.DIGITS));
        }
        return country.code() + ibanCheckDigits(country.code(), bban.toString()) + bban;
    }

    /** A nine-digit ABA routing number with a valid routing symbol and the 3-7-1 weighted check digit. */
    public String abaRouting() {
        int[] range = draw.pick(ABA_PREFIX_RANGES);
        String payload = "%02d".formatted(draw.between(range[0], range[1])) + draw.digits(6);
        int[] weights = {3, 7, 1, 3, 7, 1, 3, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += weights[i] * (payload.charAt(i) - '0');
        }
        return payload + (10 - sum % 10) % 10;
    }

    /** A ten-digit NPI starting with 1 or 2 whose last digit is the Luhn check of {@code 80840} + the first nine. */
    public String npi() {
        String payload = draw.oneOf("1", "2") + draw.digits(8);
        return payload + luhnCheckDigit("80840" + payload);
    }

    /**
     * A DEA registration number: registrant type, the initial of the registrant's last name, six digits and a check
     * digit (last digit of digits 1+3+5 plus twice 2+4+6).
     */
    public String dea(char lastNameInitial) {
        String digits = draw.digits(6);
        int odd = (digits.charAt(0) - '0') + (digits.charAt(2) - '0') + (digits.charAt(4) - '0');
        int even = (digits.charAt(1) - '0') + (digits.charAt(3) - '0') + (digits.charAt(5) - '0');
        return "" + draw.charFrom(DEA_REGISTRANT_TYPES) + Character.toUpperCase(lastNameInitial) + digits
                + (odd + 2 * even) % 10;
    }

    /** A 17-character VIN of a common make whose ninth character is the ISO 3779 / FMVSS 115 check digit. */
    public String vin() {
        StringBuilder vin = new StringBuilder(17)
                .append(draw.pick(VIN_WMIS))
                .append(draw.charsFrom(VIN_CHARS, 5))
                .append('0') // check digit placeholder: weight 0, so it does not affect the sum
                .append(draw.charFrom(VIN_YEAR_CHARS))
                .append(draw.charFrom(VIN_CHARS))
                .append(draw.digits(6));
        vin.setCharAt(8, vinCheckDigit(vin));
        return vin.toString();
    }

    /**
     * A Medicare Beneficiary Identifier in the CMS format: positions 1 (1-9), 4, 7, 10, 11 numeric; 2, 5, 8, 9
     * alphabetic; 3 and 6 alphanumeric; letters never S, L, O, I, B, Z.
     */
    public String mbi() {
        String alphanumeric = RandomDraws.DIGITS + MBI_LETTERS;
        return "" + draw.between(1, 9)
                + draw.charFrom(MBI_LETTERS)
                + draw.charFrom(alphanumeric)
                + draw.charFrom(RandomDraws.DIGITS)
                + draw.charFrom(MBI_LETTERS)
                + draw.charFrom(alphanumeric)
                + draw.charFrom(RandomDraws.DIGITS)
                + draw.charFrom(MBI_LETTERS)
                + draw.charFrom(MBI_LETTERS)
                + draw.digits(2);
    }

    /** The digit that makes {@code payload + digit} pass the Luhn check. */
    static int luhnCheckDigit(String payload) {
        int sum = 0;
        boolean doubled = true; // the rightmost payload digit is doubled once the check digit is appended
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

    /** ISO 13616 check digits: 98 minus (BBAN + country + "00", letters as 10-35) mod 97, two digits. */
    static String ibanCheckDigits(String country, String bban) {
        String rearranged = bban + country + "00";
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int remainder = new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return "%02d".formatted(98 - remainder);
    }

    /** The ISO 3779 check character of a 17-character VIN (the ninth character is ignored: its weight is 0). */
    static char vinCheckDigit(CharSequence vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += vinValue(vin.charAt(i)) * VIN_WEIGHTS[i];
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    private static int vinValue(char c) {
        if (Character.isDigit(c)) {
            return c - '0';
        }
        // transliteration: A-H 1-8, J-N 1-5, P 7, R 9, S-Z 2-9
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
        int at = letters.indexOf(c);
        if (at < 0) {
            throw new IllegalArgumentException("not a VIN character: " + c);
        }
        return values[at];
    }
}
