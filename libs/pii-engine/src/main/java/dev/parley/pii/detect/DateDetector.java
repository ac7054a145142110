package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Calendar dates in the forms people and record systems write them, validated (month 1-12, day within the month,
 * February 29 only in leap years) and scored by form:
 *
 * <ul>
 *   <li>ISO {@code 1962-03-14}, with a time glued by {@code T} ({@code 1962-03-14T10:30:00Z}): {@link #ISO}.</li>
 *   <li>{@code 03/14/1962}, {@code 03-14-1962}, {@code 14.03.1962} (day first when the first number is over 12):
 *       {@link #NUMERIC}; with a two-digit year ({@code 3/14/62}) {@link #NUMERIC_SHORT_YEAR}.</li>
 *   <li>{@code March 14, 1962}, {@code Mar 14 1962}, {@code 14 Mar 1962}, {@code 14-Mar-1962}: {@link #WRITTEN};
 *       without a year ({@code March 14th}, {@code 14th of March}, {@code Jan. 5}) {@link #WRITTEN_NO_YEAR};
 *       a month and year ({@code March 1962}) {@link #MONTH_YEAR}.</li>
 *   <li>{@code 3/14}: {@link #MONTH_DAY}, too weak alone: fractions and scores look the same.</li>
 * </ul>
 *
 * <p>A bare year is not a date here ("in 1998"): Safe Harbor keeps years. A cue in the few words before raises the
 * score: {@link #BIRTH_CUE} for "DOB", "date of birth", "born", "died"; {@link #VISIT_CUE} for "admitted",
 * "discharged", "seen on", "visit". Look-alikes are rejected: blood pressures ({@code 120/80}), fractions
 * ({@code 2/3 of}, {@code 1 1/2}), scores ({@code 10/10}, {@code 4/5 strength}), lab values ({@code 7.2}), versions
 * ({@code 1.2.3}), codes ({@code E11.9}) and anything glued to more digits or letters.
 */
public final class DateDetector implements Detector {

    static final double ISO = 0.85;
    static final double NUMERIC = 0.8;
    static final double NUMERIC_SHORT_YEAR = 0.7;
    static final double WRITTEN = 0.85;
    static final double WRITTEN_NO_YEAR = 0.6;
    static final double MONTH_YEAR = 0.55;
    static final double MONTH_DAY = 0.45;
    static final double BIRTH_CUE = 0.15;
    static final double VISIT_CUE = 0.1;
    static final double MAX_SCORE = 0.95;

    /** How many tokens before a date a cue may sit: "Date of birth (verified): 03/14/1962". */
    private static final int CUE_WINDOW = 7;

    private static final Set<String> BIRTH_CUES = Set.of(
            "dob", "birth", "birthdate", "birthday", "born", "dod", "death", "died", "deceased", "expired");
    private static final Set<String> VISIT_CUES = Set.of(
            "admitted", "admission", "admit", "discharged", "discharge", "seen", "visit", "visits", "visited",
            "appointment", "appt", "dos", "service", "surgery", "procedure", "encounter", "presented");
    /** Words after "n/d" that make it a quantity: "2/3 of the dose", "1/2 tablet". */
    private static final Set<String> QUANTITY_WORDS = Set.of(
            "of", "cup", "cups", "tab", "tabs", "tablet", "tablets", "pill", "pills", "dose", "doses", "inch",
            "inches", "mile", "miles", "teaspoon", "tsp", "tbsp", "strength", "power", "mmhg", "times", "hours",
            "days", "weeks", "ratio");
    /** Words before "n/d" that make it a measurement: "BP 110/70", "pain 7/10". */
    private static final Set<String> MEASURE_WORDS = Set.of(
            "bp", "pressure", "pain", "score", "scale", "rated", "rates", "ratio", "strength", "power", "grade",
            "dose", "mmhg", "vision", "acuity", "version", "ver", "v");
    private static final Set<String> ORDINAL_ENDINGS = Set.of("st", "nd", "rd", "th");

    @Override
    public String name() {
        return "date";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.DATE);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int i = 0;
        while (i < tokens.size()) {
            Match match = null;
            if (tokens.isNumber(i)) {
                match = numeric(tokens, i);
                if (match == null) {
                    match = dayFirst(tokens, i);
                }
            } else if (tokens.isWord(i)) {
                match = monthFirst(tokens, i);
            }
            if (match == null) {
                i++;
                continue;
            }
            double score = Math.min(MAX_SCORE, match.base + cueBoost(tokens, i));
            out.add(new Finding(PiiType.DATE, tokens.start(i), tokens.end(match.end - 1), score, name()));
            i = match.end;
        }
    }

    /** A date ending before token {@code end}, scored {@code base} before cues. */
    private record Match(int end, double base) {}

    /** 1962-03-14, 03/14/1962, 3-14-62, 14.03.1962, 3/14. */
    private static Match numeric(ProseTokens tokens, int i) {
        int leading = tokens.digits(i);
        if (leading == 3 || leading > 4 || !leftClear(tokens, i)) {
            return null;
        }
        if (!tokens.isMarkIn(i + 1, "/-.") || !touching(tokens, i + 1) || !tokens.isNumber(i + 2)
                || !touching(tokens, i + 2)) {
            return null;
        }
        char separator = tokens.text().charAt(tokens.start(i + 1));
        boolean threeParts = tokens.isMark(i + 3, separator) && touching(tokens, i + 3) && tokens.isNumber(i + 4)
                && touching(tokens, i + 4);
        if (threeParts) {
            return leading == 4 ? isoDate(tokens, i) : monthDayYear(tokens, i, separator);
        }
        return leading <= 2 && separator == '/' ? monthDay(tokens, i) : null;
    }

    private static Match isoDate(ProseTokens tokens, int i) {
        int year = tokens.intValue(i);
        if (tokens.digits(i + 2) > 2 || tokens.digits(i + 4) > 2 || !CalendarWords.isPlausibleYear(year)
                || !CalendarWords.isValidDay(year, tokens.intValue(i + 2), tokens.intValue(i + 4))) {
            return null;
        }
        int end = timeEnd(tokens, i + 5);
        return rightClear(tokens, end) ? new Match(end, ISO) : null;
    }

    private static Match monthDayYear(ProseTokens tokens, int i, char separator) {
        int yearDigits = tokens.digits(i + 4);
        if (tokens.digits(i) > 2 || tokens.digits(i + 2) > 2 || yearDigits != 2 && yearDigits != 4) {
            return null;
        }
        if (separator == '.' && yearDigits != 4) {
            return null;
        }
        int first = tokens.intValue(i);
        int second = tokens.intValue(i + 2);
        int year = tokens.intValue(i + 4);
        if (yearDigits == 4 && !CalendarWords.isPlausibleYear(year)) {
            return null;
        }
        boolean monthFirst = CalendarWords.isValidDay(year, first, second);
        boolean dayFirst = first > 12 && CalendarWords.isValidDay(year, second, first);
        if (!monthFirst && !dayFirst || !rightClear(tokens, i + 5)) {
            return null;
        }
        return new Match(i + 5, yearDigits == 4 ? NUMERIC : NUMERIC_SHORT_YEAR);
    }

    private static Match monthDay(ProseTokens tokens, int i) {
        if (tokens.digits(i + 2) > 2 || !rightClear(tokens, i + 3)) {
            return null;
        }
        int month = tokens.intValue(i);
        int day = tokens.intValue(i + 2);
        if (!CalendarWords.isValidDay(0, month, day) || isQuantityOrMeasure(tokens, i, month, day)) {
            return null;
        }
        return new Match(i + 3, MONTH_DAY);
    }

    /** "2/3 of", "1 1/2", "50/50 %", "BP 11/7", "pain 7/10", "4/5 strength": n/d is not a date. */
    private static boolean isQuantityOrMeasure(ProseTokens tokens, int i, int first, int second) {
        if ((second == 10 || second == 5) && first <= second) {
            return true;
        }
        if (tokens.isNumber(i - 1) || tokens.isMark(i + 3, '%')) {
            return true;
        }
        if (tokens.isWord(i + 3) && QUANTITY_WORDS.contains(tokens.lower(i + 3))) {
            return true;
        }
        for (int k = i - 1; k >= 0 && i - k <= 3; k--) {
            if (tokens.isWord(k) && MEASURE_WORDS.contains(tokens.lower(k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * "T10:30:00Z" or "T10:30:00.123+05:30" glued to an ISO date: one timestamp, one span. A time after a space
     * ("2024-01-09 14:00") is left out, as after any other date: a time of day identifies no one.
     */
    private static int timeEnd(ProseTokens tokens, int e) {
        if (!tokens.is(e, "t") || !touching(tokens, e) || !tokens.isNumber(e + 1) || !touching(tokens, e + 1)) {
            return e;
        }
        int hour = e + 1;
        if (tokens.digits(hour) > 2 || tokens.intValue(hour) > 23 || !clockPart(tokens, hour + 1, ':', 59)) {
            return e;
        }
        int k = hour + 3;
        if (clockPart(tokens, k, ':', 60)) {
            k += 2;
            if (tokens.isMark(k, '.') && touching(tokens, k) && tokens.isNumber(k + 1) && touching(tokens, k + 1)) {
                k += 2;
            }
        }
        if (tokens.is(k, "z") && touching(tokens, k)) {
            k++;
        } else if (tokens.isMarkIn(k, "+-") && touching(tokens, k) && touching(tokens, k + 1)
                && (tokens.digits(k + 1) == 2 || tokens.digits(k + 1) == 4)) {
            k += 2;
            if (clockPart(tokens, k, ':', 59)) {
                k += 2;
            }
        }
        return k;
    }

    /** {@code separator} then two digits up to {@code max}, all touching: ":30". */
    private static boolean clockPart(ProseTokens tokens, int k, char separator, int max) {
        return tokens.isMark(k, separator) && touching(tokens, k) && tokens.digits(k + 1) == 2
                && touching(tokens, k + 1) && tokens.intValue(k + 1) <= max;
    }

    /** 14 Mar 1962, 14 March, 14th of March, 14-Mar-1962, 14-Mar-62. */
    private static Match dayFirst(ProseTokens tokens, int i) {
        if (tokens.digits(i) > 2 || !leftClear(tokens, i)) {
            return null;
        }
        int day = tokens.intValue(i);
        int k = i + 1;
        if (isOrdinalEnding(tokens, k)) {
            k++;
        }
        boolean hyphenated = tokens.isMark(k, '-') && touching(tokens, k) && touching(tokens, k + 1)
                && CalendarWords.month(tokens, k + 1) > 0;
        int monthToken;
        if (hyphenated) {
            monthToken = k + 1;
        } else {
            monthToken = tokens.is(k, "of") ? k + 1 : k;
            if (touching(tokens, monthToken)) {
                return null;
            }
        }
        int month = CalendarWords.month(tokens, monthToken);
        if (month == 0) {
            return null;
        }
        int end = afterMonthPeriod(tokens, monthToken);
        int yearEnd = -1;
        if (hyphenated) {
            int digits = tokens.digits(end + 1);
            if (tokens.isMark(end, '-') && touching(tokens, end) && touching(tokens, end + 1)
                    && (digits == 4 && CalendarWords.isPlausibleYear(tokens.intValue(end + 1)) || digits == 2)
                    && rightClear(tokens, end + 2)) {
                yearEnd = end + 2;
            }
        } else {
            yearEnd = writtenYearEnd(tokens, end);
        }
        int year = yearEnd > 0 ? tokens.intValue(yearEnd - 1) : 0;
        if (!CalendarWords.isValidDay(year, month, day)) {
            return null;
        }
        return yearEnd > 0 ? new Match(yearEnd, WRITTEN) : new Match(end, WRITTEN_NO_YEAR);
    }

    /**
     * March 14, 1962; Mar 14 1962; March 14th; Jan. 5; March 1962. A month that is also a word in lower case
     * ("march 14, 1962") needs both a day and a year.
     */
    private static Match monthFirst(ProseTokens tokens, int i) {
        int anyCase = CalendarWords.monthIgnoringCase(tokens, i);
        if (anyCase == 0) {
            return null;
        }
        int month = CalendarWords.month(tokens, i);
        boolean needsYear = false;
        if (month == 0) {
            month = anyCase;
            needsYear = true;
        }
        int k = afterMonthPeriod(tokens, i);
        if (tokens.isNumber(k) && tokens.digits(k) <= 2 && !tokens.lineBreakBefore(k)) {
            int day = tokens.intValue(k);
            int end = k + 1;
            if (isOrdinalEnding(tokens, end)) {
                end++;
            }
            boolean glued = touching(tokens, end) && (tokens.isWord(end) || tokens.isNumber(end)
                    || tokens.isMark(end, ':') || tokens.isMarkIn(end, "/-.") && tokens.isNumber(end + 1));
            if (!glued) {
                int year = 0;
                int yearEnd = writtenYearEnd(tokens, end);
                if (yearEnd > 0) {
                    year = tokens.intValue(yearEnd - 1);
                    end = yearEnd;
                }
                if (CalendarWords.isValidDay(year, month, day) && (year > 0 || !needsYear)) {
                    return new Match(end, year > 0 ? WRITTEN : WRITTEN_NO_YEAR);
                }
            }
            return null;
        }
        int yearEnd = needsYear ? -1 : writtenYearEnd(tokens, k);
        return yearEnd > 0 ? new Match(yearEnd, MONTH_YEAR) : null;
    }

    /** The token after a month, past the period of an abbreviation ("Jan."). */
    private static int afterMonthPeriod(ProseTokens tokens, int month) {
        boolean period = CalendarWords.isAbbreviation(tokens, month) && tokens.isMark(month + 1, '.')
                && touching(tokens, month + 1);
        return period ? month + 2 : month + 1;
    }

    /** ", 1962" or " 1962" at {@code k}: the index after the year, or -1. */
    private static int writtenYearEnd(ProseTokens tokens, int k) {
        int year = tokens.isMark(k, ',') ? k + 1 : k;
        if (tokens.digits(year) != 4 || touching(tokens, year) || tokens.lineBreakBefore(year)
                || !CalendarWords.isPlausibleYear(tokens.intValue(year)) || !rightClear(tokens, year + 1)) {
            return -1;
        }
        return year + 1;
    }

    private static boolean isOrdinalEnding(ProseTokens tokens, int k) {
        return tokens.isWord(k) && touching(tokens, k) && ORDINAL_ENDINGS.contains(tokens.lower(k));
    }

    /** What sits before token {@code i} does not make it part of a longer number, code or word. */
    private static boolean leftClear(ProseTokens tokens, int i) {
        return !touching(tokens, i) || !(tokens.isNumber(i - 1) || tokens.isWord(i - 1)
                || tokens.isMarkIn(i - 1, "/-.+"));
    }

    /** What starts at token {@code e} does not continue the date into a longer number, code or word. */
    private static boolean rightClear(ProseTokens tokens, int e) {
        if (!touching(tokens, e)) {
            return true;
        }
        if (tokens.isWord(e) || tokens.isNumber(e)) {
            return false;
        }
        return !(tokens.isMarkIn(e, "/-.:") && (tokens.isNumber(e + 1) || tokens.isWord(e + 1))
                && touching(tokens, e + 1));
    }

    private static boolean touching(ProseTokens tokens, int k) {
        return tokens.touchesPrevious(k);
    }

    /** The strongest cue among the few tokens before {@code i}, on the same line. */
    private static double cueBoost(ProseTokens tokens, int i) {
        double boost = 0;
        for (int k = i - 1; k >= 0 && i - k <= CUE_WINDOW; k--) {
            if (tokens.lineBreakBefore(k + 1)) {
                break;
            }
            if (!tokens.isWord(k)) {
                continue;
            }
            String word = tokens.lower(k);
            boolean dotted = word.equals("b") && tokens.isMark(k - 1, '.') && tokens.is(k - 2, "o");
            if (BIRTH_CUES.contains(word) || dotted) {
                return BIRTH_CUE;
            }
            if (VISIT_CUES.contains(word)) {
                boost = VISIT_CUE;
            }
        }
        return boost;
    }
}
