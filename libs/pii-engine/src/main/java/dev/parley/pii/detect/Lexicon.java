package dev.parley.pii.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A set of words or phrases, matched without regard to case against single tokens or against token sequences.
 * Phrases are split by {@link ProseTokens} exactly as texts are ({@code St. Louis} is three tokens), so a phrase
 * matches the same tokens in a text; the longest phrase decides how far a match looks ahead, which keeps each match
 * bounded.
 */
final class Lexicon {

    private static final String RESOURCE_ROOT = "/dev/parley/pii/";

    private final Set<String> entries;
    /** Every proper leading part of a multi-token entry ("new" and "new york" for "new york city"). */
    private final Set<String> prefixes;
    private final int longestPhrase;

    private Lexicon(Set<String> entries, Set<String> prefixes, int longestPhrase) {
        this.entries = new HashSet<>(entries);
        this.prefixes = new HashSet<>(prefixes);
        this.longestPhrase = longestPhrase;
    }

    static Lexicon of(List<String> phrases) {
        Set<String> entries = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        int longest = 0;
        for (String phrase : phrases) {
            ProseTokens tokens = ProseTokens.uncached(phrase);
            if (tokens.size() == 0) {
                continue;
            }
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < tokens.size(); i++) {
                if (i > 0) {
                    prefixes.add(key.toString());
                    key.append(' ');
                }
                key.append(tokens.lower(i));
            }
            entries.add(key.toString());
            longest = Math.max(longest, tokens.size());
        }
        return new Lexicon(entries, prefixes, longest);
    }

    /** Reads a resource of {@code dev/parley/pii/}: one entry a line, blank lines and {@code #} comments skipped. */
    static Lexicon load(String resource) {
        return of(lines(resource));
    }

    static List<String> lines(String resource) {
        InputStream in = Lexicon.class.getResourceAsStream(RESOURCE_ROOT + resource);
        if (in == null) {
            throw new IllegalStateException("missing lexicon resource " + resource);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    lines.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon resource " + resource, e);
        }
        return lines;
    }

    /** The single word or phrase {@code phrase} is an entry, ignoring case. */
    boolean contains(String phrase) {
        return entries.contains(phrase.toLowerCase(Locale.ROOT));
    }

    /**
     * How many tokens, from {@code i}, the longest entry matching there covers; 0 when none does. A phrase does not
     * run across a line break.
     */
    int longestMatch(ProseTokens tokens, int i) {
        if (!tokens.exists(i)) {
            return 0;
        }
        String first = tokens.lower(i);
        int best = entries.contains(first) ? 1 : 0;
        if (longestPhrase < 2 || !prefixes.contains(first)) {
            return best;
        }
        StringBuilder key = new StringBuilder(first);
        for (int n = 2; n <= longestPhrase && tokens.exists(i + n - 1); n++) {
            int k = i + n - 1;
            if (tokens.lineBreakBefore(k)) {
                break;
            }
            key.append(' ').append(tokens.lower(k));
            String joined = key.toString();
            if (entries.contains(joined)) {
                best = n;
            }
            if (!prefixes.contains(joined)) {
                break;
            }
        }
        return best;
    }

    int size() {
        return entries.size();
    }
}
