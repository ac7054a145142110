package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.HANG_GUARD;
import static dev.parley.pii.detect.Detections.count;
import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scored;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import dev.parley.pii.Sensitivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocationDetectorTest {

    private final LocationDetector detector = new LocationDetector();

    @Test
    void cityBeforeAStateIsReportedWithoutTheState() {
        String text = "She grew up in a suburb of Boston, MA and moved.";
        Finding finding = single(detector, text, "Boston");
        assertThat(finding.type()).isEqualTo(PiiType.LOCATION);
        assertThat(finding.start()).isEqualTo(27);
        assertThat(finding.end()).isEqualTo(33);
        assertThat(finding.score()).isEqualTo(LocationDetector.CITY_WITH_STATE);
        assertThat(finding.detector()).isEqualTo("location");
    }

    @Test
    void locationsAreReportedOnlyAtTheStrictLevel() {
        assertThat(PiiType.LOCATION.level()).isEqualTo(Sensitivity.STRICT);
        assertThat(detector.types()).containsExactly(PiiType.LOCATION);
    }

    @Test
    void stateByNameOrAbbreviationWithOrWithoutComma() {
        assertThat(scored(detector, "Phoenix, AZ. Portland Oregon. Kansas City, MO. St. Louis, Missouri."))
                .containsExactly("Phoenix@0.85", "Portland@0.85", "Kansas City@0.85", "St. Louis@0.85");
        assertThat(scored(detector, "New York, New York")).containsExactly("New York@0.85");
        assertThat(scored(detector, "Salt Lake City UT")).containsExactly("Salt Lake City@0.85");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lives in ", "from ", "moved to ", "near ", "In ", "relocated to "})
    void cueBeforeACityScoresLower(String cue) {
        assertThat(scored(detector, "she " + cue + "Denver now")).containsExactly("Denver@0.60");
    }

    @Test
    void cueScoresLessThanAState() {
        assertThat(LocationDetector.CITY_AFTER_CUE).isLessThan(LocationDetector.CITY_WITH_STATE);
    }

    @Test
    void cityWithNothingToShowItIsAPlaceIsNotReported() {
        assertThat(run(detector, "Phoenix is a good name for a cat. Charlotte called. We like Denver")).isEmpty();
        assertThat(run(detector, "in boston, ma")).isEmpty();
    }

    @Test
    void statesAloneAreNeverReported() {
        assertThat(run(detector, "moved from Texas to California; lives in New Mexico; born in Georgia")).isEmpty();
    }

    @Test
    void anyPlaceBeforeAStateAndZipIsReported() {
        assertThat(scored(detector, "Mail to Smallville, KS 66002 soon")).containsExactly("Smallville@0.80");
        assertThat(scored(detector, "Twin Falls, ID 83301")).containsExactly("Twin Falls@0.80");
        assertThat(scored(detector, "123 Main St, Springfield, IL 62701")).containsExactly("Springfield@0.80");
    }

    @Test
    void credentialLikeStateAfterANameNeedsAZip() {
        assertThat(run(detector, "Signed: Dr. Austin, MD")).isEmpty();
        assertThat(covered(detector, "Austin, MD 20601")).containsExactly("Austin");
        assertThat(covered(detector, "Baltimore, MD")).containsExactly("Baltimore");
    }

    @Test
    void countiesIncludeTheWordCounty() {
        assertThat(scored(detector, "She lives in Cook County. Los Angeles County and Prince George's County."))
                .containsExactly("Cook County@0.70", "Los Angeles County@0.70", "Prince George's County@0.70");
        assertThat(scored(detector, "East Baton Rouge Parish")).containsExactly("East Baton Rouge Parish@0.70");
        assertThat(run(detector, "The County office; county records")).isEmpty();
    }

    @Test
    void namedFacilities() {
        String text = "Seen at St. Mary's Hospital, then Springfield General Hospital, Boston Medical Center, "
                + "Mayo Clinic and Sunrise Nursing Home.";
        assertThat(scored(detector, text)).containsExactly("St. Mary's Hospital@0.70",
                "Springfield General Hospital@0.70", "Boston Medical Center@0.70", "Mayo Clinic@0.70",
                "Sunrise Nursing Home@0.70");
        assertThat(covered(detector, "brought to General Hospital")).containsExactly("General Hospital");
    }

    @Test
    void facilityNamesStopAtSentenceStartsAndFunctionWords() {
        assertThat(covered(detector, "Transferred to Mercy Hospital. The Mayo Clinic called."))
                .containsExactly("Mercy Hospital", "Mayo Clinic");
        assertThat(covered(detector, "Discharged. Hospital course was uneventful")).isEmpty();
        assertThat(run(detector, "the hospital and a clinic; Medical Center")).isEmpty();
    }

    @Test
    void cityInsideAFacilityNameIsPartOfTheFacility() {
        assertThat(covered(detector, "from Boston Children's Hospital")).containsExactly("Boston Children's Hospital");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A ", "Hospital ", "New York ", "St. ", "a, ", "in Salt Lake ", "Cook County "})
    void hostileInputsFinishInLinearTime(String unit) {
        String text = unit.repeat(1_000_000 / unit.length());
        assertTimeoutPreemptively(HANG_GUARD, () -> count(detector, text));
    }
}
