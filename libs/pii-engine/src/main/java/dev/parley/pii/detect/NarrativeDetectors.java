package dev.parley.pii.detect;

import java.util.List;

/**
 * Detectors of identifiers written as prose: person names, street addresses, dates, ages over 89, locations. They
 * share {@link ProseTokens}, a one-pass tokenizer, and match token patterns with bounded look-ahead, so each runs in
 * time linear in the text's length.
 */
public final class NarrativeDetectors {

    private static final List<Detector> ALL = List.of(
            new PersonNameDetector(),
            new AddressDetector(),
            new DateDetector(),
            new AgeDetector(),
            new LocationDetector());

    private NarrativeDetectors() {}

    /**
     * Ends one scan: the narrative and format detectors share one tokenization of a text per thread while it is
     * scanned; this lets go of it (and of the text) when the scan is done.
     */
    public static void scanDone() {
        ProseTokens.forget();
    }

    public static List<Detector> all() {
        return ALL;
    }
}
