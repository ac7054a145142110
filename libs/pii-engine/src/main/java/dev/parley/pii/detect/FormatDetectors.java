package dev.parley.pii.detect;

import java.util.List;

/**
 * Detectors of identifiers with a checksum or a fixed format (SSN, payment cards, IBAN, routing numbers, NPI, DEA,
 * VIN, Medicare MBI, email, URL, IP addresses, phone and fax numbers, ZIP codes) and of label-cued ids (MRN,
 * health plan, account, licence and certificate numbers), and the strict-level catch-all for long numbers. Most
 * of them look only where the shared {@link ProseTokens} say a candidate can start (a run of digits, a mark, the
 * start of a word) rather than each walking every character.
 */
public final class FormatDetectors {

    private static final List<Detector> ALL = List.of(
            new SsnDetector(),
            new PaymentCardDetector(),
            new IbanDetector(),
            new RoutingNumberDetector(),
            new NpiDetector(),
            new DeaDetector(),
            new VinDetector(),
            new MbiDetector(),
            new EmailDetector(),
            new UrlDetector(),
            new IpAddressDetector(),
            new PhoneDetector(),
            new ZipCodeDetector(),
            new LabeledIdDetector(),
            new LongNumberDetector());

    private FormatDetectors() {}

    public static List<Detector> all() {
        return ALL;
    }
}
