package dev.parley.agent.structured;

import java.util.EnumSet;
import java.util.Set;

/**
 * Turns a language model's almost-JSON into JSON text: one left-to-right pass with a small state machine (no regular
 * expressions), so the time is linear in the input. It finds the object (after a code fence, inside prose), then
 * copies it, fixing quotes, keys, commas and control characters, stops where the object closes and closes whatever
 * a truncated text left open. It never guesses at a missing comma or colon: such text stays broken and fails to
 * parse.
 */
final class JsonRepair {

    /** Deeper than any structured answer needs; deeper input is refused before Jackson sees it. */
    static final int MAX_DEPTH = 32;
    private static final int MAX_KEY_LENGTH = 128;
    private static final String FENCE = "```";

    /** The repaired text, what was changed, or why nothing could be done ({@code json} null then). */
    record Result(String json, Set<Repair> repairs, String failure) {}

    private JsonRepair() {}

    static Result repair(String text) {
        EnumSet<Repair> repairs = EnumSet.noneOf(Repair.class);
        int start = objectStart(text);
        if (start < 0) {
            return new Result(null, repairs, "no JSON object found");
        }
        int fence = text.indexOf(FENCE);
        boolean fenced = fence >= 0 && fence < start;
        if (fenced) {
            repairs.add(Repair.CODE_FENCE);
            int info = fence + FENCE.length();
            while (info < start && isFenceInfo(text.charAt(info))) {
                info++;
            }
            if (!isBlank(text, 0, fence) || !isBlank(text, info, start)) {
                repairs.add(Repair.SURROUNDING_TEXT);
            }
        } else if (!isBlank(text, 0, start)) {
            repairs.add(Repair.SURROUNDING_TEXT);
        }
        Lexer lexer = new Lexer(text, start, repairs);
        int end = lexer.run();
        if (lexer.failure != null) {
            return new Result(null, repairs, lexer.failure);
        }
        int rest = skipWhitespace(text, end);
        if (fenced && text.startsWith(FENCE, rest)) {
            rest = skipWhitespace(text, rest + FENCE.length());
        }
        if (rest < text.length()) {
            repairs.add(Repair.SURROUNDING_TEXT);
        }
        return new Result(lexer.out.toString(), repairs, null);
    }

    /**
     * The first '{' that starts something object-like (a quote, an unquoted key and ':', or '}' next), so that a
     * brace in the prose before the object ("{as requested}") is passed over; else the first '{'. Each look-ahead
     * stops before the next '{', so all of them together read the text once.
     */
    static int objectStart(String text) {
        int first = text.indexOf('{');
        for (int i = first; i >= 0; i = text.indexOf('{', i + 1)) {
            int j = skipWhitespace(text, i + 1);
            if (j >= text.length()) {
                return first;
            }
            char c = text.charAt(j);
            if (c == '"' || c == '\'' || c == '}' || isSmartQuote(c)) {
                return i;
            }
            if (isIdentifierStart(c)) {
                int k = j;
                while (k < text.length() && k - j < MAX_KEY_LENGTH && isIdentifierPart(text.charAt(k))) {
                    k++;
                }
                k = skipWhitespace(text, k);
                if (k < text.length() && text.charAt(k) == ':') {
                    return i;
                }
            }
        }
        return first;
    }

    private static final class Lexer {

        /** The last thing copied outside strings. */
        private enum Last { NOTHING, OPEN_OBJECT, OPEN_ARRAY, COMMA, COLON, KEY, VALUE }

        /** The delimiter of the string being copied: {@code "}, a typographic double quote, or a single quote. */
        private enum Quote { DOUBLE, SMART_DOUBLE, SINGLE }

        private final String in;
        private final int length;
        private final EnumSet<Repair> repairs;
        final StringBuilder out;
        String failure;

        private int pos;
        private final char[] stack = new char[MAX_DEPTH];
        private int depth;
        private Last last = Last.NOTHING;
        /** A comma seen but not yet copied: dropped when a closer follows it. */
        private boolean pendingComma;
        private boolean rootClosed;

        private Quote quote;
        private boolean keyString;
        /** Where the current escape sequence started in {@link #out}, or -1. */
        private int escapeStart = -1;
        /** 1 after a backslash, 2 inside the hex digits of a \\u escape. */
        private int escapeState;
        private int hexLeft;
        /** Where a bare token (number, literal) that may still be running started in {@link #out}, or -1. */
        private int bareStart = -1;

        Lexer(String in, int start, EnumSet<Repair> repairs) {
            this.in = in;
            this.length = in.length();
            this.pos = start;
            this.repairs = repairs;
            this.out = new StringBuilder(Math.min(length - start + 16, 1 << 20));
        }

        /** Copies from the object's '{' to its matching '}' (or to the end); returns the index after what it read. */
        int run() {
            while (pos < length && failure == null && !rootClosed) {
                char c = in.charAt(pos);
                if (quote != null) {
                    inString(c);
                    pos++;
                } else {
                    outside(c);
                }
            }
            if (failure == null && !rootClosed) {
                finishTruncated();
            }
            return pos;
        }

        private void outside(char c) {
            if (isBare(c)) {
                bare();
                return;
            }
            bareStart = -1;
            switch (c) {
                case '{', '[' -> open(c);
                case '}', ']' -> close(c);
                case ',' -> {
                    if (pendingComma || last == Last.OPEN_OBJECT || last == Last.OPEN_ARRAY) {
                        repairs.add(Repair.TRAILING_COMMAS);
                    } else {
                        pendingComma = true;
                    }
                }
                case ':' -> {
                    flushComma();
                    out.append(':');
                    last = Last.COLON;
                }
                case '"' -> openString(Quote.DOUBLE);
                case '\u201C', '\u201D' -> {
                    if (valuePosition()) {
                        repairs.add(Repair.SMART_QUOTES);
                        openString(Quote.SMART_DOUBLE);
                    } else {
                        raw(c);
                    }
                }
                case '\'', '\u2018', '\u2019' -> {
                    if (valuePosition()) {
                        repairs.add(c == '\'' ? Repair.SINGLE_QUOTES : Repair.SMART_QUOTES);
                        openString(Quote.SINGLE);
                    } else {
                        raw(c);
                    }
                }
                case ' ', '\t', '\n', '\r' -> {
                    if (!pendingComma) {
                        out.append(c);
                    }
                }
                default -> {
                    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                        if (!pendingComma) {
                            out.append(' ');
                        }
                    } else {
                        raw(c);
                    }
                }
            }
            pos++;
        }

        private void open(char c) {
            flushComma();
            if (depth == MAX_DEPTH) {
                failure = "nested deeper than " + MAX_DEPTH + " levels";
                return;
            }
            stack[depth++] = c;
            out.append(c);
            last = c == '{' ? Last.OPEN_OBJECT : Last.OPEN_ARRAY;
        }

        private void close(char c) {
            char opener = c == '}' ? '{' : '[';
            if (pendingComma) {
                pendingComma = false;
                repairs.add(Repair.TRAILING_COMMAS);
            }
            char closing = c;
            if (stack[depth - 1] != opener) {
                // `["a", "b"}` or `{"a": [1, 2}`: take it for the closer of what is open; the end closes the rest
                repairs.add(Repair.TRUNCATED);
                closing = closer(stack[depth - 1]);
            }
            depth--;
            out.append(closing);
            last = Last.VALUE;
            rootClosed = depth == 0;
        }

        /** A run of letters, digits and {@code _$.+-}: a number, a literal, or an unquoted key. */
        private void bare() {
            int end = pos;
            while (end < length && isBare(in.charAt(end))) {
                end++;
            }
            if (keyPosition() && isIdentifierStart(in.charAt(pos))) {
                int after = skipWhitespace(in, end);
                if (after >= length || in.charAt(after) == ':') {
                    flushComma();
                    out.append('"').append(in, pos, end).append('"');
                    repairs.add(Repair.UNQUOTED_KEYS);
                    last = Last.KEY;
                    bareStart = -1;
                    pos = end;
                    return;
                }
            }
            flushComma();
            bareStart = out.length();
            out.append(in, pos, end);
            last = Last.VALUE;
            pos = end;
        }

        private void raw(char c) {
            flushComma();
            out.append(c);
            last = Last.VALUE;
        }

        private void openString(Quote q) {
            keyString = keyPosition();
            flushComma();
            quote = q;
            escapeState = 0;
            escapeStart = -1;
            out.append('"');
        }

        private void inString(char c) {
            if (escapeState == 1) {
                escapeState = 0;
                switch (c) {
                    case 'u' -> {
                        out.append(c);
                        escapeState = 2;
                        hexLeft = 4;
                    }
                    case '\'' -> {
                        out.setLength(escapeStart); // \' is no JSON escape: the quote alone
                        out.append('\'');
                        repairs.add(Repair.SINGLE_QUOTES);
                        escapeStart = -1;
                    }
                    default -> {
                        out.append(c); // an invalid escape stays, for Jackson to refuse
                        escapeStart = -1;
                    }
                }
                return;
            }
            if (escapeState == 2) {
                if (isHex(c)) {
                    out.append(c);
                    if (--hexLeft == 0) {
                        escapeState = 0;
                        escapeStart = -1;
                    }
                    return;
                }
                escapeState = 0;
                escapeStart = -1;
            }
            if (c == '\\') {
                escapeStart = out.length();
                escapeState = 1;
                out.append(c);
                return;
            }
            boolean closes = switch (quote) {
                case DOUBLE -> c == '"';
                case SMART_DOUBLE -> c == '"' || c == '\u201C' || c == '\u201D';
                case SINGLE -> (c == '\'' || c == '\u2018' || c == '\u2019') && singleQuoteCloses();
            };
            if (closes) {
                closeString();
            } else if (c == '"') {
                out.append("\\\""); // inside a single-quoted or typographic string
            } else if (c < 0x20) {
                repairs.add(Repair.CONTROL_CHARACTERS);
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append("\\u00").append(Character.forDigit(c >> 4, 16))
                            .append(Character.forDigit(c & 0xF, 16));
                }
            } else {
                out.append(c);
            }
        }

        /** A single quote ends its string only where JSON could go on: before , } ] : or the end of the text. */
        private boolean singleQuoteCloses() {
            int next = skipWhitespace(in, pos + 1);
            if (next >= length) {
                return true;
            }
            char c = in.charAt(next);
            return c == ',' || c == '}' || c == ']' || c == ':';
        }

        private void closeString() {
            out.append('"');
            quote = null;
            last = keyString ? Last.KEY : Last.VALUE;
        }

        /** The text ended inside the object: close the string, complete what dangles, close every container. */
        private void finishTruncated() {
            repairs.add(Repair.TRUNCATED);
            if (quote != null) {
                if (escapeState != 0) {
                    out.setLength(escapeStart); // a cut-off escape sequence
                    escapeState = 0;
                }
                closeString();
            }
            if (bareStart >= 0) {
                String token = out.substring(bareStart);
                out.setLength(bareStart);
                out.append(completeToken(token));
            }
            pendingComma = false;
            if (last == Last.KEY) {
                out.append(":null");
            } else if (last == Last.COLON) {
                out.append("null");
            }
            while (depth > 0) {
                out.append(closer(stack[--depth]));
            }
        }

        private boolean valuePosition() {
            return pendingComma || (last != Last.VALUE && last != Last.KEY);
        }

        private boolean keyPosition() {
            return depth > 0 && stack[depth - 1] == '{' && (last == Last.OPEN_OBJECT || pendingComma);
        }

        private void flushComma() {
            if (pendingComma) {
                out.append(',');
                pendingComma = false;
                last = Last.COMMA;
            }
        }
    }

    /** A literal or number cut off by the end of the text: {@code tr} -> {@code true}, {@code 12.} -> {@code 12}. */
    static String completeToken(String token) {
        for (String literal : new String[] {"true", "false", "null"}) {
            if (literal.startsWith(token)) {
                return literal;
            }
        }
        char first = token.charAt(0);
        if (first == '-' || (first >= '0' && first <= '9')) {
            int end = token.length();
            while (end > 0 && ".eE+-".indexOf(token.charAt(end - 1)) >= 0) {
                end--;
            }
            return end == 0 ? "null" : token.substring(0, end);
        }
        return token;
    }

    private static char closer(char opener) {
        return opener == '{' ? '}' : ']';
    }

    private static boolean isBare(char c) {
        return (c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '+' || c == '-'))
                || (c >= 128 && Character.isLetterOrDigit(c));
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-';
    }

    private static boolean isSmartQuote(char c) {
        return c == '\u201C' || c == '\u201D' || c == '\u2018' || c == '\u2019';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isFenceInfo(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '+');
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
