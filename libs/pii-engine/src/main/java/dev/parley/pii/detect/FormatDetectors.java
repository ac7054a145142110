package dev.parley.pii.detect;

import java.util.List;

/**
 * Detectors of identifiers with a checksum or a fixed format (SSN, payment cards, IBAN, routing numbers, NPI, DEA,
 * VIN, Medicare MBI, email, URL, IP addresses, phone and fax numbers, ZIP codes) and of label-cued ids (MRN,
 * health plan, account, licence and certificate numbers), and the strict-level catch-all for long numbers.
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
