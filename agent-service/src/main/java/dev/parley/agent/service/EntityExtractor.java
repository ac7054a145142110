package dev.parley.agent.service;

import dev.parley.agent.domain.Entities;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finds the identifiers a message names: case ids ({@code CASE-} and 6-12 digits), rule ids ({@code RULE-MED-001}),
 * NPIs (10 digits passing the Luhn check with prefix 80840), dates (2025-03-14, 03/14/2025, 14 Mar 2025, March 14,
 * 2025; impossible dates are not dates), risk levels and case statuses. Input may be in any case; output is canonical
 * (upper-case ids, ISO dates, wire names {@code high}, {@code in_review}).
 *
 * <p>The text is read once by a hand-written scanner (no regular expressions), then the tokens are matched with a
 * bounded look-ahead, so the time is linear in the input. Placeholders of scrubbed text ({@code ⟦NPI_1⟧}) are tokens
 * of their own and never entities; {@link #extract(String, Map)} reads the originals they stand for instead.
 */
@ApplicationScoped
public class EntityExtractor {

    static final char PLACEHOLDER_OPEN = '\u27E6';
    static final char PLACEHOLDER_CLOSE = '\u27E7';
    private static final int PLACEHOLDER_MAX = 40;

    static final Set<String> RISK_LEVELS = Set.of("low", "medium", "high", "critical");
    private static final Set<String> RISK_CONTEXT = Set.of("risk", "risky", "level", "levels", "risklevel", "severity",
            "priority", "rated", "rating");
    private static final Set<String> RISK_NOUNS = Set.of("risk", "case", "cases", "ones", "providers", "provider",
            "level", "priority", "severity", "investigations", "investigation", "alerts");
    private static final Set<String> CASE_NOUNS = Set.of("case", "cases", "providers", "provider", "investigations",
            "ones");
    private static final Set<String> OPEN_NOUNS = Set.of("cases", "ones", "investigations", "items", "alerts");
    private static final Set<String> OPEN_STATE_BEFORE = Set.of("status", "are", "is", "still", "currently", "remain",
            "remains", "stay", "stays", "as", "were", "was", "be", "being");
    private static final Set<String> OPEN_ARTICLE_BEFORE = Set.of("the", "an", "any", "my", "our", "one", "no");
    /** Words skipped when looking from a level or status to the noun it qualifies: "high and critical open cases". */
    private static final Set<String> QUALIFIER_GLUE = Set.of("and", "or", ",", "/", "-", "&", "risk", "open",
            "closed", "escalated", "in_review", "low", "medium", "high", "critical");

    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"};

    /** What a token is. Entities, levels and statuses are merged from the raw tokens. */
    enum Kind { WORD, NUMBER, PUNCT, PLACEHOLDER, CASE_ID, RULE_ID, NPI, DATE, LEVEL, STATUS }

    /**
     * One token: {@code text} is lower-case for words, the digits for numbers, the canonical value for entities and
     * the placeholder itself for placeholders; {@code spaced} says whether white space came before it.
     */
    record Token(Kind kind, String text, int start, int end, boolean spaced) {

        boolean is(Kind k, String value) {
            return kind == k && text.equals(value);
        }

        boolean isWord(String value) {
            return is(Kind.WORD, value);
        }

        boolean isPunct(String value) {
            return is(Kind.PUNCT, value);
        }

        /** The type of a placeholder ({@code NPI} of {@code ⟦NPI_1⟧}). */
        String placeholderType() {
            return text.substring(1, text.lastIndexOf('_'));
        }
    }

    /** The merged tokens of a text and the entities among them (and among the originals of its placeholders). */
    record Scan(List<Token> tokens, Entities entities) {}

    /** The entities of {@code text}; placeholders are not entities. */
    public Entities extract(String text) {
        return scan(text, Map.of(), UnaryOperator.identity()).entities();
    }

    /**
     * The entities of scrubbed {@code text}, reading each placeholder as the original {@code originals} holds for it
     * (an NPI or a date the scrubber replaced), in order of appearance. Placeholders without an original are skipped.
     */
    public Entities extract(String text, Map<String, String> originals) {
        return scan(text, originals, UnaryOperator.identity()).entities();
    }

    /** The distinct well-formed placeholders ({@code ⟦TYPE_N⟧}) in {@code text}, in order of appearance. */
    public List<String> placeholders(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (Token token : tokenize(text, UnaryOperator.identity())) {
            if (token.kind() == Kind.PLACEHOLDER) {
                found.add(token.text());
            }
        }
        return List.copyOf(found);
    }

    /** The distinct placeholders of one type ({@code NPI}, {@code DATE}, {@code PERSON}...) in {@code text}. */
    public List<String> placeholders(String text, String type) {
        return placeholders(text).stream().filter(p -> p.substring(1, p.lastIndexOf('_')).equals(type)).toList();
    }

    /** Whether ten digits are an NPI: the Luhn check over {@code 80840} followed by the ten digits holds. */
    public static boolean isNpi(CharSequence digits) {
        if (digits.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        String all = "80840" + digits;
        int sum = 0;
        for (int i = all.length() - 1, fromRight = 0; i >= 0; i--, fromRight++) {
            int d = all.charAt(i) - '0';
            if (fromRight % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Tokenizes, merges entities, levels and statuses, and collects the entities. {@code spelling} fixes words. */
    static Scan scan(String text, Map<String, String> originals, UnaryOperator<String> spelling) {
        List<Token> tokens = merge(tokenize(text == null ? "" : text, spelling));
        Collector found = new Collector();
        for (Token token : tokens) {
            if (token.kind() == Kind.PLACEHOLDER) {
                String original = originals.get(token.text());
                if (original != null && original.length() <= 200) {
                    // the original is the user's own short value (an NPI, a date); read it as if it stood here
                    for (Token inner : merge(tokenize(original, UnaryOperator.identity()))) {
                        if (inner.kind() == Kind.NPI || inner.kind() == Kind.DATE || inner.kind() == Kind.CASE_ID
                                || inner.kind() == Kind.RULE_ID) {
                            found.add(inner);
                        }
                    }
                }
            } else {
                found.add(token);
            }
        }
        return new Scan(tokens, found.entities());
    }

    private static final class Collector {
        final Set<String> cases = new LinkedHashSet<>();
        final Set<String> rules = new LinkedHashSet<>();
        final Set<String> npis = new LinkedHashSet<>();
        final Set<LocalDate> dates = new LinkedHashSet<>();
        final Set<String> levels = new LinkedHashSet<>();
        final Set<String> statuses = new LinkedHashSet<>();

        void add(Token token) {
            switch (token.kind()) {
                case CASE_ID -> cases.add(token.text());
                case RULE_ID -> rules.add(token.text());
                case NPI -> npis.add(token.text());
                case DATE -> dates.add(LocalDate.parse(token.text()));
                case LEVEL -> levels.add(token.text());
                case STATUS -> statuses.add(token.text());
                default -> { }
            }
        }

        Entities entities() {
            return new Entities(List.copyOf(cases), List.copyOf(rules), List.copyOf(npis), List.copyOf(dates),
                    List.copyOf(levels), List.copyOf(statuses));
        }
    }

    /** Raw tokens: words (letters, inner apostrophes), ASCII digit runs, placeholders, and single other characters. */
    static List<Token> tokenize(String text, UnaryOperator<String> spelling) {
        List<Token> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        boolean spaced = true;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                spaced = true;
                i += Character.charCount(cp);
                continue;
            }
            int end;
            Kind kind;
            String value;
            if (cp == PLACEHOLDER_OPEN && (end = placeholderEnd(text, i)) > 0) {
                kind = Kind.PLACEHOLDER;
                value = text.substring(i, end);
            } else if (cp >= '0' && cp <= '9') {
                end = i + 1;
                while (end < n && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                    end++;
                }
                kind = Kind.NUMBER;
                value = text.substring(i, end);
            } else if (Character.isLetter(cp)) {
                end = i;
                while (end < n) {
                    int c = text.codePointAt(end);
                    if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                        end += Character.charCount(c);
                    } else if ((c == '\'' || c == '\u2019') && end + 1 < n
                            && Character.isLetter(text.charAt(end + 1))) {
                        end++;
                    } else {
                        break;
                    }
                }
                kind = Kind.WORD;
                String word = text.substring(i, end).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
                value = spelling.apply(word);
            } else {
                end = i + Character.charCount(cp);
                kind = Kind.PUNCT;
                value = text.substring(i, end);
            }
            tokens.add(new Token(kind, value, i, end, spaced));
            spaced = false;
            i = end;
        }
        return tokens;
    }

    /**
     * The end of a well-formed {@code ⟦TYPE_N⟧} starting at {@code start}, or -1: upper-case letters, digits and
     * underscores, the last underscore followed by digits only. Looks at most 40 characters on, so scanning stays
     * linear.
     */
    static int placeholderEnd(CharSequence text, int start) {
        int limit = Math.min(text.length(), start + PLACEHOLDER_MAX);
        int close = -1;
        for (int j = start + 1; j < limit; j++) {
            char c = text.charAt(j);
            if (c == PLACEHOLDER_CLOSE) {
                close = j;
                break;
            }
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_') {
                return -1;
            }
        }
        if (close < 0) {
            return -1;
        }
        int underscore = -1;
        for (int j = close - 1; j > start; j--) {
            if (text.charAt(j) == '_') {
                underscore = j;
                break;
            }
        }
        if (underscore <= start + 1 || underscore == close - 1) {
            return -1;
        }
        for (int j = underscore + 1; j < close; j++) {
            if (text.charAt(j) < '0' || text.charAt(j) > '9') {
                return -1;
            }
        }
        return close + 1;
    }

    /** Merges ids, dates, NPIs, levels and statuses; each step looks at most eight tokens ahead. */
    static List<Token> merge(List<Token> raw) {
        List<Token> out = new ArrayList<>(raw.size());
        int k = 0;
        while (k < raw.size()) {
            int used;
            if ((used = caseId(raw, k, out)) > 0 || (used = ruleId(raw, k, out)) > 0 || (used = date(raw, k, out)) > 0
                    || (used = npi(raw, k, out)) > 0 || (used = inReview(raw, k, out)) > 0) {
                k += used;
            } else {
                out.add(raw.get(k));
                k++;
            }
        }
        return qualify(out);
    }

    private static boolean adjacent(List<Token> t, int k) {
        return k < t.size() && !t.get(k).spaced();
    }

    private static boolean isKind(List<Token> t, int k, Kind kind) {
        return k >= 0 && k < t.size() && t.get(k).kind() == kind;
    }

    private static boolean followedByWordOrNumber(List<Token> t, int k) {
        return adjacent(t, k) && (t.get(k).kind() == Kind.WORD || t.get(k).kind() == Kind.NUMBER);
    }

    private static boolean precededByWordOrNumber(List<Token> t, int k) {
        return k > 0 && !t.get(k).spaced() && (isKind(t, k - 1, Kind.WORD) || isKind(t, k - 1, Kind.NUMBER));
    }

    private static int caseId(List<Token> t, int k, List<Token> out) {
        if (!t.get(k).isWord("case") || precededByWordOrNumber(t, k) || !adjacent(t, k + 1) || !adjacent(t, k + 2)
                || !t.get(k + 1).isPunct("-") || !isKind(t, k + 2, Kind.NUMBER)) {
            return 0;
        }
        String digits = t.get(k + 2).text();
        if (digits.length() < 6 || digits.length() > 12 || followedByWordOrNumber(t, k + 3)) {
            return 0;
        }
        out.add(new Token(Kind.CASE_ID, "CASE-" + digits, t.get(k).start(), t.get(k + 2).end(), t.get(k).spaced()));
        return 3;
    }

    private static int ruleId(List<Token> t, int k, List<Token> out) {
        if (!t.get(k).isWord("rule") || precededByWordOrNumber(t, k)) {
            return 0;
        }
        for (int j = 1; j <= 4; j++) {
            if (!adjacent(t, k + j)) {
                return 0;
            }
        }
        String family = t.get(k + 2).text();
        if (!t.get(k + 1).isPunct("-") || !isKind(t, k + 2, Kind.WORD) || !t.get(k + 3).isPunct("-")
                || !isKind(t, k + 4, Kind.NUMBER) || t.get(k + 4).text().length() != 3 || family.length() < 2
                || family.length() > 4 || !family.chars().allMatch(c -> c >= 'a' && c <= 'z')
                || followedByWordOrNumber(t, k + 5)) {
            return 0;
        }
        String id = "RULE-" + family.toUpperCase(Locale.ROOT) + "-" + t.get(k + 4).text();
        out.add(new Token(Kind.RULE_ID, id, t.get(k).start(), t.get(k + 4).end(), t.get(k).spaced()));
        return 5;
    }

    private static int npi(List<Token> t, int k, List<Token> out) {
        Token token = t.get(k);
        if (token.kind() != Kind.NUMBER || token.text().length() != 10 || !isNpi(token.text())) {
            return 0;
        }
        boolean labelled = k > 0 && !token.spaced() && t.get(k - 1).isWord("npi");
        if ((precededByWordOrNumber(t, k) && !labelled) || followedByWordOrNumber(t, k + 1)) {
            return 0;
        }
        // part of a longer dotted or dashed number (a phone number, an account): not an NPI
        if (k >= 2 && !token.spaced() && isSeparator(t.get(k - 1)) && !t.get(k - 1).spaced()
                && isKind(t, k - 2, Kind.NUMBER)) {
            return 0;
        }
        if (adjacent(t, k + 1) && isSeparator(t.get(k + 1)) && adjacent(t, k + 2) && isKind(t, k + 2, Kind.NUMBER)) {
            return 0;
        }
        out.add(new Token(Kind.NPI, token.text(), token.start(), token.end(), token.spaced()));
        return 1;
    }

    private static boolean isSeparator(Token token) {
        return token.isPunct("-") || token.isPunct(".") || token.isPunct("/");
    }

    private static int date(List<Token> t, int k, List<Token> out) {
        Token first = t.get(k);
        if (precededByWordOrNumber(t, k) || (k > 0 && !first.spaced() && isSeparator(t.get(k - 1)))) {
            return 0;
        }
        int used = isoDate(t, k, out);
        if (used == 0) {
            used = slashDate(t, k, out);
        }
        if (used == 0) {
            used = dayMonthYear(t, k, out);
        }
        if (used == 0) {
            used = monthDayYear(t, k, out);
        }
        return used;
    }

    private static int isoDate(List<Token> t, int k, List<Token> out) {
        for (int j = 1; j <= 4; j++) {
            if (!adjacent(t, k + j)) {
                return 0;
            }
        }
        if (!number(t, k, 4, 4) || !t.get(k + 1).isPunct("-") || !number(t, k + 2, 2, 2) || !t.get(k + 3).isPunct("-")
                || !number(t, k + 4, 2, 2) || trailing(t, k + 5, true)) {
            return 0;
        }
        return emitDate(t, k, 5, value(t, k), value(t, k + 2), value(t, k + 4), out);
    }

    private static int slashDate(List<Token> t, int k, List<Token> out) {
        for (int j = 1; j <= 4; j++) {
            if (!adjacent(t, k + j)) {
                return 0;
            }
        }
        if (!number(t, k, 1, 2) || !t.get(k + 1).isPunct("/") || !number(t, k + 2, 1, 2) || !t.get(k + 3).isPunct("/")
                || !number(t, k + 4, 4, 4) || trailing(t, k + 5, false)) {
            return 0;
        }
        return emitDate(t, k, 5, value(t, k + 4), value(t, k), value(t, k + 2), out);
    }

    /** 14 Mar 2025, 14th March, 2025, 14-Mar-2025. */
    private static int dayMonthYear(List<Token> t, int k, List<Token> out) {
        if (!number(t, k, 1, 2)) {
            return 0;
        }
        int j = k + 1;
        if (adjacent(t, j) && isOrdinal(t.get(j))) {
            j++;
        }
        if (adjacent(t, j) && t.get(j).isPunct("-")) {
            j++;
        } else if (!isKind(t, j, Kind.WORD) || !t.get(j).spaced()) {
            return 0;
        }
        int month = month(t, j);
        if (month == 0) {
            return 0;
        }
        j++;
        if (adjacent(t, j) && t.get(j).isPunct(".")) {
            j++;
        }
        if (adjacent(t, j) && (t.get(j).isPunct("-") || t.get(j).isPunct(","))) {
            j++;
        }
        if (!number(t, j, 4, 4) || trailing(t, j + 1, false)) {
            return 0;
        }
        return emitDate(t, k, j + 1 - k, value(t, j), month, value(t, k), out);
    }

    /** March 14, 2025; Mar. 14 2025; March 14th, 2025. */
    private static int monthDayYear(List<Token> t, int k, List<Token> out) {
        int month = month(t, k);
        if (month == 0) {
            return 0;
        }
        int j = k + 1;
        if (adjacent(t, j) && t.get(j).isPunct(".")) {
            j++;
        }
        if (!number(t, j, 1, 2) || !t.get(j).spaced()) {
            return 0;
        }
        int day = value(t, j);
        j++;
        if (adjacent(t, j) && isOrdinal(t.get(j))) {
            j++;
        }
        if (adjacent(t, j) && t.get(j).isPunct(",")) {
            j++;
        }
        if (!number(t, j, 4, 4) || !t.get(j).spaced() || trailing(t, j + 1, false)) {
            return 0;
        }
        return emitDate(t, k, j + 1 - k, value(t, j), month, day, out);
    }

    private static boolean isOrdinal(Token token) {
        return token.kind() == Kind.WORD && Set.of("st", "nd", "rd", "th").contains(token.text());
    }

    /** Whether the token after a date glues it to more digits or letters (2025-03-14-7, 03/14/2025x). */
    private static boolean trailing(List<Token> t, int k, boolean isoTimeAllowed) {
        if (!adjacent(t, k)) {
            return false;
        }
        Token next = t.get(k);
        if (next.kind() == Kind.WORD) {
            return !(isoTimeAllowed && next.text().equals("t"));
        }
        if (next.kind() == Kind.NUMBER) {
            return true;
        }
        return isSeparator(next) && adjacent(t, k + 1) && isKind(t, k + 1, Kind.NUMBER);
    }

    private static int month(List<Token> t, int k) {
        if (!isKind(t, k, Kind.WORD)) {
            return 0;
        }
        String word = t.get(k).text();
        if (word.length() < 3) {
            return 0;
        }
        for (int m = 0; m < MONTHS.length; m++) {
            if (MONTHS[m].equals(word) || MONTHS[m].substring(0, 3).equals(word) || (m == 8 && word.equals("sept"))) {
                return m + 1;
            }
        }
        return 0;
    }

    private static boolean number(List<Token> t, int k, int minDigits, int maxDigits) {
        return isKind(t, k, Kind.NUMBER) && t.get(k).text().length() >= minDigits
                && t.get(k).text().length() <= maxDigits;
    }

    private static int value(List<Token> t, int k) {
        return Integer.parseInt(t.get(k).text());
    }

    private static int emitDate(List<Token> t, int k, int used, int year, int month, int day, List<Token> out) {
        if (year < 1900 || year > 2199) {
            return 0;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return 0; // 2025-02-30 is not a date
        }
        out.add(new Token(Kind.DATE, date.toString(), t.get(k).start(), t.get(k + used - 1).end(), t.get(k).spaced()));
        return used;
    }

    /** "in review", "in_review", "in-review", "under review", "inreview": the status {@code in_review}. */
    private static int inReview(List<Token> t, int k, List<Token> out) {
        Token first = t.get(k);
        if (first.isWord("inreview")) {
            out.add(new Token(Kind.STATUS, "in_review", first.start(), first.end(), first.spaced()));
            return 1;
        }
        if (!first.isWord("in") && !first.isWord("under")) {
            return 0;
        }
        int j = k + 1;
        if (adjacent(t, j) && (t.get(j).isPunct("_") || t.get(j).isPunct("-"))) {
            j++;
            if (!adjacent(t, j)) {
                return 0;
            }
        }
        if (j >= t.size() || !t.get(j).isWord("review") || followedByWordOrNumber(t, j + 1)) {
            return 0;
        }
        out.add(new Token(Kind.STATUS, "in_review", first.start(), t.get(j).end(), first.spaced()));
        return j + 1 - k;
    }

    /**
     * Turns level and status words into LEVEL and STATUS tokens where the context says they qualify cases or risk:
     * "high risk", "critical cases", "risk level: medium", "cases that are critical", "open cases", "status open".
     * "closed" and "escalated" always are statuses; "open" at the head of a request is a verb, not a status.
     */
    private static List<Token> qualify(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            if (token.kind() == Kind.WORD) {
                String word = token.text();
                if (RISK_LEVELS.contains(word) && isRiskLevel(tokens, k)) {
                    token = new Token(Kind.LEVEL, word, token.start(), token.end(), token.spaced());
                } else if (word.equals("closed") || word.equals("escalated")
                        || (word.equals("open") && isOpenStatus(tokens, k))) {
                    token = new Token(Kind.STATUS, word, token.start(), token.end(), token.spaced());
                }
            }
            out.add(token);
        }
        return out;
    }

    private static boolean isRiskLevel(List<Token> t, int k) {
        String next = nextNoun(t, k, true);
        if (next != null && RISK_NOUNS.contains(next)) {
            return true;
        }
        int words = 0;
        for (int j = k - 1; j >= 0 && words < 4; j--) {
            Token before = t.get(j);
            if (before.kind() == Kind.PUNCT) {
                if (before.text().equals(":") || before.text().equals("=") || before.text().equals("-")
                        || before.text().equals(",")) {
                    continue;
                }
                return false;
            }
            words++;
            if (before.kind() == Kind.WORD && RISK_CONTEXT.contains(before.text())) {
                return true; // "risk level: high", "rated critical"
            }
            if (before.kind() == Kind.WORD && CASE_NOUNS.contains(before.text()) && endsPhrase(t, k + 1)) {
                return true; // "which cases are critical?"
            }
        }
        return false;
    }

    private static boolean isOpenStatus(List<Token> t, int k) {
        String next = nextNoun(t, k, false);
        if (next != null && OPEN_NOUNS.contains(next)) {
            return true; // "open cases", "open critical ones"
        }
        int p = k - 1;
        while (p >= 0 && t.get(p).kind() == Kind.PUNCT
                && (t.get(p).text().equals(":") || t.get(p).text().equals("=") || t.get(p).text().equals("\""))) {
            p--;
        }
        if (p < 0) {
            return false; // "open CASE-000123", "open the case": the verb
        }
        Token before = t.get(p);
        if (before.kind() == Kind.CASE_ID
                || (before.kind() == Kind.WORD && OPEN_STATE_BEFORE.contains(before.text()))) {
            return true; // "status: open", "is CASE-000123 still open", "cases that are open"
        }
        return before.kind() == Kind.WORD && OPEN_ARTICLE_BEFORE.contains(before.text()) && "case".equals(next);
    }

    /**
     * The first word after {@code k}, skipping levels, statuses and "and"/"or"/commas, at most five tokens on;
     * "risk" is that word when {@code riskIsNoun} ("high risk"), else skipped ("open high-risk cases").
     */
    private static String nextNoun(List<Token> t, int k, boolean riskIsNoun) {
        for (int j = k + 1; j < t.size() && j <= k + 5; j++) {
            Token next = t.get(j);
            if (next.kind() == Kind.STATUS || next.kind() == Kind.LEVEL) {
                continue;
            }
            if (next.kind() == Kind.WORD && !QUALIFIER_GLUE.contains(next.text())) {
                return next.text();
            }
            if (next.kind() == Kind.WORD && next.text().equals("risk") && riskIsNoun) {
                return "risk";
            }
            if (next.kind() == Kind.PUNCT && !QUALIFIER_GLUE.contains(next.text())) {
                return null;
            }
            if (next.kind() != Kind.WORD && next.kind() != Kind.PUNCT) {
                return null;
            }
        }
        return null;
    }

    private static boolean endsPhrase(List<Token> t, int k) {
        return k >= t.size() || t.get(k).kind() == Kind.PUNCT && !t.get(k).text().equals("-");
    }
}
