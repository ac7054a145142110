package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingNumberDetectorTest {

    private final RoutingNumberDetector detector = new RoutingNumberDetector();

    @ParameterizedTest
    @ValueSource(strings = {"Routing: ", "routing number ", "ABA ", "ABA#", "RTN: ", "transit no. ",
        "Routing (ACH) number: "})
    void cuedRoutingNumberIsConfident(String cue) {
        assertThat(scoreOf(detector, cue + "021000021", "021000021")).isEqualTo(RoutingNumberDetector.CUED);
    }

    @Test
    void uncuedRoutingNumberIsWeak() {
        assertThat(scoreOf(detector, "wire to 026009593 today", "026009593")).isEqualTo(RoutingNumberDetector.UNCUED);
        assertThat(RoutingNumberDetector.UNCUED).isLessThan(0.5);
    }

    @Test
    void cueMustBeWithinTheWindow() {
        assertThat(scoreOf(detector, "routing details are below; see the statement line 011000015", "011000015"))
                .isEqualTo(RoutingNumberDetector.UNCUED);
    }

    @Test
    void exactSpan() {
        var finding = Detections.single(detector, "ABA 021000021.", "021000021");
        assertThat(finding.start()).isEqualTo(4);
        assertThat(finding.end()).isEqualTo(13);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "routing 021000022", // wrong check digit
        "routing 123456789",
        "routing 501000017", // the check holds but 50 is no Federal Reserve routing symbol
        "routing 0210000210", "routing 02100002", "routing 1021000021", "routing A021000021", "routing 021000021B",
        "routing 021-000-021", "routing 021000021-5"})
    void invalidOrEmbeddedNumbersAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void routingSymbolRanges() {
        assertThat(RoutingNumberDetector.routingSymbol("00")).isTrue();
        assertThat(RoutingNumberDetector.routingSymbol("12")).isTrue();
        assertThat(RoutingNumberDetector.routingSymbol("13")).isFalse();
        assertThat(RoutingNumberDetector.routingSymbol("21")).isTrue();
        assertThat(RoutingNumberDetector.routingSymbol("33")).isFalse();
        assertThat(RoutingNumberDetector.routingSymbol("61")).isTrue();
        assertThat(RoutingNumberDetector.routingSymbol("73")).isFalse();
        assertThat(RoutingNumberDetector.routingSymbol("80")).isTrue();
        assertThat(RoutingNumberDetector.routingSymbol("81")).isFalse();
    }

    @Test
    void routingAndAccountNumbersSideBySide() {
        assertThat(covered(detector, "ABA 021000021 acct 1234567890")).containsExactly("021000021");
    }
}
