package dev.parley.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Provider specialties with the codes they bill (weights of a plausible mix) and the diagnoses they treat. */
enum Specialty {
    FAMILY_MEDICINE("Family Medicine", "11",
        new String[] {"E11.9", "I10", "E78.5", "J06.9", "Z00.00", "M54.5", "R05.9", "K21.9", "F41.1", "J45.909",
            "N39.0", "E03.9"},
        "99213:30 99214:18 99212:8 99215:4 99211:2 99203:4 99204:2 99202:1 99205:1 36415:8 85025:6 80053:4 80048:3"
            + " 83036:4 80061:4 84443:3 96372:4 90471:3 90686:3 93000:2"),
    INTERNAL_MEDICINE("Internal Medicine", "11",
        new String[] {"E11.9", "I10", "E78.5", "I25.10", "N18.3", "E03.9", "M54.5", "K21.9", "J44.9", "D64.9",
            "Z00.00"},
        "99213:26 99214:20 99212:6 99215:5 99211:2 99203:4 99204:3 99202:1 99205:1 36415:9 85025:7 80053:5 80048:4"
            + " 83036:5 80061:5 84443:3 96372:3 90686:2 93000:3"),
    CARDIOLOGY("Cardiology", "11",
        new String[] {"I10", "I25.10", "I48.91", "I50.9", "R00.2", "R07.9", "E78.5", "I35.0"},
        "99213:20 99214:16 99212:4 99215:4 99203:4 99204:4 99205:1 93000:12 93010:8 93306:10 93015:6 93224:5"
            + " 80061:3"),
    PHYSICAL_THERAPY("Physical Therapy", "11",
        new String[] {"M54.5", "M25.561", "M17.11", "M75.101", "M62.81", "Z96.651", "M54.2", "S83.511A"},
        "97110:30 97140:22 97530:18 97112:8 97116:8 97161:6 97162:4"),
    PSYCHIATRY("Psychiatry", "11",
        new String[] {"F32.9", "F41.1", "F33.1", "F43.10", "F90.0", "F31.9", "F41.0"},
        "99213:12 99214:14 99212:3 99215:3 99204:2 99205:1 90791:6 90832:12 90834:20 90837:22 90853:5"),
    GASTROENTEROLOGY("Gastroenterology", "11",
        new String[] {"K21.9", "K57.30", "K63.5", "Z12.11", "K50.90", "K58.9", "D12.6", "K92.1"},
        "99213:14 99214:12 99212:3 99215:3 99203:5 99204:4 99205:1 45378:15 45380:12 45385:6 43239:10 85025:4"
            + " 80053:3"),
    PHARMACY("Pharmacy", "01", new String[0], "");

    /** Specialties whose providers bill E/M visits: the peers of RULE-MED-002. */
    static final List<Specialty> BILLING_EM =
        List.of(FAMILY_MEDICINE, INTERNAL_MEDICINE, CARDIOLOGY, PSYCHIATRY, GASTROENTEROLOGY);
    static final List<Specialty> MEDICAL =
        List.of(FAMILY_MEDICINE, INTERNAL_MEDICINE, CARDIOLOGY, PHYSICAL_THERAPY, PSYCHIATRY, GASTROENTEROLOGY);

    private final String label;
    private final String placeOfService;
    private final String[] diagnoses;
    private final Procedure[] mix;
    private final int[] cumulativeWeights;

    Specialty(String label, String placeOfService, String[] diagnoses, String mix) {
        this.label = label;
        this.placeOfService = placeOfService;
        this.diagnoses = diagnoses;
        var codes = new ArrayList<Procedure>();
        var weights = new ArrayList<Integer>();
        int total = 0;
        for (String entry : mix.isBlank() ? new String[0] : mix.trim().split(" ")) {
            String[] parts = entry.split(":");
            codes.add(Procedures.byCode(parts[0]));
            total += Integer.parseInt(parts[1]);
            weights.add(total);
        }
        this.mix = codes.toArray(Procedure[]::new);
        this.cumulativeWeights = weights.stream().mapToInt(Integer::intValue).toArray();
    }

    String label() {
        return label;
    }

    List<Procedure> procedures() {
        return List.of(mix);
    }

    Procedure pickProcedure(SplittableRandom random) {
        int ticket = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; ; i++) {
            if (ticket < cumulativeWeights[i]) {
                return mix[i];
            }
        }
    }

    /** A code of the mix that is no E/M visit (patterns other than upcoding keep E/M shares alone). */
    Procedure pickProcedureOtherThanVisit(SplittableRandom random) {
        while (true) {
            Procedure procedure = pickProcedure(random);
            if (!procedure.evaluationAndManagement()) {
                return procedure;
            }
        }
    }

    String pickDiagnosis(SplittableRandom random) {
        return diagnoses[random.nextInt(diagnoses.length)];
    }

    /** Office (11) mostly; colonoscopies in an ambulatory surgical center (24), some psychiatry by telehealth (02). */
    String placeOfService(Procedure procedure, SplittableRandom random) {
        if (this == GASTROENTEROLOGY && (procedure.code().startsWith("45") || procedure.code().startsWith("43"))) {
            return random.nextInt(4) == 0 ? "22" : "24";
        }
        if (this == PSYCHIATRY && random.nextInt(4) == 0) {
            return "02";
        }
        return placeOfService;
    }
}
