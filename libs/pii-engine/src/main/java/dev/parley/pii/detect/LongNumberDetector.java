package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * The strict level's catch-all: any run of five or more digits is a possible identifier that no other detector
 * recognised (a claim, accession or case number). Only reported at STRICT, where a false positive costs less than
 * a leak.
 */
public final class LongNumberDetector implements Detector {

    static final double SCORE = 0.6;

    private static final int MIN_DIGITS = 5;

    @Override
    public String name() {
        return "long-number";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.NUMBER);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        for (int number : tokens.numbers()) {
            if (tokens.length(number) >= MIN_DIGITS) {
                out.add(new Finding(PiiType.NUMBER, tokens.start(number), tokens.end(number), SCORE, name()));
            }
        }
    }
}
