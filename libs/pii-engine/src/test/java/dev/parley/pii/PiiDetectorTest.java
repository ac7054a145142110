package dev.parley.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.detect.Detector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The orchestration, with detectors made for the test: levels, context, threshold, lists, overlaps. */
class PiiDetectorTest {

    /** Reports fixed candidates wherever {@code marker} occurs. */
    private record Fixed(PiiType type, String marker, double score) implements Detector {
        @Override
        public String name() {
            return "fixed-" + type;
        }

        @Override
        public Set<PiiType> types() {
            return Set.of(type);
        }

        @Override
        public void detect(String text, List<Finding> out) {
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                out.add(new Finding(type, at, at + marker.length(), score, name()));
            }
        }
    }

    @Test
    void levelsDecideWhichTypesAreReported() {
        List<Detector> detectors = List.of(new Fixed(PiiType.SSN, "S", 0.9), new Fixed(PiiType.PERSON, "P", 0.9),
                new Fixed(PiiType.AGE, "A", 0.9));
        String text = "S P A";
        assertThat(new PiiDetector(Policy.of(Sensitivity.MINIMAL), detectors).detect(text))
                .extracting(Finding::type).containsExactly(PiiType.SSN);
        assertThat(new PiiDetector(Policy.of(Sensitivity.MODERATE), detectors).detect(text))
                .extracting(Finding::type).containsExactly(PiiType.SSN, PiiType.PERSON);
        assertThat(new PiiDetector(Policy.of(Sensitivity.STRICT), detectors).detect(text))
                .extracting(Finding::type).containsExactly(PiiType.SSN, PiiType.PERSON, PiiType.AGE);
    }

    @Test
    void contextRaisesWeakCandidatesOverTheThresholdAndLowersLookAlikes() {
        List<Detector> detectors = List.of(new Fixed(PiiType.NUMBER, "48213", 0.45));
        PiiDetector detector = new PiiDetector(Policy.of(Sensitivity.STRICT), detectors);
        assertThat(detector.detect("about 48213 of them")).isEmpty();
        assertThat(detector.detect("badge number 48213")).singleElement()
                .satisfies(f -> assertThat(f.score()).isEqualTo(0.7, org.assertj.core.data.Offset.offset(1e-9)));
        PiiDetector strong = new PiiDetector(Policy.of(Sensitivity.STRICT), List.of(new Fixed(PiiType.NUMBER, "48213", 0.7)));
        assertThat(strong.detect("dose 48213 mg daily")).isEmpty();
        assertThat(strong.detect("48213 is the code. Later, 5 mg.")).hasSize(1);
    }

    @Test
    void overlapsResolveLongestThenHighestScoreThenEarliest() {
        Finding shortStrong = new Finding(PiiType.ZIP, 10, 15, 0.99, "a");
        Finding longWeak = new Finding(PiiType.ADDRESS, 0, 20, 0.6, "b");
        Finding sameLengthLower = new Finding(PiiType.PHONE, 30, 40, 0.7, "c");
        Finding sameLengthHigher = new Finding(PiiType.NUMBER, 32, 42, 0.8, "d");
        Finding apart = new Finding(PiiType.EMAIL, 50, 55, 0.9, "e");
        assertThat(PiiDetector.resolveOverlaps(List.of(shortStrong, sameLengthLower, apart, longWeak, sameLengthHigher)))
                .containsExactly(longWeak, sameLengthHigher, apart);
        // the same input in any order gives the same answer
        assertThat(PiiDetector.resolveOverlaps(List.of(sameLengthHigher, longWeak, apart, shortStrong, sameLengthLower)))
                .containsExactly(longWeak, sameLengthHigher, apart);
    }

    @Test
    void allowListSilencesAndDenyListAlwaysReports() {
        List<Detector> detectors = List.of(new Fixed(PiiType.ACCOUNT_NUMBER, "C4", 0.9));
        Policy policy = new Policy(Sensitivity.MODERATE, Set.of("c4"), Set.of("Project Falcon"), 0.5);
        List<Finding> findings = new PiiDetector(policy, detectors).detect("C4 notes on project falcon; falconry");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(PiiType.CUSTOM);
            assertThat(f.start()).isEqualTo(12);
            assertThat(f.end()).isEqualTo(26);
        });
    }

    @Test
    void denyListSpansFitTheTextEvenWhenLowerCasingWouldLengthenIt() {
        Policy policy = new Policy(Sensitivity.MODERATE, Set.of(), Set.of("secret"), 0.5);
        String text = "\u0130\u0130\u0130 Secret"; // "İ" lower-cases to two chars
        assertThat(new PiiDetector(policy, List.of()).detect(text)).singleElement()
                .satisfies(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo("Secret"));
    }

    @Test
    void contextCuesAreWholeWords() {
        PiiDetector strict = new PiiDetector(Policy.of(Sensitivity.STRICT), List.of(new Fixed(PiiType.NUMBER, "48213", 0.7)));
        assertThat(strict.detect("img 48213")).hasSize(1);
        assertThat(strict.detect("5 mg 48213 mg")).isEmpty();
        PiiDetector phones = new PiiDetector(Policy.defaults(), List.of(new Fixed(PiiType.PHONE, "555-0134", 0.7)));
        assertThat(phones.detect("call 555-0134 at the border")).hasSize(1);
        assertThat(phones.detect("order 555-0134")).isEmpty();
    }

    @Test
    void aScanLeavesNoTextBehindOnItsThread() throws Exception {
        String text = new String("Patient: Maria Gonzalez, DOB 03/14/1962");
        new PiiDetector(Policy.defaults()).detect(text);
        java.lang.ref.WeakReference<String> scanned = new java.lang.ref.WeakReference<>(text);
        text = null;
        for (int i = 0; i < 50 && scanned.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(scanned.get()).as("the scanned text is collectable once the scan is over").isNull();
    }

    @Test
    void emptyAndNullTextsHaveNoFindings() {
        PiiDetector detector = new PiiDetector(Policy.defaults());
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
    }
}
