package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ledger's guarantees where random data would rarely test them: forced draws, one busy provider-day. */
class MedicalLedgerTest {

    private final MedicalLedger ledger = new MedicalLedger(2, 1000, 100);

    @Test
    void aCleanProviderBillsAtMostFifteenPercentHighestLevelVisitsWhateverItDraws() {
        Procedure highest = Procedures.byCode("99215");
        for (int member = 0; member < 400; member++) {
            Procedure level = ledger.visitLevel(0, highest, false);
            assertThat(ledger.book(0, member, 0, level, 1, false, 1)).isTrue();
            assertThat(100 * ledger.highestLevelVisits(0)).isLessThanOrEqualTo(15 * ledger.visits(0));
        }
        assertThat(ledger.visits(0)).isEqualTo(400);
        assertThat(ledger.highestLevelVisits(0)).isBetween(59, 60);
        assertThat(ledger.visitLevel(0, Procedures.byCode("99205"), false).code()).isIn("99204", "99205");
    }

    @Test
    void anUpcoderBillsAtLeastEightyPercentHighestLevelVisitsWhateverItDraws() {
        Procedure ordinary = Procedures.byCode("99213");
        for (int member = 0; member < 400; member++) {
            Procedure level = ledger.visitLevel(1, ordinary, true);
            assertThat(ledger.book(1, member, 0, level, 1, false, 1)).isTrue();
            assertThat(5 * ledger.highestLevelVisits(1)).isGreaterThanOrEqualTo(4 * ledger.visits(1) - 5);
        }
        assertThat(ledger.highestLevelVisits(1)).isEqualTo(320);
        assertThat(ledger.visitLevel(1, Procedures.byCode("99203"), true).code()).isIn("99203", "99205");
    }

    @Test
    void aProviderDayHoldsEightHoursOfTimedCodesUnlessPlanted() {
        Procedure session = Procedures.byCode("90837");
        int booked = 0;
        for (int member = 0; member < 30; member++) {
            booked += ledger.book(0, member, 10, session, 1, true, 1) ? 1 : 0;
        }
        assertThat(booked).isEqualTo(8);
        // other days and untimed codes are not affected
        assertThat(ledger.book(0, 0, 11, session, 1, true, 1)).isTrue();
        assertThat(ledger.book(0, 0, 10, Procedures.byCode("85025"), 1, true, 1)).isTrue();
        // the planted impossible day books without the cap
        for (int member = 100; member < 130; member++) {
            assertThat(ledger.book(1, member, 10, session, 1, false, 1)).isTrue();
        }
    }

    @Test
    void oneVisitAndOneCodeOfEachPairPerProviderMemberAndDay() {
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("80053"), 1, true, 1)).isTrue();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("80048"), 1, true, 1)).isFalse();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("80053"), 1, true, 1)).isFalse();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("99213"), 1, true, 1)).isTrue();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("99211"), 1, true, 1)).isFalse();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("85025"), 1, true, 1)).isTrue();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("93010"), 1, true, 1)).isTrue();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("93000"), 1, true, 1)).isFalse();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("45380"), 1, true, 1)).isTrue();
        assertThat(ledger.book(0, 1, 5, Procedures.byCode("45378"), 1, true, 1)).isFalse();
        // another member, day or provider is another key
        assertThat(ledger.book(0, 2, 5, Procedures.byCode("80048"), 1, true, 1)).isTrue();
        assertThat(ledger.book(0, 1, 6, Procedures.byCode("80048"), 1, true, 1)).isTrue();
        assertThat(ledger.book(1, 1, 5, Procedures.byCode("80048"), 1, true, 1)).isTrue();
    }

    @Test
    void cleanUnitsStayAtHalfTheRuleMaximumOrLess() {
        for (Procedure procedure : Procedures.ALL) {
            assertThat(2 * procedure.cleanMaxUnits()).as(procedure.code()).isLessThanOrEqualTo(procedure.maxUnits());
            assertThat(procedure.code()).matches("[0-9]{4}[0-9A-Z]");
        }
    }
}
