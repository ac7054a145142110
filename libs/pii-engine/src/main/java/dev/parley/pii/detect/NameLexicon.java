package dev.parley.pii.detect;

import java.util.List;
import java.util.Set;

/**
 * What the person-name detector knows about words: common US given names and surnames, names that are also
 * ordinary words, words that are never names in clinical text, eponyms of diseases, and the shapes of drug names.
 * All lookups take a lower-case word.
 */
final class NameLexicon {

    private static final Lexicon FIRST_NAMES = Lexicon.load("first-names.txt");
    private static final Lexicon SURNAMES = Lexicon.load("last-names.txt");
    private static final Lexicon COMMON_WORD_NAMES = Lexicon.load("common-word-names.txt");
    private static final Lexicon NOT_NAMES = Lexicon.load("not-name-words.txt");
    private static final Lexicon EPONYMS = Lexicon.load("medical-eponyms.txt");

    /** Nouns that turn a preceding name into an eponym: "Parkinson's disease", "Bell palsy", "Apgar score". */
    private static final Set<String> EPONYM_NOUNS = Set.of(
            "disease", "diseases", "syndrome", "disorder", "palsy", "sign", "signs", "test", "maneuver", "manoeuvre",
            "procedure", "lymphoma", "sarcoma", "phenomenon", "reflex", "criteria", "scale", "score", "classification",
            "fracture", "cyst", "ulcer", "node", "nodes", "triad", "reaction", "tumor", "tumour", "dementia",
            "chorea", "neuroma", "operation", "law", "body", "bodies", "cell", "cells", "contracture", "thyroiditis",
            "encephalopathy", "ataxia", "angina", "aneurysm", "hernia", "arthritis", "dystrophy", "effect", "index",
            "method", "type", "protein", "proteins", "point", "incision", "position");

    /**
     * Words that, right after a capitalized word or two, show the phrase names an organization or a place rather
     * than a person: "Austin Regional Clinic", "Grace Hospital", "Martin Luther King Boulevard".
     */
    private static final Set<String> ORGANIZATION_WORDS = Set.of(
            "hospital", "hospitals", "clinic", "clinics", "center", "centre", "medical", "health", "healthcare",
            "university", "college", "school", "institute", "foundation", "pharmacy", "memorial", "regional",
            "general", "community", "county", "city", "group", "associates", "inc", "llc", "corp", "company",
            "church", "library", "museum", "bank", "building", "tower", "hospice", "infirmary", "home", "house",
            "park", "lake", "river", "valley", "mountain", "street", "avenue", "road", "boulevard", "blvd", "drive",
            "lane", "highway", "parkway", "elementary", "high", "middle", "academy", "laboratories", "labs");

    /** Endings of generic drug names: ACE inhibitors, beta blockers, statins, antibiotics, biologics... */
    private static final List<String> DRUG_ENDINGS = List.of(
            "pril", "olol", "alol", "statin", "formin", "gliptin", "gliflozin", "glutide", "azole", "mycin",
            "micin", "cillin", "cycline", "floxacin", "sartan", "dipine", "prazole", "tidine", "oxetine",
            "afil", "umab", "ximab", "zumab", "tinib", "navir", "ciclovir", "clovir", "parin", "barbital",
            "azepam", "azolam", "codone", "morphone", "caine", "triptan", "setron", "lukast", "sone", "olone",
            "semide", "thiazide", "dronate", "vastatin", "platin", "taxel", "rubicin", "profen", "oxacin",
            "triptyline", "pramine", "peridol", "apine", "idone", "zodone", "vudine", "lamide", "dazole",
            "thromycin", "conazole", "fungin", "tadine", "xaban", "gatran", "grel", "insulin");

    /** Drug names that no ending above catches but that appear capitalized in notes all the time. */
    private static final Set<String> DRUGS = Set.of(
            "metformin", "lisinopril", "aspirin", "tylenol", "advil", "motrin", "ibuprofen", "acetaminophen",
            "warfarin", "coumadin", "eliquis", "xarelto", "lasix", "zoloft", "prozac", "xanax", "ativan", "valium",
            "levothyroxine", "synthroid", "gabapentin", "neurontin", "lipitor", "crestor", "zocor", "plavix",
            "nexium", "prilosec", "protonix", "humira", "ozempic", "trulicity", "jardiance", "januvia", "lantus",
            "humalog", "novolog", "albuterol", "ventolin", "prednisone", "amoxicillin", "augmentin", "keflex",
            "cipro", "bactrim", "tramadol", "oxycodone", "percocet", "vicodin", "norco", "naloxone", "narcan",
            "digoxin", "amiodarone", "heparin", "lovenox", "morphine", "fentanyl", "dilaudid", "zofran",
            "benadryl", "claritin", "zyrtec", "flonase", "singulair", "lexapro", "wellbutrin", "seroquel",
            "abilify", "risperdal", "lithium", "depakote", "keppra", "lamictal", "topamax", "sertraline",
            "fluoxetine", "citalopram", "escitalopram", "trazodone", "buspirone", "clonazepam", "lorazepam",
            "alprazolam", "diazepam", "hydrochlorothiazide", "spironolactone", "furosemide", "carvedilol",
            "metoprolol", "atenolol", "amlodipine", "losartan", "valsartan", "clopidogrel", "apixaban",
            "rivaroxaban", "dabigatran", "insulin", "glipizide", "glyburide", "pioglitazone", "sitagliptin",
            "empagliflozin", "dapagliflozin", "semaglutide", "liraglutide", "dulaglutide", "tirzepatide");

    private static final int COMPUTED = 1;
    private static final int NEVER = 2;
    private static final int FIRST = 4;
    private static final int SURNAME = 8;
    private static final int COMMON = 16;

    private NameLexicon() {}

    /** The lookups below for the stem of token {@code i}, computed once per token and cached in {@code tokens}. */
    private static int flags(ProseTokens tokens, int i) {
        int flags = tokens.nameFlags(i);
        if (flags != 0) {
            return flags;
        }
        String stem = tokens.stem(i);
        flags = tokens.nameFlags(stem);
        if (flags == 0) {
            flags = lookUp(stem);
            tokens.setNameFlags(stem, (byte) flags);
        }
        tokens.setNameFlags(i, (byte) flags);
        return flags;
    }

    private static int lookUp(String stem) {
        int flags = COMPUTED;
        if (isNeverAName(stem)) {
            flags |= NEVER;
        }
        if (isFirstName(stem)) {
            flags |= FIRST;
        }
        if (isSurname(stem)) {
            flags |= SURNAME;
        }
        if (isCommonWord(stem)) {
            flags |= COMMON;
        }
        return flags;
    }

    /** {@link #isNeverAName} of the stem of token {@code i}, which must exist. */
    static boolean isNeverAName(ProseTokens tokens, int i) {
        return (flags(tokens, i) & NEVER) != 0;
    }

    /** {@link #isFirstName} of the stem of token {@code i}, which must exist. */
    static boolean isFirstName(ProseTokens tokens, int i) {
        return (flags(tokens, i) & FIRST) != 0;
    }

    /** {@link #isSurname} of the stem of token {@code i}, which must exist. */
    static boolean isSurname(ProseTokens tokens, int i) {
        return (flags(tokens, i) & SURNAME) != 0;
    }

    /** {@link #isKnownName} of the stem of token {@code i}, which must exist. */
    static boolean isKnownName(ProseTokens tokens, int i) {
        return (flags(tokens, i) & (FIRST | SURNAME)) != 0;
    }

    /** {@link #isCommonWord} of the stem of token {@code i}, which must exist. */
    static boolean isCommonWord(ProseTokens tokens, int i) {
        return (flags(tokens, i) & COMMON) != 0;
    }

    static boolean isFirstName(String word) {
        return FIRST_NAMES.contains(word);
    }

    static boolean isSurname(String word) {
        return SURNAMES.contains(word);
    }

    static boolean isKnownName(String word) {
        return isFirstName(word) || isSurname(word);
    }

    /** A name that is also a common word, month or verb: Will, May, Mark, Brown, White. */
    static boolean isCommonWord(String word) {
        return COMMON_WORD_NAMES.contains(word);
    }

    /** A word never taken for a name: function words, clinical vocabulary, titles, credentials, weekdays. */
    static boolean isNeverAName(String word) {
        return NOT_NAMES.contains(word) || isDrug(word);
    }

    /** A surname that names a disease, sign or procedure. */
    static boolean isEponym(String word) {
        return EPONYMS.contains(word);
    }

    static boolean isEponymNoun(String word) {
        return EPONYM_NOUNS.contains(word);
    }

    static boolean isOrganizationWord(String word) {
        return ORGANIZATION_WORDS.contains(word);
    }

    /** A drug name, by a short list or by the ending generic names share. */
    static boolean isDrug(String word) {
        if (DRUGS.contains(word)) {
            return true;
        }
        if (word.length() < 6) {
            return false;
        }
        for (String ending : DRUG_ENDINGS) {
            if (word.endsWith(ending) && word.length() > ending.length() + 2) {
                return true;
            }
        }
        return false;
    }
}
