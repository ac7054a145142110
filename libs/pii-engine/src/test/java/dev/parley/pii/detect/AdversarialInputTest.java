package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.pii.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format detector against inputs built to make a backtracking or quadratic scanner hang: long runs of the
 * characters each detector keys on, and near-misses repeated many times. The timeout is a hang guard, not a
 * performance assertion; a linear scan finishes each of these in milliseconds.
 */
class AdversarialInputTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    static Stream<Arguments> inputs() {
        List<Arguments> inputs = new ArrayList<>();
        inputs.add(Arguments.of("1,000,000 digits", "1".repeat(1_000_000)));
        inputs.add(Arguments.of("1-1-1-1-... 200k", "1-".repeat(200_000)));
        inputs.add(Arguments.of("1 1 1 1 ... 200k", "1 ".repeat(200_000)));
        inputs.add(Arguments.of("1.1.1.1... 200k", "1.".repeat(200_000)));
        inputs.add(Arguments.of("1 MB of @ and .", "@.".repeat(500_000)));
        inputs.add(Arguments.of("a@ 200k", "a@".repeat(200_000)));
        inputs.add(Arguments.of("a.a.a@ 100k", "a.a.a@".repeat(100_000)));
        inputs.add(Arguments.of("a@b.c 100k", "a@b.c".repeat(100_000)));
        inputs.add(Arguments.of("1 MB of dots then @", ".".repeat(1_000_000) + "@" + "a.".repeat(1000)));
        inputs.add(Arguments.of(":: 200k", "::".repeat(200_000)));
        inputs.add(Arguments.of("1: 200k", "1:".repeat(200_000)));
        inputs.add(Arguments.of("ffff: 100k", "ffff:".repeat(100_000)));
        inputs.add(Arguments.of("hex letters 1 MB", "abcdef".repeat(170_000)));
        inputs.add(Arguments.of("+1 ( 200k", "+1 (".repeat(200_000)));
        inputs.add(Arguments.of("+1 (0) 100k", "+1 (0) ".repeat(100_000)));
        inputs.add(Arguments.of("(555) 100k", "(555) ".repeat(100_000)));
        inputs.add(Arguments.of("555-123- 100k", "555-123-".repeat(100_000)));
        inputs.add(Arguments.of("4111 1111 100k", "4111 ".repeat(200_000)));
        inputs.add(Arguments.of("http:// 100k", "http://".repeat(100_000)));
        inputs.add(Arguments.of("www. 200k", "www.".repeat(200_000)));
        inputs.add(Arguments.of("h w f 300k", "h w f ".repeat(100_000)));
        inputs.add(Arguments.of("closing parens", "http://a.b/" + ")".repeat(500_000)));
        inputs.add(Arguments.of("MRN 100k", "MRN ".repeat(100_000)));
        inputs.add(Arguments.of("MRN: # no 100k", "MRN: # no ".repeat(50_000)));
        inputs.add(Arguments.of("account number is 50k", "account number is ".repeat(50_000)));
        inputs.add(Arguments.of("alnum 1 MB", "A1".repeat(500_000)));
        inputs.add(Arguments.of("member ID 100k", "member ID ".repeat(100_000)));
        inputs.add(Arguments.of("F: T: 100k", "F: T: ".repeat(100_000)));
        inputs.add(Arguments.of("DE89 groups", "DE89" + " 3704".repeat(200_000)));
        inputs.add(Arguments.of("DE89 tokens", "DE89 ".repeat(200_000)));
        inputs.add(Arguments.of("SSN 123 100k", "SSN 123-".repeat(100_000)));
        inputs.add(Arguments.of("CA 12345 100k", "CA 12345-".repeat(100_000)));
        inputs.add(Arguments.of("1EG4- 100k", "1EG4-".repeat(100_000)));
        inputs.add(Arguments.of("spaces 1 MB", " ".repeat(1_000_000)));
        inputs.add(Arguments.of("valid values 20k", "SSN 123-45-6789, call +1 555 123 4567, a@b.com ".repeat(20_000)));
        List<Arguments> all = new ArrayList<>();
        for (Detector detector : FormatDetectors.all()) {
            for (Arguments input : inputs) {
                all.add(Arguments.of(detector.name() + ": " + input.get()[0], detector, input.get()[1]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void finishesWithValidFindings(String description, Detector detector, String text) {
        List<Finding> out = new ArrayList<>();
        assertTimeoutPreemptively(HANG_GUARD, () -> detector.detect(text, out), description);
        assertThat(out).allSatisfy(f -> {
            assertThat(f.end()).isLessThanOrEqualTo(text.length());
            assertThat(detector.types()).contains(f.type());
        });
    }
}
