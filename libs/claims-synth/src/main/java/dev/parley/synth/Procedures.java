package dev.parley.synth;

import java.util.ArrayList;
import java.util.List;

/** The CPT codes the generator bills, with base prices of a typical fee schedule. */
final class Procedures {

    static final int EM_FAMILY = 0;
    private static final int CHEMISTRY_PANEL_FAMILY = 1;
    private static final int ECG_FAMILY = 2;
    private static final int COLONOSCOPY_FAMILY = 3;
    private static final int FIRST_OWN_FAMILY = 4;

    static final List<Procedure> ALL;
    static final int FAMILIES;

    static {
        var codes = new ArrayList<Procedure>();
        int[] family = {FIRST_OWN_FAMILY};
        record Row(String code, double price, int minutes, int maxUnits, int family) {
        }
        Row[] rows = {
            // evaluation and management: new patients, then established ones
            new Row("99202", 75.00, 0, 1, EM_FAMILY),
            new Row("99203", 115.00, 0, 1, EM_FAMILY),
            new Row("99204", 170.00, 0, 1, EM_FAMILY),
            new Row("99205", 225.00, 0, 1, EM_FAMILY),
            new Row("99211", 25.00, 0, 1, EM_FAMILY),
            new Row("99212", 60.00, 0, 1, EM_FAMILY),
            new Row("99213", 95.00, 0, 1, EM_FAMILY),
            new Row("99214", 135.00, 30, 1, EM_FAMILY),
            new Row("99215", 185.00, 40, 1, EM_FAMILY),
            // laboratory and injections
            new Row("80053", 15.00, 0, 1, CHEMISTRY_PANEL_FAMILY),
            new Row("80048", 12.00, 0, 1, CHEMISTRY_PANEL_FAMILY),
            new Row("85025", 11.00, 0, 1, -1),
            new Row("36415", 9.00, 0, 1, -1),
            new Row("83036", 13.00, 0, 1, -1),
            new Row("80061", 19.00, 0, 1, -1),
            new Row("84443", 23.00, 0, 1, -1),
            new Row("96372", 25.00, 0, 2, -1),
            new Row("90471", 25.00, 0, 1, -1),
            new Row("90686", 20.00, 0, 1, -1),
            // cardiology
            new Row("93000", 17.00, 0, 1, ECG_FAMILY),
            new Row("93010", 9.00, 0, 1, ECG_FAMILY),
            new Row("93306", 220.00, 0, 1, -1),
            new Row("93015", 80.00, 0, 1, -1),
            new Row("93224", 85.00, 0, 1, -1),
            // gastroenterology
            new Row("45378", 380.00, 0, 1, COLONOSCOPY_FAMILY),
            new Row("45380", 450.00, 0, 1, COLONOSCOPY_FAMILY),
            new Row("45385", 480.00, 0, 1, COLONOSCOPY_FAMILY),
            new Row("43239", 320.00, 0, 1, -1),
            // psychiatry
            new Row("90791", 180.00, 0, 1, -1),
            new Row("90832", 75.00, 30, 1, -1),
            new Row("90834", 100.00, 45, 1, -1),
            new Row("90837", 140.00, 60, 1, -1),
            new Row("90853", 30.00, 0, 1, -1),
            // physical therapy
            new Row("97110", 32.00, 15, 3, -1),
            new Row("97140", 30.00, 15, 3, -1),
            new Row("97530", 36.00, 15, 3, -1),
            new Row("97112", 33.00, 0, 3, -1),
            new Row("97116", 30.00, 0, 3, -1),
            new Row("97161", 100.00, 0, 1, -1),
            new Row("97162", 100.00, 0, 1, -1),
        };
        for (Row row : rows) {
            int minutes = FraudRule.MINUTES.getOrDefault(row.code, 0);
            // clean units stay at half the rule's maximum or less
            if (minutes != row.minutes || row.maxUnits * 2 > FraudRule.maxUnits(row.code)) {
                throw new IllegalStateException("catalog disagrees with the rule defaults at " + row.code);
            }
            codes.add(new Procedure(codes.size(), row.code, Math.round(row.price * 100), minutes, row.maxUnits,
                row.family >= 0 ? row.family : family[0]++));
        }
        ALL = List.copyOf(codes);
        FAMILIES = family[0];
    }

    static final Procedure NEW_PATIENT_HIGHEST = byCode("99205");
    static final Procedure NEW_PATIENT_HIGH = byCode("99204");
    static final Procedure ESTABLISHED_HIGHEST = byCode("99215");
    static final Procedure ESTABLISHED_HIGH = byCode("99214");

    private Procedures() {
    }

    static Procedure byCode(String code) {
        for (Procedure procedure : ALL) {
            if (procedure.code().equals(code)) {
                return procedure;
            }
        }
        throw new IllegalArgumentException("no CPT " + code + " in the catalog");
    }
}
