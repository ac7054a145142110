package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentCardDetectorTest {

    private final PaymentCardDetector detector = new PaymentCardDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "4111111111111111", "4012888888881881", "4222222222222", // Visa 16 and 13
        "5555555555554444", "5105105105105100", "2221000000000009", "2720992720992729", // Mastercard 51-55, 2-series
        "378282246310005", "371449635398431", // Amex
        "6011111111111117", "6011000990139424", "6445644564456445", "6500000000000002", // Discover
        "3530111333300000", "3566002020360505", // JCB
        "30569309025904", "38520000023237", "36227206271667"}) // Diners
    void publishedTestNumbersOfEveryNetworkAreFound(String number) {
        Finding finding = single(detector, "card " + number + " on file", number);
        assertThat(finding.type()).isEqualTo(PiiType.CREDIT_CARD);
        assertThat(finding.score()).isEqualTo(PaymentCardDetector.CONTIGUOUS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "3782 822463 10005", "3782-822463-10005",
        "3056 930902 5904", "4222 222 222 222"})
    void groupedNumbersAreFoundWholeWithTheGroupedScore(String number) {
        assertThat(scoreOf(detector, "Paid with " + number + ".", number)).isEqualTo(PaymentCardDetector.GROUPED);
    }

    @Test
    void exactSpanOfAGroupedCard() {
        Finding finding = single(detector, "Visa: 4111 1111 1111 1111 exp 12/27", "4111 1111 1111 1111");
        assertThat(finding.start()).isEqualTo(6);
        assertThat(finding.end()).isEqualTo(25);
    }

    @Test
    void aCardFollowedByAnotherNumberAfterASpaceIsCutAtTheCard() {
        assertThat(covered(detector, "4111 1111 1111 1111 12/27")).containsExactly("4111 1111 1111 1111");
        assertThat(covered(detector, "4111 1111 1111 1111 1234 exp")).containsExactly("4111 1111 1111 1111");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "4111 1111 1111 1112", "5555555555554443", "378282246310006",
        "6011111111111118"})
    void luhnInvalidNumbersAreRejected(String number) {
        assertThat(run(detector, number)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1234567812345670", // Luhn-valid, no issuer starts with 1
        "9999999999999995", // Luhn-valid, no issuer
        "411111111111111", // Visa prefix at a length Visa does not issue (15)
        "37828224631000", // Amex prefix at 14 digits
        "55555555555544440", // Mastercard at 17
        "7000000000000000"})
    void luhnValidNumbersOutsideIssuerRangesOrLengthsAreRejected(String number) {
        assertThat(run(detector, number)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "A4111111111111111", "4111111111111111B", "14111111111111111", "41111111111111110000",
        "4111-1111-1111-1111-2222", // dashes glue a fifth group on
        "4111 1111-1111 1111", // mixed separators
        "4111  1111  1111  1111", // double spaces
        "4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1", // single-digit groups
        "CLM-4111111111111111", "4111111111111111.5"})
    void cardDigitsInsideSomethingElseAreNotCards(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void lookAlikesAreNotCards() {
        String note = "Claim 1234567890123, accession 20240115123456, NDC 12345-6789-01, phone 555-123-4567, "
                + "order 4471-22, tracking 9400 1000 0000 0000 0000 00";
        assertThat(run(detector, note)).isEmpty();
    }

    @Test
    void aNumberLabelledAsSomethingElseIsOnlyAWeakCandidate() {
        assertThat(scoreOf(detector, "Claim no. 4222222222222 denied", "4222222222222"))
                .isEqualTo(PaymentCardDetector.LABELED_OTHERWISE);
        assertThat(scoreOf(detector, "tracking 4111 1111 1111 1111", "4111 1111 1111 1111"))
                .isEqualTo(PaymentCardDetector.LABELED_OTHERWISE);
        // the nearest label wins: the card cue comes after the order number
        assertThat(scoreOf(detector, "order 7, card 4111111111111111", "4111111111111111"))
                .isEqualTo(PaymentCardDetector.CONTIGUOUS);
        assertThat(PaymentCardDetector.LABELED_OTHERWISE).isLessThan(0.5);
    }

    @Test
    void twoCardsInOneText() {
        assertThat(covered(detector, "old 4111-1111-1111-1111, new 5555 5555 5555 4444."))
                .containsExactly("4111-1111-1111-1111", "5555 5555 5555 4444");
    }

    @Test
    void issuerRangesHaveExactEdges() {
        assertThat(PaymentCardDetector.issued("2221000000000009")).isTrue();
        assertThat(PaymentCardDetector.issued("2220999999999999")).isFalse();
        assertThat(PaymentCardDetector.issued("2720999999999999")).isTrue();
        assertThat(PaymentCardDetector.issued("2721000000000000")).isFalse();
        assertThat(PaymentCardDetector.issued("5000000000000000")).isFalse();
        assertThat(PaymentCardDetector.issued("5600000000000000")).isFalse();
        assertThat(PaymentCardDetector.issued("6440000000000000")).isTrue();
        assertThat(PaymentCardDetector.issued("6430000000000000")).isFalse();
        assertThat(PaymentCardDetector.issued("3528000000000000")).isTrue();
        assertThat(PaymentCardDetector.issued("3527000000000000")).isFalse();
        assertThat(PaymentCardDetector.issued("3590000000000000")).isFalse();
        assertThat(PaymentCardDetector.issued("30500000000000")).isTrue();
        assertThat(PaymentCardDetector.issued("30600000000000")).isFalse();
    }
}
