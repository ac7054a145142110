package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * National Provider Identifiers: ten digits starting with 1 or 2 whose last digit is the Luhn check of
 * {@code 80840} followed by the first nine. An NPI identifies a provider, not a patient, but it is on the HIPAA
 * list and in a note it narrows down who treated whom. A number whose nearest label names something else (a claim,
 * a phone) is only a weak candidate.
 */
public final class NpiDetector implements Detector {

    static final double UNCUED = 0.8;
    static final double CUED = 0.95;
    /** The nearest label names something else ("Clm #", "call"): one ten-digit number in ten passes the check. */
    static final double LABELED_OTHERWISE = 0.45;

    private static final int CUE_WINDOW = 30;
    private static final List<String> CUES = List.of("npi", "national provider");
    private static final List<String> OTHER_CUES = List.of(
            "claim", "clm", "order", "invoice", "ref", "reference", "tracking", "confirmation", "case", "ticket",
            "account", "acct", "member", "policy", "mrn", "phone", "tel", "cell", "mobile", "call", "fax", "text");

    @Override
    public String name() {
        return "npi";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.NPI);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        for (int number : tokens.numbers()) {
            if (tokens.length(number) != 10) {
                continue;
            }
            int i = tokens.start(number);
            char first = text.charAt(i);
            if ((first != '1' && first != '2') || !TextScan.numberStartsAt(text, i)
                    || !TextScan.numberEndsAt(text, i + 10)) {
                continue;
            }
            if (Checksums.npi(text, i)) {
                double score = TextScan.otherLabelNearer(text, i, CUE_WINDOW, CUES, OTHER_CUES) ? LABELED_OTHERWISE
                        : TextScan.cueBefore(text, i, CUE_WINDOW, CUES) ? CUED : UNCUED;
                out.add(new Finding(PiiType.NPI, i, i + 10, score, name()));
            }
        }
    }
}
