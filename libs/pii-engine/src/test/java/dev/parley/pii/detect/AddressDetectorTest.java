package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.HANG_GUARD;
import static dev.parley.pii.detect.Detections.count;
import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.scored;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressDetectorTest {

    private final AddressDetector detector = new AddressDetector();

    @Test
    void fullAddressLineIncludesCityStateAndZip() {
        String text = "He lives at 123 Main St, Springfield, IL 62701 with his wife.";
        Finding finding = single(detector, text, "123 Main St, Springfield, IL 62701");
        assertThat(finding.type()).isEqualTo(PiiType.ADDRESS);
        assertThat(finding.start()).isEqualTo(12);
        assertThat(finding.end()).isEqualTo(46);
        assertThat(finding.score()).isEqualTo(AddressDetector.FULL);
        assertThat(finding.detector()).isEqualTo("address");
    }

    @Test
    void streetLineAloneScoresLowerThanAFullLine() {
        assertThat(scoreOf(detector, "mail it to 742 Evergreen Terrace please", "742 Evergreen Terrace"))
                .isEqualTo(AddressDetector.STREET);
        assertThat(AddressDetector.STREET).isLessThan(AddressDetector.FULL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Street", "St", "St.", "Avenue", "Ave", "Road", "Rd", "Blvd", "Lane", "Ln", "Drive", "Dr",
            "Court", "Ct", "Way", "Place", "Pl", "Terrace", "Circle", "Highway", "Hwy", "Parkway", "Pkwy", "STREET"})
    void everyCommonSuffixEndsAStreet(String suffix) {
        String street = "48 Willow " + suffix;
        assertThat(scoreOf(detector, "at " + street + " today", street)).isEqualTo(AddressDetector.STREET);
    }

    @Test
    void houseNumbersTakeOneToSixDigitsAndALetter() {
        assertThat(covered(detector, "at 7 Elm St and 221B Baker Street and 123456 Long Rd"))
                .containsExactly("7 Elm St", "221B Baker Street", "123456 Long Rd");
        assertThat(run(detector, "ref 1234567 Long Rd")).isEmpty();
    }

    @Test
    void directionsAndOrdinalsArePartOfTheStreet() {
        assertThat(covered(detector, "at 55 W. 42nd St. near")).containsExactly("55 W. 42nd St.");
        assertThat(covered(detector, "at 1600 Pennsylvania Avenue NW today"))
                .containsExactly("1600 Pennsylvania Avenue NW");
        assertThat(covered(detector, "at 10 N Martin Luther King Jr Blvd."))
                .containsExactly("10 N Martin Luther King Jr Blvd.");
    }

    @Test
    void unitsArePartOfTheStreetLine() {
        assertThat(covered(detector, "at 123 N. Main Street Apt 4B today"))
                .containsExactly("123 N. Main Street Apt 4B");
        assertThat(covered(detector, "at 350 Fifth Ave, Suite 200 now")).containsExactly("350 Fifth Ave, Suite 200");
        assertThat(covered(detector, "at 9 Oak Ln Unit 3 and 4 Pine Ct #12."))
                .containsExactly("9 Oak Ln Unit 3", "4 Pine Ct #12");
        assertThat(covered(detector, "at 9 Oak Ln Apt. #12-C")).containsExactly("9 Oak Ln Apt. #12-C");
    }

    @Test
    void cityStateAndZipVariants() {
        assertThat(scored(detector, "Send to 1600 Pennsylvania Avenue NW, Washington, DC 20500."))
                .containsExactly("1600 Pennsylvania Avenue NW, Washington, DC 20500@0.95");
        assertThat(covered(detector, "at 350 5th Ave, Suite 3300, New York, NY 10118-0110 ok"))
                .containsExactly("350 5th Ave, Suite 3300, New York, NY 10118-0110");
        assertThat(covered(detector, "at 1 Infinite Loop, Cupertino, California today"))
                .containsExactly("1 Infinite Loop, Cupertino, California");
        assertThat(covered(detector, "at 12 Elm St NE, Omaha, NE 68102"))
                .containsExactly("12 Elm St NE, Omaha, NE 68102");
        assertThat(covered(detector, "at 12 Elm St, IL 62701")).containsExactly("12 Elm St, IL 62701");
        assertThat(covered(detector, "at 4254 Cherry Pkwy, Charlotte, NC, 28229-7663."))
                .containsExactly("4254 Cherry Pkwy, Charlotte, NC, 28229-7663");
        assertThat(covered(detector, "at 12 Elm St Salt Lake City UT 84101"))
                .containsExactly("12 Elm St Salt Lake City UT 84101");
    }

    @Test
    void cityMayFollowOnTheNextLine() {
        String text = "Address:\n123 Main St.\nSpringfield, IL 62701\nPhone: none";
        assertThat(covered(detector, text)).containsExactly("123 Main St.\nSpringfield, IL 62701");
    }

    @Test
    void stateFollowedByMoreWordsNeedsAZip() {
        assertThat(covered(detector, "at 12 Elm St, Georgia said no")).containsExactly("12 Elm St");
        assertThat(covered(detector, "at 12 Elm St Springfield IL today")).containsExactly("12 Elm St");
    }

    @Test
    void poBoxes() {
        assertThat(scored(detector, "Write to PO Box 123 please")).containsExactly("PO Box 123@0.90");
        assertThat(covered(detector, "P.O. Box 42, P. O. Box 7 and po box #99 and Post Office Box 5"))
                .containsExactly("P.O. Box 42", "P. O. Box 7", "po box #99", "Post Office Box 5");
        assertThat(scored(detector, "PO Box 123, Austin, TX 78701"))
                .containsExactly("PO Box 123, Austin, TX 78701@0.95");
    }

    @Test
    void landmarkSuffixesScoreLowerAndAStrongerSuffixWins() {
        assertThat(scoreOf(detector, "at 12 Oak Hill today", "12 Oak Hill")).isEqualTo(AddressDetector.LANDMARK_STREET);
        assertThat(covered(detector, "at 12 Forest Park Drive today")).containsExactly("12 Forest Park Drive");
        assertThat(covered(detector, "at 12 Court St today")).containsExactly("12 Court St");
        assertThat(AddressDetector.LANDMARK_STREET).isLessThan(AddressDetector.STREET);
    }

    @Test
    void routeNumbersFollowTheirSuffix() {
        assertThat(covered(detector, "at 4500 Highway 101 north")).containsExactly("4500 Highway 101");
        assertThat(covered(detector, "at 12 State Route 9 today")).containsExactly("12 State Route 9");
    }

    @Test
    void lowerCaseStreetsCountOnlyAfterAnAddressCue() {
        assertThat(covered(detector, "i live at 42 oak street now")).containsExactly("42 oak street");
        assertThat(covered(detector, "my address is 9 w elm ave apt 2")).containsExactly("9 w elm ave apt 2");
        assertThat(run(detector, "walked 3 blocks down the street")).isEmpty();
        assertThat(run(detector, "took 2 pills on the road")).isEmpty();
    }

    @Test
    void numbersThatAreNotHouseNumbers() {
        assertThat(run(detector, "In 2019 Main Street was closed")).isEmpty();
        assertThat(run(detector, "Room 12 North Wing, Suite 3 Main St")).isEmpty();
        assertThat(run(detector, "took 2 Tylenol, 10 Mg daily; 60 Ct bottle")).isEmpty();
        assertThat(run(detector, "call 555-123 Main")).isEmpty();
    }

    @Test
    void noSuffixNoAddress() {
        assertThat(run(detector, "at 12 Main today, 4 Oak and 12 Broadway")).isEmpty();
        assertThat(run(detector, "12 Street")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 ", "A ", "123 Main ", "12 Oak St, ", "1 A B C D E F G ", "P.O. ", "#",
            "12 Oak St Apt "})
    void hostileInputsFinishInLinearTime(String unit) {
        String text = unit.repeat(1_000_000 / unit.length());
        assertTimeoutPreemptively(HANG_GUARD, () -> count(detector, text));
    }
}
