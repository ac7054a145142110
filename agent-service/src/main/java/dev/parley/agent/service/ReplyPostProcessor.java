package dev.parley.agent.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The last step of a turn, on the reply text (the model's or the fast path's), in one linear pass:
 * <ol>
 * <li>A case id, rule id or NPI that exists in the workspace becomes a link: {@code [CASE-000123](/cases/CASE-000123)},
 * {@code [RULE-MED-001](/rules/RULE-MED-001)}, {@code [1234567893](/providers/1234567893)}. Not inside a link, a code
 * span or a URL, and not right after a {@code /} (a path), where a link would break what is there.</li>
 * <li>A case id that does not exist in the workspace is replaced by {@value #UNKNOWN_CASE} wherever it is (text, code,
 * links, URLs) and reported in {@code flaggedCaseIds}: the model must not send the user to another workspace's case,
 * nor to one it made up. A link whose text or target holds such an id is unlinked. Unknown rule ids and NPIs are left
 * as written (not linked).</li>
 * <li>The stored copy keeps placeholders ({@code ⟦PERSON_1⟧}); the user's copy gets the originals of this
 * conversation's vault entries back, escaped for where they land (markdown in text, percent-encoding in a link target,
 * no backticks in code) so a restored value cannot inject a link. Placeholders without an original stay.</li>
 * </ol>
 * Code spans are found by matching backtick runs of equal length (fenced blocks included), links as
 * {@code [text](target)} without nested brackets, both with precomputed "next occurrence" tables, so that no position
 * is read more than a bounded number of times.
 */
@ApplicationScoped
public class ReplyPostProcessor {

    /** What replaces a case id that is not the workspace's. */
    public static final String UNKNOWN_CASE = "[unknown case]";

    /** The ids that exist in the workspace (the caller fetches them); case and rule ids in any case. */
    public record WorkspaceIds(Set<String> caseIds, Set<String> ruleIds, Set<String> npis) {

        public static final WorkspaceIds NONE = new WorkspaceIds(Set.of(), Set.of(), Set.of());

        public WorkspaceIds {
            caseIds = upper(caseIds);
            ruleIds = upper(ruleIds);
            npis = npis == null ? Set.of()
                    : Set.copyOf(npis.stream().filter(n -> n != null).map(String::strip).toList());
        }

        private static Set<String> upper(Set<String> ids) {
            return ids == null ? Set.of()
                    : Set.copyOf(ids.stream().filter(id -> id != null)
                            .map(id -> id.strip().toUpperCase(Locale.ROOT)).toList());
        }
    }

    /**
     * @param stored the copy to store: links and markers, placeholders kept
     * @param user the copy the user sees: the same with placeholders restored
     * @param flaggedCaseIds case ids the reply named that are not the workspace's, canonical, in order, once each
     */
    public record Processed(String stored, String user, List<String> flaggedCaseIds) {

        public Processed {
            flaggedCaseIds = List.copyOf(flaggedCaseIds);
        }
    }

    public Processed process(String reply, WorkspaceIds known, Map<String, String> originals) {
        Pass pass = new Pass(reply == null ? "" : reply, known == null ? WorkspaceIds.NONE : known,
                originals == null ? Map.of() : originals);
        pass.run(0, pass.text.length(), Mode.TEXT);
        return new Processed(pass.stored.toString(), pass.user.toString(), List.copyOf(pass.flagged));
    }

    /** Where a stretch of text is: what may be linked there and how a restored value is written. */
    private enum Mode { TEXT, LINK_TEXT, URL, CODE }

    private enum IdKind { CASE, RULE, NPI }

    private record Id(IdKind kind, String canonical, int end) {}

    private static final class Pass {
        final String text;
        final WorkspaceIds known;
        final Map<String, String> originals;
        final StringBuilder stored;
        final StringBuilder user;
        final Set<String> flagged = new LinkedHashSet<>();
        final int[] nextCloseBracket;
        final int[] nextOpenBracket;
        final int[] nextCloseParen;
        /** For a backtick run opening a code span: the index after its closing run; else -1. */
        final int[] codeSpanEnd;

        Pass(String text, WorkspaceIds known, Map<String, String> originals) {
            this.text = text;
            this.known = known;
            this.originals = originals;
            this.stored = new StringBuilder(text.length() + 64);
            this.user = new StringBuilder(text.length() + 64);
            nextCloseBracket = nextOf(text, ']');
            nextOpenBracket = nextOf(text, '[');
            nextCloseParen = nextOf(text, ')');
            codeSpanEnd = codeSpans(text);
        }

        private static int[] nextOf(String text, char c) {
            int n = text.length();
            int[] next = new int[n + 1];
            next[n] = n;
            for (int i = n - 1; i >= 0; i--) {
                next[i] = text.charAt(i) == c ? i : next[i + 1];
            }
            return next;
        }

        /** Pairs each backtick run with the next run of the same length (CommonMark's code span rule). */
        private static int[] codeSpans(String text) {
            int n = text.length();
            int[] end = new int[n];
            Arrays.fill(end, -1);
            List<int[]> runs = new ArrayList<>(); // {start, length}
            for (int i = 0; i < n; ) {
                if (text.charAt(i) == '`') {
                    int j = i;
                    while (j < n && text.charAt(j) == '`') {
                        j++;
                    }
                    runs.add(new int[] {i, j - i});
                    i = j;
                } else {
                    i++;
                }
            }
            Map<Integer, int[]> nextOfLength = new HashMap<>();
            for (int r = runs.size() - 1; r >= 0; r--) {
                int[] run = runs.get(r);
                int[] closer = nextOfLength.get(run[1]);
                if (closer != null) {
                    end[run[0]] = closer[0] + closer[1];
                }
                nextOfLength.put(run[1], run);
            }
            return end;
        }

        void both(CharSequence s) {
            stored.append(s);
            user.append(s);
        }

        void both(char c) {
            stored.append(c);
            user.append(c);
        }

        void run(int from, int to, Mode mode) {
            int i = from;
            while (i < to) {
                char c = text.charAt(i);
                if (mode != Mode.CODE && c == '`') {
                    int runEnd = i;
                    while (runEnd < to && text.charAt(runEnd) == '`') {
                        runEnd++;
                    }
                    int spanEnd = codeSpanEnd[i];
                    if (spanEnd > 0 && spanEnd <= to) {
                        int length = runEnd - i;
                        both(text, i, runEnd);
                        run(runEnd, spanEnd - length, Mode.CODE);
                        both(text, spanEnd - length, spanEnd);
                        i = spanEnd;
                    } else {
                        both(text, i, runEnd);
                        i = runEnd;
                    }
                    continue;
                }
                if (mode == Mode.TEXT && c == '[' && link(i, to)) {
                    i = nextCloseParen[nextCloseBracket[i + 1] + 2] + 1;
                    continue;
                }
                if (mode == Mode.TEXT && c == 'h' && (text.startsWith("http://", i) || text.startsWith("https://", i))
                        && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                    int end = i;
                    while (end < to && !Character.isWhitespace(text.charAt(end))
                            && "<>\"'`".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    run(i, end, Mode.URL);
                    i = end;
                    continue;
                }
                if (c == EntityExtractor.PLACEHOLDER_OPEN) {
                    int end = EntityExtractor.placeholderEnd(text, i);
                    if (end > 0 && end <= to) {
                        String placeholder = text.substring(i, end);
                        stored.append(placeholder);
                        String original = originals.get(placeholder);
                        user.append(original == null ? placeholder : restored(original, mode));
                        i = end;
                        continue;
                    }
                }
                Id id = id(i, to);
                if (id != null) {
                    emit(id, i, mode);
                    i = id.end();
                    continue;
                }
                both(c);
                i++;
            }
        }

        private void both(String s, int from, int to) {
            stored.append(s, from, to);
            user.append(s, from, to);
        }

        /** A {@code [text](target)} at {@code open}: handled and true, or false when it is no link. */
        private boolean link(int open, int to) {
            int close = nextCloseBracket[open + 1];
            if (close + 1 >= to || nextOpenBracket[open + 1] < close || text.charAt(close + 1) != '(') {
                return false;
            }
            int end = nextCloseParen[close + 2];
            if (end >= to) {
                return false;
            }
            boolean foreignText = hasForeignCase(open + 1, close);
            boolean foreignTarget = hasForeignCase(close + 2, end);
            if (foreignText || foreignTarget) {
                // a link to a case that is not the workspace's: keep its words (ids marked), drop the target
                run(open + 1, close, Mode.TEXT);
                return true;
            }
            both('[');
            run(open + 1, close, Mode.LINK_TEXT);
            both("](");
            run(close + 2, end, Mode.URL);
            both(')');
            return true;
        }

        private boolean hasForeignCase(int from, int to) {
            boolean foreign = false;
            for (int i = from; i < to; ) {
                Id id = id(i, to);
                if (id == null) {
                    i++;
                } else {
                    if (id.kind() == IdKind.CASE && !known.caseIds().contains(id.canonical())) {
                        flagged.add(id.canonical());
                        foreign = true;
                    }
                    i = id.end();
                }
            }
            return foreign;
        }

        private void emit(Id id, int start, Mode mode) {
            String written = text.substring(start, id.end());
            boolean linkable = mode == Mode.TEXT && (start == 0 || text.charAt(start - 1) != '/');
            switch (id.kind()) {
                case CASE -> {
                    if (!known.caseIds().contains(id.canonical())) {
                        flagged.add(id.canonical());
                        both(UNKNOWN_CASE);
                    } else if (linkable) {
                        both("[" + id.canonical() + "](/cases/" + id.canonical() + ")");
                    } else {
                        both(written);
                    }
                }
                case RULE -> both(linkable && known.ruleIds().contains(id.canonical())
                        ? "[" + id.canonical() + "](/rules/" + id.canonical() + ")" : written);
                case NPI -> both(linkable && known.npis().contains(id.canonical())
                        ? "[" + id.canonical() + "](/providers/" + id.canonical() + ")" : written);
            }
        }

        /** A case id, rule id or (known) NPI starting at {@code i} on word boundaries, or null. Bounded look-ahead. */
        private Id id(int i, int to) {
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                return null;
            }
            char c = text.charAt(i);
            if ((c == 'C' || c == 'c') && text.regionMatches(true, i, "case-", 0, 5)) {
                int end = digits(i + 5, to, 13);
                int count = end - (i + 5);
                if (count >= 6 && count <= 12 && boundary(end, to)) {
                    return new Id(IdKind.CASE, "CASE-" + text.substring(i + 5, end), end);
                }
                return null;
            }
            if ((c == 'R' || c == 'r') && text.regionMatches(true, i, "rule-", 0, 5)) {
                int letters = i + 5;
                while (letters < to && letters - (i + 5) < 5 && isAsciiLetter(text.charAt(letters))) {
                    letters++;
                }
                int family = letters - (i + 5);
                if (family < 2 || family > 4 || letters >= to || text.charAt(letters) != '-') {
                    return null;
                }
                int end = digits(letters + 1, to, 4);
                if (end - (letters + 1) == 3 && boundary(end, to)) {
                    return new Id(IdKind.RULE, text.substring(i, end).toUpperCase(Locale.ROOT), end);
                }
                return null;
            }
            if (c >= '0' && c <= '9' && !known.npis().isEmpty()) {
                int end = digits(i, to, 11);
                if (end - i == 10 && boundary(end, to)) {
                    return new Id(IdKind.NPI, text.substring(i, end), end);
                }
            }
            return null;
        }

        private int digits(int from, int to, int max) {
            int end = from;
            while (end < to && end - from < max && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            return end;
        }

        private boolean boundary(int end, int to) {
            return end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }

        private static String restored(String original, Mode mode) {
            return switch (mode) {
                case TEXT, LINK_TEXT -> markdownEscaped(original);
                case URL -> percentEncoded(original);
                case CODE -> original.replace('`', '\'').replace('\n', ' ').replace('\r', ' ');
            };
        }

        private static String markdownEscaped(String value) {
            StringBuilder out = new StringBuilder(value.length() + 8);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\', '`', '*', '_', '[', ']', '<', '>', '|' -> out.append('\\').append(c);
                    case '\n', '\r' -> out.append(' ');
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

        private static String percentEncoded(String value) {
            StringBuilder out = new StringBuilder();
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xFF;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                        || c == '_' || c == '~') {
                    out.append((char) c);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                }
            }
            return out.toString();
        }
    }
}
