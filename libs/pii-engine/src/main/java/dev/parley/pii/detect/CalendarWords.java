package dev.parley.pii.detect;

import java.util.Map;

/**
 * Month names and the calendar rules a date must satisfy. "May", "Mar" and "March" are also ordinary words ("you may",
 * "mar the finish", "march on"), so {@link #month} takes them for months only when capitalized.
 */
final class CalendarWords {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("jan", 1),
            Map.entry("february", 2), Map.entry("feb", 2),
            Map.entry("march", 3), Map.entry("mar", 3),
            Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("june", 6), Map.entry("jun", 6),
            Map.entry("july", 7), Map.entry("jul", 7),
            Map.entry("august", 8), Map.entry("aug", 8),
            Map.entry("september", 9), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("october", 10), Map.entry("oct", 10),
            Map.entry("november", 11), Map.entry("nov", 11),
            Map.entry("december", 12), Map.entry("dec", 12));

    private static final WordShapes MONTH_SHAPES = new WordShapes(MONTHS.keySet());

    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private CalendarWords() {}

    /** The month (1-12) token {@code i} names, or 0; "may", "mar" and "march" in lower case are words, not months. */
    static int month(ProseTokens tokens, int i) {
        int month = monthIgnoringCase(tokens, i);
        return month > 0 && isAmbiguous(tokens, i) && !tokens.isCapitalized(i) ? 0 : month;
    }

    /** The month (1-12) token {@code i} names in any case, or 0. */
    static int monthIgnoringCase(ProseTokens tokens, int i) {
        if (!tokens.isWord(i) || !MONTH_SHAPES.mayMatch(tokens, i)) {
            return 0;
        }
        Integer month = MONTHS.get(tokens.lower(i));
        return month == null ? 0 : month;
    }

    private static boolean isAmbiguous(ProseTokens tokens, int i) {
        return tokens.is(i, "may") || tokens.is(i, "mar") || tokens.is(i, "march");
    }

    /** Token {@code i} is a month abbreviation, which may take a period: "Jan.", "Sept.". */
    static boolean isAbbreviation(ProseTokens tokens, int i) {
        return tokens.isWord(i) && tokens.length(i) <= 4 && MONTHS.containsKey(tokens.lower(i))
                && !tokens.is(i, "june") && !tokens.is(i, "july");
    }

    /** {@code day} exists in {@code month}; {@code year} is 0 when unknown, which allows February 29. */
    static boolean isValidDay(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        if (month == 2 && day == 29 && year > 0) {
            return isLeapYear(year);
        }
        return day <= DAYS_IN_MONTH[month - 1];
    }

    /** Leap years; a two-digit year is taken as 19xx or 20xx, where every fourth year is one. */
    static boolean isLeapYear(int year) {
        if (year < 100) {
            return year % 4 == 0;
        }
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** A four-digit year a person alive or recently dead could be born, seen or discharged in. */
    static boolean isPlausibleYear(int year) {
        return year >= 1800 && year <= 2199;
    }
}
