package dev.parley.pipeline.service;

/** NPIs for fixtures: ten digits whose last is the Luhn check digit over the prefix 80840. */
final class TestNpi {

    private TestNpi() {}

    /** The valid NPI of a 9-digit base (1 to 999,999,999, left-padded). */
    static String valid(long base) {
        String digits = String.format("%09d", base);
        int sum = 24;
        for (int i = 0; i < 9; i++) {
            int d = digits.charAt(i) - '0';
            sum += i % 2 == 0 ? (2 * d > 9 ? 2 * d - 9 : 2 * d) : d;
        }
        return digits + (10 - sum % 10) % 10;
    }

    /** The same base with a wrong check digit. */
    static String invalid(long base) {
        String valid = valid(base);
        int check = valid.charAt(9) - '0';
        return valid.substring(0, 9) + (check + 1) % 10;
    }
}
