package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.HANG_GUARD;
import static dev.parley.pii.detect.Detections.count;
import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.scored;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateDetectorTest {

    private final DateDetector detector = new DateDetector();

    @Test
    void numericDateHasExactSpanAndFormatScore() {
        String text = "Last seen 03/14/1962; nothing since.";
        Finding finding = single(detector, text, "03/14/1962");
        assertThat(finding.type()).isEqualTo(PiiType.DATE);
        assertThat(finding.start()).isEqualTo(10);
        assertThat(finding.end()).isEqualTo(20);
        assertThat(finding.detector()).isEqualTo("date");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "03/14/1962|0.80",
            "3/14/1962|0.80",
            "3/14/62|0.70",
            "03-14-1962|0.80",
            "14/03/1962|0.80",
            "14.03.1962|0.80",
            "1962-03-14|0.85",
            "1962/03/14|0.85",
            "1962-03-14T10:30:00Z|0.85",
            "1962-03-14T10:30|0.85",
            "2024-02-29T23:59:59.123+05:30|0.85",
            "14 Mar 1962|0.85",
            "14 March 1962|0.85",
            "14-Mar-1962|0.85",
            "14-Mar-62|0.85",
            "March 14, 1962|0.85",
            "Mar 14 1962|0.85",
            "Mar. 14, 1962|0.85",
            "march 14, 1962|0.85",
            "SEPT 9 2001|0.85",
            "March 14th|0.60",
            "14th of March|0.60",
            "Jan. 5|0.60",
            "Dec 31st|0.60",
            "3 June|0.60",
            "March 1962|0.55",
            "3/14|0.45"})
    void everyCommonFormatHasItsScore(String date, double score) {
        String text = "noted " + date + " here";
        assertThat(scoreOf(detector, text, date)).isCloseTo(score, within(1e-9));
    }

    @Test
    void aTimeGluedByTIsPartOfTheDateButATimeAfterASpaceIsNot() {
        assertThat(covered(detector, "at 2024-01-09T14:00:05Z")).containsExactly("2024-01-09T14:00:05Z");
        assertThat(covered(detector, "signed 2025-02-19 10:00am")).containsExactly("2025-02-19");
        assertThat(covered(detector, "signed 2025-02-19 10:00 PM")).containsExactly("2025-02-19");
        assertThat(covered(detector, "at 2024-01-09T25:00")).isEmpty();
    }

    @Test
    void formsScoreFromMostToLeastCertain() {
        assertThat(DateDetector.ISO).isGreaterThanOrEqualTo(DateDetector.NUMERIC);
        assertThat(DateDetector.NUMERIC).isGreaterThan(DateDetector.NUMERIC_SHORT_YEAR);
        assertThat(DateDetector.WRITTEN).isGreaterThan(DateDetector.WRITTEN_NO_YEAR);
        assertThat(DateDetector.WRITTEN_NO_YEAR).isGreaterThan(DateDetector.MONTH_YEAR);
        assertThat(DateDetector.MONTH_DAY).isLessThan(0.5);
    }

    @Test
    void birthCuesRaiseMoreThanVisitCues() {
        assertThat(scored(detector, "DOB: 03/14/1962")).containsExactly("03/14/1962@0.95");
        assertThat(scored(detector, "Date of birth 14 Mar 1962")).containsExactly("14 Mar 1962@0.95");
        assertThat(scored(detector, "D.O.B. 3/14/62")).containsExactly("3/14/62@0.85");
        assertThat(scored(detector, "born March 1962")).containsExactly("March 1962@0.70");
        assertThat(scored(detector, "Admitted 03/14/2024, discharged 03/18/2024"))
                .containsExactly("03/14/2024@0.90", "03/18/2024@0.90");
        assertThat(scored(detector, "03/14/2024")).containsExactly("03/14/2024@0.80");
    }

    @Test
    void cuesLiftTheWeakMonthDayFormAboveTheThreshold() {
        assertThat(scored(detector, "the 3/14 one")).containsExactly("3/14@0.45");
        assertThat(scored(detector, "seen on 3/14")).containsExactly("3/14@0.55");
        assertThat(scored(detector, "DOB 3/14")).containsExactly("3/14@0.60");
        assertThat(scored(detector, "visit 12/25")).containsExactly("12/25@0.55");
    }

    @Test
    void cueOnAnotherLineOrTooFarBackDoesNotCount() {
        assertThat(scored(detector, "DOB:\n03/14/1962")).containsExactly("03/14/1962@0.80");
        assertThat(scored(detector, "born in a small town far away from here on 03/14/1962"))
                .containsExactly("03/14/1962@0.80");
    }

    @Test
    void bareYearsAreNotDates() {
        assertThat(run(detector, "in 1998 she moved; diagnosed 2004; since 1962")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"02/30/2020", "02/29/2019", "2023-02-29", "2024-02-30", "13/14/2020", "04/31/1990",
            "00/10/1990", "3/0/1990", "Feb 30", "Oct 32", "31 April", "2/30", "1962-13-01", "1700-01-01",
            "03/14/196", "03/14/19623", "2024-01-15T25:00"})
    void impossibleDatesAreRejected(String text) {
        assertThat(covered(detector, "on " + text + " ok")).doesNotContain(text);
    }

    @Test
    void leapDaysAreValidInLeapYears() {
        assertThat(covered(detector, "02/29/2020 and 2000-02-29 and Feb 29"))
                .containsExactly("02/29/2020", "2000-02-29", "Feb 29");
        assertThat(run(detector, "1900-02-29")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BP 120/80", "BP 110/70 mmHg", "took 2/3 of the dose", "1 1/2 tablets", "1/2 tab",
            "pain 10/10", "rated 7/10", "5/5 strength", "4/5", "A1c 7.2", "version 1.2.3", "v1.2.3", "E11.9",
            "192.168.1.1", "555-123-4567", "123-45-6789", "2020-123-4567", "1.2.30", "50% at 3/4%", "ratio 3/4",
            "room 12-3-1", "10.5.2020.1", "1/2/3/4", "ICD I10.2 E78.5", "12:30", "x03/14/1962", "03/14/1962x"})
    void lookAlikesAreNotDates(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void lowerCaseMayAndMarchAreWords() {
        assertThat(run(detector, "you may 2 times a day; do not mar 3 things; march 4 miles")).isEmpty();
        assertThat(covered(detector, "May 2 and march 14, 1962")).containsExactly("May 2", "march 14, 1962");
    }

    @Test
    void monthBeforeAQuantityOrTimeIsNotADay() {
        assertThat(run(detector, "March 5mg; Jan 12:30")).isEmpty();
    }

    @Test
    void sentencePunctuationAfterADateIsLeftOut() {
        assertThat(covered(detector, "Seen 03/14/1962. Next (3/20/1962), then 2024-01-02."))
                .containsExactly("03/14/1962", "3/20/1962", "2024-01-02");
    }

    @Test
    void labelGluedByAColonStillCounts() {
        assertThat(scored(detector, "DOB:03/14/1962")).containsExactly("03/14/1962@0.95");
    }

    @Test
    void severalDatesInOneNote() {
        String text = "DOB 1/2/1950. Admitted Jan. 5, 2024; discharged 2024-01-09T14:00. BP 120/80. F/u 3/14.";
        assertThat(covered(detector, text)).containsExactly("1/2/1950", "Jan. 5, 2024", "2024-01-09T14:00", "3/14");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1/", "12 ", "1-2-", "1.", "March ", "14 Mar ", "2024-01-01T", "A "})
    void hostileInputsFinishInLinearTime(String unit) {
        String text = unit.repeat(1_000_000 / unit.length());
        assertTimeoutPreemptively(HANG_GUARD, () -> count(detector, text));
    }
}
