package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * US bank routing (ABA) numbers: nine digits with a valid Federal Reserve routing symbol (01-12, 21-32, 61-72, 80,
 * or 00 for the government) and the 3-7-1 weighted check. One nine-digit number in ten passes the check, so a
 * number with no "routing", "ABA", "RTN" or "transit" cue before it is only a weak candidate.
 */
public final class RoutingNumberDetector implements Detector {

    static final double UNCUED = 0.4;
    static final double CUED = 0.95;

    private static final int CUE_WINDOW = 30;
    private static final List<String> CUES = List.of("routing", "aba", "rtn", "transit", "rt#", "r/t");

    @Override
    public String name() {
        return "bank-routing";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.BANK_ROUTING);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        for (int number : tokens.numbers()) {
            int i = tokens.start(number);
            if (tokens.length(number) != 9 || !TextScan.numberStartsAt(text, i)
                    || !TextScan.numberEndsAt(text, i + 9)) {
                continue;
            }
            if (routingSymbol(text, i) && Checksums.aba(text, i)) {
                boolean cued = TextScan.cueBefore(text, i, CUE_WINDOW, CUES);
                out.add(new Finding(PiiType.BANK_ROUTING, i, i + 9, cued ? CUED : UNCUED, name()));
            }
        }
    }

    /** The first two digits name a Federal Reserve district (or a thrift or electronic variant of one). */
    static boolean routingSymbol(String digits) {
        return routingSymbol(digits, 0);
    }

    private static boolean routingSymbol(String text, int from) {
        int symbol = TextScan.digitValue(text, from, from + 2);
        return symbol <= 12 || (symbol >= 21 && symbol <= 32) || (symbol >= 61 && symbol <= 72) || symbol == 80;
    }
}
