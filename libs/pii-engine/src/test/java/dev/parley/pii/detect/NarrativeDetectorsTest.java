package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.HANG_GUARD;
import static dev.parley.pii.detect.Detections.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NarrativeDetectorsTest {

    @Test
    void allHasOneDetectorPerNarrativeType() {
        List<Detector> all = NarrativeDetectors.all();
        assertThat(all).extracting(Detector::name)
                .containsExactly("person-name", "address", "date", "age", "location");
        Set<PiiType> types = all.stream().flatMap(d -> d.types().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PiiType.class)));
        assertThat(types).containsExactlyInAnyOrder(
                PiiType.PERSON, PiiType.ADDRESS, PiiType.DATE, PiiType.AGE, PiiType.LOCATION);
    }

    @Test
    void clinicalNoteFindsEachKind() {
        String text = """
                Patient: Okafor, Grace
                DOB: 03/14/1931
                Address: 48 Willow Ln, Apt 2, Springfield, IL 62701
                92-year-old woman admitted to St. Mary's Hospital from Chicago, IL on Jan. 5, 2024.
                Seen by Dr. Maria Gonzalez. History of Parkinson's disease. BP 120/80, A1c 7.2.
                """;
        List<String> found = new ArrayList<>();
        for (Detector detector : NarrativeDetectors.all()) {
            List<Finding> out = new ArrayList<>();
            detector.detect(text, out);
            out.forEach(f -> found.add(f.type() + " " + text.substring(f.start(), f.end())));
        }
        assertThat(found).containsExactlyInAnyOrder(
                "PERSON Okafor, Grace",
                "PERSON Maria Gonzalez",
                "ADDRESS 48 Willow Ln, Apt 2, Springfield, IL 62701",
                "DATE 03/14/1931",
                "DATE Jan. 5, 2024",
                "AGE 92",
                "LOCATION St. Mary's Hospital",
                "LOCATION Chicago",
                // inside the address: the engine keeps the longer ADDRESS when the two overlap
                "LOCATION Springfield");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A ", "1/", "Dr. ", "12 ", "1-", "a", "1", ".", "St. ", "Jan 1, ", "12 Oak St, ", "92 yo ",
            "Patient: ", "'s ", "-a", "A\n"})
    void everyDetectorIsLinearOnAMegabyteOfRepeats(String unit) {
        String text = unit.repeat(1_000_000 / unit.length());
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (Detector detector : NarrativeDetectors.all()) {
                count(detector, text);
            }
        });
    }

    @Test
    void emptyAndBlankTextsFindNothing() {
        for (Detector detector : NarrativeDetectors.all()) {
            assertThat(count(detector, "")).isZero();
            assertThat(count(detector, " \n\t ")).isZero();
        }
    }
}
