package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {

    private final EmailDetector detector = new EmailDetector();

    @Test
    void addressHasExactSpanWithoutSurroundingPunctuation() {
        var finding = single(detector, "Write to <jane.doe@example.org>.", "jane.doe@example.org");
        assertThat(finding.type()).isEqualTo(PiiType.EMAIL);
        assertThat(finding.start()).isEqualTo(10);
        assertThat(finding.end()).isEqualTo(30);
        assertThat(finding.score()).isEqualTo(EmailDetector.SCORE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"john.smith@gmail.com", "j_smith+billing@mail.clinic-health.co.uk", "a%b@x.io",
        "JSMITH1975@Comcast.NET", "o-neil@sub.domain.example.health", "x@y.zz"})
    void commonAddressShapes(String address) {
        single(detector, "email: " + address + ", thanks", address);
    }

    @Test
    void sentencePunctuationAndMailtoAreLeftOut() {
        assertThat(covered(detector, "mailto:anna@example.com; or (bob@example.com). Or carl@example.com."))
                .containsExactly("anna@example.com", "bob@example.com", "carl@example.com");
        assertThat(covered(detector, "...dave@example.com-")).containsExactly("dave@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@example.com", "john@", "john@localhost", "john@example", "john@example.c",
        "john@example.123", "john@-example.com", "john@example-.com", "john@exa..mple.com", "john.@example.com",
        "icon@2x.png", "logo@3x.jpeg", "a@@b.com", "@@@...", "user@example.com_x", "élise@example.com"})
    void invalidAddressesAndLookAlikesAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void leadingDotsOfTheLocalPartAreNotPartOfTheAddress() {
        assertThat(covered(detector, "see ..john@example.com")).containsExactly("john@example.com");
    }

    @Test
    void localPartLongerThan64IsRejected() {
        String local = "a".repeat(65);
        assertThat(run(detector, local + "@example.com")).isEmpty();
        assertThat(covered(detector, "a".repeat(64) + "@example.com")).hasSize(1);
    }

    @Test
    void severalAddressesBackToBack() {
        assertThat(covered(detector, "a@x.com,b@y.org;c@z.net")).containsExactly("a@x.com", "b@y.org", "c@z.net");
    }
}
