package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Person names in prose, found by what announces them and by a lexicon of common US names.
 *
 * <ul>
 *   <li>After a title ("Dr.", "Mr.", "Mrs.", "Ms.", "Miss", "Prof.", "Nurse"): the capitalized words that follow,
 *       title excluded ({@link #TITLED}).</li>
 *   <li>After a label ("Patient:", "Name:", "Pt:", "Member:", "Provider:", "Referred by", "seen by",
 *       "spoke with"...), a greeting ("Dear", "Hi") or a sign-off ("Sincerely,", "Thanks,"): "Last, First" or the
 *       capitalized words that follow ({@link #LABELED}); when the label could introduce something else
 *       ("Provider: Kaiser Permanente") and the words are neither a known name nor shaped like one ("Zed Q. Zed"),
 *       the score is {@link #LABELED_UNKNOWN}. Relatives need no colon ("daughter Ana Ruiz"); "Pt", "patient" or
 *       "member" without a colon count only before a known name, a name with an initial, or "Last, First".</li>
 *   <li>Capitalized words, listed or not, followed by a credential ("Ana Ruiz, MD", {@link #CREDENTIALED}), a
 *       birth date ("Aide Feil (DOB 1/2/77)") or an age ("Zenobia is a 94 year old"), {@link #DESCRIBED}.</li>
 *   <li>A listed given name followed by a capitalized word, with middle names or initials between
 *       ("John Q. Public"): {@link #FIRST_AND_LAST}.</li>
 *   <li>A listed given name or surname alone, capitalized, not starting a sentence: {@link #LONE_NAME}, too weak
 *       to be reported unless the context raises it.</li>
 * </ul>
 *
 * <p>Names that are also words ("Will", "May", "Mark", "Brown") count only before a listed surname; drug names,
 * weekdays, months, clinical and function words never count; a name followed by "disease", "syndrome", "sign" and
 * the like is an eponym ("Parkinson's disease"), and one followed by "Hospital", "County" or "Street" names a place.
 */
public final class PersonNameDetector implements Detector {

    static final double TITLED = 0.9;
    static final double LABELED = 0.85;
    static final double LABELED_UNKNOWN = 0.6;
    static final double CREDENTIALED = 0.85;
    static final double DESCRIBED = 0.8;
    static final double FIRST_AND_LAST = 0.75;
    static final double LONE_NAME = 0.35;

    /** First, middle, middle, last: longer runs of capitalized words are titles of things, not names. */
    private static final int MAX_PARTS = 4;

    private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "mx", "prof");
    /** Titles that are also common nouns or verbs, so only capitalized: "Miss", "Nurse". */
    private static final Set<String> CAPITALIZED_TITLES = Set.of("miss", "nurse", "doctor", "professor");

    /** Labels that, before a colon, introduce a person (but might introduce an organization). */
    private static final Set<String> COLON_LABELS = Set.of(
            "patient", "pt", "member", "provider", "attending", "pcp", "physician", "guarantor", "subscriber",
            "insured", "contact", "caregiver", "referring", "surgeon", "resident", "client", "spouse", "mother",
            "father", "guardian", "kin", "author", "signed", "rn", "md", "doctor", "nurse", "clinician", "payer",
            "payee", "holder", "cardholder", "policyholder", "driver", "recipient", "claimant", "applicant",
            "requester");

    /** Greetings whose next words are a name: "Dear Mayola,", "Hi John". */
    private static final Set<String> GREETINGS = Set.of("dear", "hi", "hello", "hey");

    /** Sign-offs, before a comma, whose next words (often on the next line) are the writer's name. */
    private static final Set<String> SIGN_OFFS = Set.of(
            "sincerely", "regards", "thanks", "best", "cheers", "respectfully", "warmly", "cordially", "yours");

    /** Relatives and carers, whose name often follows with no colon: "daughter Ana Ruiz visits weekly". */
    private static final Set<String> RELATIONS = Set.of(
            "daughter", "son", "wife", "husband", "mother", "father", "brother", "sister", "spouse", "caregiver",
            "guardian", "granddaughter", "grandson", "grandmother", "grandfather", "niece", "nephew", "aunt", "uncle",
            "partner", "fiance", "fiancee", "boyfriend", "girlfriend", "neighbor", "neighbour", "driver");

    /** Credentials after a name and a comma: "Ana Ruiz, MD", "Lan Luettgen, DO", "Shirly V. Ryan, PA-C". */
    private static final Set<String> CREDENTIALS = Set.of(
            "md", "do", "rn", "np", "pa", "pa-c", "phd", "dds", "dmd", "dpm", "lpn", "lcsw", "fnp", "aprn", "crna",
            "pharmd", "od", "mbbs", "facp", "msn", "bsn", "cnm", "cns", "lmft", "lpc", "psyd", "rph", "dnp", "dc", "nd",
            "ma");
    /** Credentials that are also state abbreviations: "Silver Spring, MD" is a place. */
    private static final Set<String> STATE_LIKE_CREDENTIALS = Set.of("md", "pa", "ma", "dc", "nd");

    /** Labels written without a colon before a name: "Pt Zenobia O. Schowalter", "member Reynolds, Jamie". */
    private static final Set<String> BARE_LABELS = Set.of(
            "pt", "patient", "member", "subscriber", "client", "resident", "insured", "beneficiary", "provider",
            "physician");

    /** Two-word cues with no colon: "seen by Dr. Lee", "spoke with John". */
    private static final Set<String> PHRASE_LABELS = Set.of(
            "referred by", "seen by", "spoke with", "spoke to", "signed by", "accompanied by", "examined by",
            "evaluated by", "cosigned by", "dictated by", "talked to", "talked with", "met with", "this is");

    private static final Set<String> SUFFIXES = Set.of("jr", "sr");
    private static final int R_TITLE = 1;
    private static final int R_CAPITALIZED_TITLE = 2;
    private static final int R_COLON_LABEL = 4;
    private static final int R_GREETING = 8;
    private static final int R_SIGN_OFF = 16;
    private static final int R_RELATION = 32;
    private static final int R_BARE_LABEL = 64;
    private static final int R_PHRASE_HEAD = 128;
    private static final int R_SPECIAL = 256;

    /**
     * The sets above merged into one map from a word to the bits of the sets holding it, so that each token costs
     * one lookup. {@code R_PHRASE_HEAD} marks first words of {@link #PHRASE_LABELS}; {@code R_SPECIAL} marks
     * "name" and "thank", which {@link #labelAt} checks by themselves.
     */
    private static final Map<String, Integer> ROLES = roles();
    private static final WordShapes ROLE_SHAPES = new WordShapes(ROLES.keySet());

    private static Map<String, Integer> roles() {
        Map<String, Integer> roles = new HashMap<>();
        addRole(roles, TITLES, R_TITLE);
        addRole(roles, CAPITALIZED_TITLES, R_CAPITALIZED_TITLE);
        addRole(roles, COLON_LABELS, R_COLON_LABEL);
        addRole(roles, GREETINGS, R_GREETING);
        addRole(roles, SIGN_OFFS, R_SIGN_OFF);
        addRole(roles, RELATIONS, R_RELATION);
        addRole(roles, BARE_LABELS, R_BARE_LABEL);
        for (String phrase : PHRASE_LABELS) {
            roles.merge(phrase.substring(0, phrase.indexOf(' ')), R_PHRASE_HEAD, (a, b) -> a | b);
        }
        addRole(roles, Set.of("name", "thank"), R_SPECIAL);
        return roles;
    }

    private static void addRole(Map<String, Integer> roles, Set<String> words, int role) {
        for (String word : words) {
            roles.merge(word, role, (a, b) -> a | b);
        }
    }

    private static int roles(String word) {
        Integer roles = ROLES.get(word);
        return roles == null ? 0 : roles;
    }

    /** The roles of word {@code i}. */
    private static int roles(ProseTokens tokens, int i) {
        return ROLE_SHAPES.mayMatch(tokens, i) ? roles(tokens.lower(i)) : 0;
    }


    private static final Set<String> ROMAN_SUFFIXES = Set.of("II", "III", "IV");

    @Override
    public String name() {
        return "person-name";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.PERSON);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int i = 0;
        while (i < tokens.size()) {
            if (cannotStartMatch(tokens, i)) {
                i++;
                continue;
            }
            int next = matchAt(tokens, i, out);
            i = Math.max(next, i + 1);
        }
    }

    /**
     * A quick test that no rule of {@link #matchAt} applies at token {@code i}: a number or a mark other than the
     * hyphen of a signature delimiter, or a word not capitalized that is no label or title. Every rule needs one of
     * those: a label or title word, a capitalized word, or "--".
     */
    private static boolean cannotStartMatch(ProseTokens tokens, int i) {
        if (!tokens.isWord(i)) {
            return !tokens.isMark(i, '-');
        }
        return !tokens.isCapitalized(i) && roles(tokens, i) == 0;
    }

    /** Tries each rule at token {@code i}; returns the index to continue from. */
    private int matchAt(ProseTokens tokens, int i, List<Finding> out) {
        Label label = labelAt(tokens, i);
        if (label != null) {
            int next = afterLabel(tokens, label, out);
            if (next > 0) {
                return next;
            }
        }
        int title = titleLength(tokens, i);
        if (title > 0) {
            Name name = Name.parse(tokens, i + title, true, false);
            if (name != null) {
                out.add(name.finding(tokens, TITLED, name()));
                return name.end;
            }
            return i + title;
        }
        int next = describedOrCredentialed(tokens, i, out);
        if (next > 0) {
            return next;
        }
        return lexiconMatch(tokens, i, out);
    }

    /**
     * A capitalized name shown to be one by what follows it, listed or not: a birth date ("Aide Feil (DOB 1/2/77)",
     * "ROBERTS, LEANN DOB: ...") or an age ("Zenobia is a 94 year old"), {@link #DESCRIBED}; or a credential
     * ("Richie Kerluke, MD", {@link #CREDENTIALED}). A run of three or more words starting with an unknown one
     * drops that word ("Seen Richie Kerluke, MD"). Returns the index to continue from, or -1 when the rule does not
     * apply.
     */
    private int describedOrCredentialed(ProseTokens tokens, int i, List<Finding> out) {
        if (!tokens.isCapitalized(i) || NameLexicon.isNeverAName(tokens, i)) {
            return -1;
        }
        Name reversed = Name.lastCommaFirst(tokens, i);
        if (reversed != null && birthDateFollows(tokens, reversed.end)) {
            out.add(reversed.finding(tokens, DESCRIBED, name()));
            return reversed.end;
        }
        if (!tokens.isTitleCase(i)) {
            return -1;
        }
        Name name = Name.parse(tokens, i, false, false);
        if (name == null || tokens.isPossessive(name.lastWord)) {
            return -1;
        }
        double score;
        if (birthDateFollows(tokens, name.end) || describedByAge(tokens, name.end)) {
            score = DESCRIBED;
        } else if (credentialFollows(tokens, name)) {
            score = CREDENTIALED;
        } else {
            return -1;
        }
        if (name.words > 2 && !NameLexicon.isKnownName(tokens, i)) {
            return i + 1;
        }
        out.add(name.finding(tokens, score, name()));
        return name.end;
    }

    /** "(DOB 4/17/63)", ", DOB: ...", " D.O.B." or ", born ..." at {@code e}: a birth date belongs to a person. */
    private static boolean birthDateFollows(ProseTokens tokens, int e) {
        int k = tokens.isMarkIn(e, "(,;[") ? e + 1 : e;
        if (tokens.lineBreakBefore(k)) {
            return false;
        }
        return tokens.is(k, "dob") || tokens.is(k, "born")
                || tokens.is(k, "d") && tokens.isMark(k + 1, '.') && tokens.is(k + 2, "o")
                || tokens.is(k, "date") && tokens.is(k + 1, "of") && tokens.is(k + 2, "birth");
    }

    /** "is a 94 year old", "is an 80-year-old", "is a 46 y/o" at {@code e}. */
    private static boolean describedByAge(ProseTokens tokens, int e) {
        return tokens.is(e, "is") && (tokens.is(e + 1, "a") || tokens.is(e + 1, "an"))
                && tokens.isNumber(e + 2) && tokens.digits(e + 2) <= 3 && AgeUnits.unitEnd(tokens, e + 3) > 0;
    }

    /**
     * ", MD", ", PA-C", ", M.D." right after the name. A credential that is also a state abbreviation does not count
     * after a place: a listed city, a ZIP after it, or a word such as Spring, Park or City ("Silver Spring, MD").
     */
    private static boolean credentialFollows(ProseTokens tokens, Name name) {
        int k = name.end + 1;
        if (!tokens.isMark(name.end, ',') || !tokens.isWord(k) || tokens.isLowerCase(k)
                || tokens.lineBreakBefore(k)) {
            return false;
        }
        if (tokens.is(k, "m") && tokens.isMark(k + 1, '.') && tokens.is(k + 2, "d")) {
            return true;
        }
        String credential = tokens.lower(k);
        if (!CREDENTIALS.contains(credential)) {
            return false;
        }
        if (!STATE_LIKE_CREDENTIALS.contains(credential)) {
            return true;
        }
        if (UsPlaces.zipAfterStateEnd(tokens, k + 1) > 0 || UsPlaces.cityEnd(tokens, name.first) > 0) {
            return false;
        }
        for (int w = name.first; w <= name.lastWord; w++) {
            String word = tokens.lower(w);
            if (StreetVocabulary.isStrongSuffix(word) || StreetVocabulary.isLandmarkSuffix(word)
                    || NameLexicon.isOrganizationWord(word)) {
                return false;
            }
        }
        return true;
    }

    private int afterLabel(ProseTokens tokens, Label label, List<Finding> out) {
        int p = label.next;
        int title = titleLength(tokens, p);
        if (title == 0) {
            Name reversed = Name.lastCommaFirst(tokens, p);
            if (reversed != null) {
                out.add(reversed.finding(tokens, LABELED, name()));
                return reversed.end;
            }
        }
        Name name = Name.parse(tokens, p + title, true, label.kind == LabelKind.NAME_ONLY);
        if (name == null) {
            return -1;
        }
        double score;
        if (title > 0) {
            score = TITLED;
        } else if (label.kind == LabelKind.NAME_ONLY || name.known || name.evident) {
            score = LABELED;
        } else {
            score = LABELED_UNKNOWN;
        }
        if (label.kind == LabelKind.BARE && title == 0 && !name.evident) {
            return -1;
        }
        out.add(name.finding(tokens, score, name()));
        return name.end;
    }

    private int lexiconMatch(ProseTokens tokens, int i, List<Finding> out) {
        if (!tokens.isTitleCase(i)) {
            return i + 1;
        }
        if (NameLexicon.isNeverAName(tokens, i) || !NameLexicon.isKnownName(tokens, i)) {
            return i + 1;
        }
        boolean commonWord = NameLexicon.isCommonWord(tokens, i);
        if (NameLexicon.isFirstName(tokens, i) && !tokens.isPossessive(i)) {
            Name name = Name.parse(tokens, i, false, false);
            if (name != null && name.words >= 2) {
                if (namesSomethingElse(tokens, name.lastWord) || namesAPlace(tokens, i, name.lastWord)) {
                    return name.end;
                }
                if (!commonWord || NameLexicon.isSurname(tokens, name.lastWord)) {
                    out.add(name.finding(tokens, FIRST_AND_LAST, name()));
                    return name.end;
                }
            }
        }
        if (!commonWord && !tokens.startsSentence(i) && !namesSomethingElse(tokens, i)) {
            out.add(new Finding(PiiType.PERSON, tokens.start(i), tokens.endWithoutPossessive(i), LONE_NAME, name()));
        }
        return i + 1;
    }

    /**
     * The name ending at token {@code last} is part of something else: an eponym ("Parkinson's disease",
     * "Crohn's" alone) or the name of an organization or street ("Austin Regional Clinic", "Jackson Street").
     */
    private static boolean namesSomethingElse(ProseTokens tokens, int last) {
        if (tokens.isPossessive(last) && NameLexicon.isEponym(tokens.stem(last))) {
            return true;
        }
        int next = last + 1;
        if (!tokens.isWord(next)) {
            return false;
        }
        String word = tokens.lower(next);
        if (NameLexicon.isEponymNoun(word)) {
            return true;
        }
        return tokens.isCapitalized(next)
                && (NameLexicon.isOrganizationWord(word) || StreetVocabulary.isStrongSuffix(word));
    }

    /** "Virginia Beach", "Austin Texas", "Charlotte NC": a given name opening a city's name or before a state. */
    private static boolean namesAPlace(ProseTokens tokens, int first, int last) {
        return UsPlaces.cityEnd(tokens, first) > first + 1 || UsPlaces.stateEnd(tokens, last) > 0;
    }

    /** How many tokens the title at {@code i} takes with its period, or 0. */
    private static int titleLength(ProseTokens tokens, int i) {
        if (!tokens.isWord(i) || tokens.length(i) > 9) {
            return 0;
        }
        int roles = roles(tokens, i);
        boolean title = (roles & R_TITLE) != 0 || (roles & R_CAPITALIZED_TITLE) != 0 && tokens.isCapitalized(i);
        if (!title || tokens.lower(i).equals("dr") && endsStreetName(tokens, i)) {
            return 0;
        }
        return tokens.isMark(i + 1, '.') && tokens.touchesPrevious(i + 1) ? 2 : 1;
    }

    /** "Dr" after a house number and capitalized words is Drive: "120 Oak Dr. Smith called". */
    private static boolean endsStreetName(ProseTokens tokens, int i) {
        int k = i - 1;
        while (k >= 0 && i - k <= 4 && tokens.isCapitalized(k)) {
            k--;
        }
        return k < i - 1 && tokens.isNumber(k);
    }

    /**
     * The label at {@code i}, if any: "Patient:", "Name:", "seen by", "my name is", a greeting ("Dear", "Hi") or a
     * sign-off ("Sincerely,", "Best regards,", "Thank you,") whose name may be on the next line.
     */
    private static Label labelAt(ProseTokens tokens, int i) {
        if (isSignatureDelimiter(tokens, i)) {
            return new Label(i + 2, LabelKind.OTHER);
        }
        if (!tokens.isWord(i) || tokens.length(i) > 11) {
            return null;
        }
        int roles = roles(tokens, i);
        if (roles == 0) {
            return null;
        }
        String word = tokens.lower(i);
        if (word.equals("name")) {
            if (tokens.isMark(i + 1, ':') || tokens.is(i + 1, "is")) {
                return new Label(i + 2, LabelKind.NAME_ONLY);
            }
            return null;
        }
        if ((roles & R_COLON_LABEL) != 0 && tokens.isMark(i + 1, ':')) {
            return new Label(i + 2, LabelKind.OTHER);
        }
        if ((roles & R_PHRASE_HEAD) != 0) {
            boolean joined = tokens.is(i + 1, "by") || tokens.is(i + 1, "with") || tokens.is(i + 1, "to")
                    || tokens.is(i + 1, "is");
            if (joined && PHRASE_LABELS.contains(word + " " + tokens.lower(i + 1))) {
                int next = tokens.isMark(i + 2, ':') ? i + 3 : i + 2;
                return new Label(next, LabelKind.OTHER);
            }
        }
        if ((roles & R_GREETING) != 0) {
            return new Label(afterSelfIntroduction(tokens, tokens.isMark(i + 1, ',') ? i + 2 : i + 1),
                    LabelKind.OTHER);
        }
        if ((roles & R_SIGN_OFF) != 0 && tokens.isMark(i + 1, ',')) {
            return new Label(i + 2, LabelKind.OTHER);
        }
        if (word.equals("thank") && tokens.is(i + 1, "you") && tokens.isMark(i + 2, ',')) {
            return new Label(i + 3, LabelKind.OTHER);
        }
        if ((roles & R_RELATION) != 0) {
            return new Label(i + 1, LabelKind.OTHER);
        }
        if ((roles & R_BARE_LABEL) != 0 && !tokens.isMark(i + 1, ':')) {
            return new Label(i + 1, LabelKind.BARE);
        }
        return null;
    }

    /** "--" alone on a line opens an e-mail signature: the next line starts with the writer's name. */
    private static boolean isSignatureDelimiter(ProseTokens tokens, int i) {
        return tokens.isMark(i, '-') && tokens.isMark(i + 1, '-') && tokens.touchesPrevious(i + 1)
                && (i == 0 || tokens.lineBreakBefore(i)) && tokens.lineBreakBefore(i + 2);
    }

    /** Past "this is", "it's", "I'm" or "I am" after a greeting: "hey this is Porter", "hi its Eufemia". */
    private static int afterSelfIntroduction(ProseTokens tokens, int p) {
        if (tokens.is(p, "this") && tokens.is(p + 1, "is") || tokens.is(p, "i") && tokens.is(p + 1, "am")) {
            return p + 2;
        }
        boolean contracted = tokens.is(p, "it's") || tokens.is(p, "its") || tokens.is(p, "i'm") || tokens.is(p, "im")
                || tokens.is(p, "it\u2019s") || tokens.is(p, "i\u2019m");
        return contracted ? p + 1 : p;
    }

    /** A label's end and what it may introduce. */
    private record Label(int next, LabelKind kind) {}

    private enum LabelKind {
        /** "Name:", "my name is": nothing but a name follows, so any capitalized words (or known lower-case names). */
        NAME_ONLY,
        /** "Patient:", "seen by", "Dear": usually a name, but "Provider: Kaiser Permanente" happens. */
        OTHER,
        /**
         * "Pt", "member" with no colon: a name only if it shows itself as one ("Pt Zenobia O. Schowalter", "member
         * Reynolds, Jamie", "patient John Smith"), not "Patient Education Materials".
         */
        BARE
    }

    /**
     * A run of name parts: capitalized words and initials, at most {@link #MAX_PARTS}, not across a line break and
     * ending on a word, with a generational suffix ("Jr.", "III") kept.
     *
     * @param first the first token
     * @param lastWord the last full word
     * @param end the token after the name, suffix included
     * @param words how many full words
     * @param known whether any word is a listed given name or surname
     * @param evident whether the words show themselves as a name: a listed name that is not also a common word,
     *     an initial between names ("Zed Q. Zorblat"), or the "Last, First" shape
     * @param suffixed whether a suffix follows the last word
     */
    private record Name(int first, int lastWord, int end, int words, boolean known, boolean evident,
            boolean suffixed) {

        /**
         * The name starting at {@code p}. After a cue ({@code cued}) words in capitals count ("SMITH, JOHN"), and
         * after a label that can only introduce a name ({@code lenient}) so do known names in lower case
         * ("my name is john smith"); otherwise words must be title case. A name does not mix title case and capitals:
         * "John Smith DOB" stops before "DOB".
         */
        static Name parse(ProseTokens tokens, int p, boolean cued, boolean lenient) {
            int k = p;
            int parts = 0;
            int words = 0;
            int lastWord = -1;
            boolean known = false;
            boolean distinctive = false;
            int firstInitial = -1;
            Shape shape = null;
            while (parts < MAX_PARTS && tokens.exists(k)) {
                if (k > p && tokens.lineBreakBefore(k)) {
                    break;
                }
                int initial = initialLength(tokens, k);
                if (initial > 0) {
                    firstInitial = firstInitial < 0 ? k : firstInitial;
                    k += initial;
                    parts++;
                    continue;
                }
                Shape wordShape = namePartShape(tokens, k, cued, lenient);
                if (wordShape == null || shape != null && wordShape != shape) {
                    break;
                }
                shape = wordShape;
                boolean listed = NameLexicon.isKnownName(tokens, k);
                known |= listed;
                distinctive |= listed && !NameLexicon.isCommonWord(tokens, k);
                words++;
                parts++;
                lastWord = k;
                k++;
                if (tokens.isPossessive(lastWord)) {
                    break;
                }
            }
            if (words == 0) {
                return null;
            }
            int end = lastWord + 1;
            boolean suffixed = false;
            if (!tokens.isPossessive(lastWord) && !tokens.lineBreakBefore(end)) {
                if (tokens.isWord(end) && SUFFIXES.contains(tokens.lower(end)) && tokens.isCapitalized(end)) {
                    end += tokens.isMark(end + 1, '.') && tokens.touchesPrevious(end + 1) ? 2 : 1;
                    suffixed = true;
                } else if (tokens.isWord(end) && ROMAN_SUFFIXES.contains(tokens.text(end))) {
                    end++;
                    suffixed = true;
                }
            }
            boolean initialed = firstInitial >= 0 && firstInitial < lastWord;
            return new Name(p, lastWord, end, words, known, distinctive || initialed, suffixed);
        }

        /** "Smith, John" or "Smith, John Q." right after a label. */
        static Name lastCommaFirst(ProseTokens tokens, int p) {
            Shape last = namePartShape(tokens, p, true, false);
            if (last == null || tokens.isPossessive(p) || !tokens.isMark(p + 1, ',')) {
                return null;
            }
            if (tokens.lineBreakBefore(p + 2)) {
                return null;
            }
            Name given = parse(tokens, p + 2, true, false);
            if (given == null || given.words > 2 || namePartShape(tokens, p + 2, true, false) != last) {
                return null;
            }
            boolean known = given.known || NameLexicon.isKnownName(tokens, p);
            return new Name(p, given.lastWord, given.end, given.words + 1, known, true, given.suffixed);
        }

        Finding finding(ProseTokens tokens, double score, String detector) {
            int endChar = suffixed ? tokens.end(end - 1) : tokens.endWithoutPossessive(lastWord);
            return new Finding(PiiType.PERSON, tokens.start(first), endChar, score, detector);
        }
    }

    private enum Shape { TITLE_CASE, CAPITALS, LOWER_CASE }

    /** The shape of token {@code k} if it can be part of a name, else null. */
    private static Shape namePartShape(ProseTokens tokens, int k, boolean cued, boolean lenient) {
        if (!tokens.isWord(k) || tokens.length(k) < 2) {
            return null;
        }
        if (NameLexicon.isNeverAName(tokens, k)) {
            return null;
        }
        if (tokens.isTitleCase(k)) {
            return Shape.TITLE_CASE;
        }
        if (cued && tokens.isUpperCase(k)) {
            return Shape.CAPITALS;
        }
        if (lenient && tokens.isLowerCase(k) && NameLexicon.isKnownName(tokens, k)) {
            return Shape.LOWER_CASE;
        }
        return null;
    }

    /** A middle or first initial: "Q." or "Q" (but not "I" or "A" without a period, which are words). */
    private static int initialLength(ProseTokens tokens, int k) {
        if (!tokens.isWord(k) || tokens.length(k) != 1 || !tokens.isUpperCase(k)) {
            return 0;
        }
        boolean period = tokens.isMark(k + 1, '.') && tokens.touchesPrevious(k + 1);
        if (period) {
            return 2;
        }
        return tokens.is(k, "i") || tokens.is(k, "a") ? 0 : 1;
    }
}
